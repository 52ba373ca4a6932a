import type { Kysely } from 'kysely';
import type { DB, User } from '../../db/schema.ts';

export type UserSummary = Pick<User, 'id' | 'name' | 'email' | 'role' | 'status' | 'created_at'>;

/** Everyone with an account, by name; for administrators only (the route checks). */
export function listUsers(db: Kysely<DB>): Promise<UserSummary[]> {
  return db.selectFrom('users').select(['id', 'name', 'email', 'role', 'status', 'created_at']).orderBy('name').orderBy('email').limit(1000).execute();
}

export function getUser(db: Kysely<DB>, id: string): Promise<UserSummary | undefined> {
  return db.selectFrom('users').select(['id', 'name', 'email', 'role', 'status', 'created_at']).where('id', '=', id).executeTakeFirst();
}

export { countActiveAdministrators } from '../../auth/queries.ts';
