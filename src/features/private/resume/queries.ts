import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';

/** The path a kept writing was sent to, if it is this person's. */
export async function pendingSavePath(db: Kysely<DB>, userId: string, id: string): Promise<string | undefined> {
  return (await db.selectFrom('pending_saves').select('path').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst())?.path;
}
