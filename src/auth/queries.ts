import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { toNumber } from '../db/helpers.ts';

/** Active administrators: setup is open while there are none, and the last one cannot be removed. */
export async function countActiveAdministrators(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('role', '=', 'administrator')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return toNumber(row.n);
}
