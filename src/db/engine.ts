import { PostgresAdapter, type Kysely } from 'kysely';

/** Which engine a Kysely instance talks to, for the few places (migrations, search) that must differ. */
export const engineOf = (db: Kysely<unknown>): 'sqlite' | 'postgres' => (db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite');
