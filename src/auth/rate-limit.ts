import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { hashSecret } from '../lib/tokens.ts';

/**
 * Counts one request against `key` and answers whether it is within `limit` requests per `windowMs`
 * (a fixed window starting at the first request). Kept in the database, so every app process shares
 * the count; the key is stored hashed, so it may hold an email or network address. Name keys by form
 * and by what is counted, e.g. `password-reset:email:${email}`, and call it once per limit, broadest
 * first, so a request refused by one limit does not use up the next.
 */
export async function rateLimit(db: Kysely<DB>, clock: Clock, key: string, limit: number, windowMs: number): Promise<boolean> {
  const id = hashSecret(key);
  const now = clock.now();
  const iso = now.toISOString();
  const expired = new Date(now.getTime() - windowMs).toISOString();
  await db
    .insertInto('rate_limits')
    .values({ key: id, hits: 0, window_started_at: iso })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // One statement (SET sees the row as it was), so concurrent requests from several processes all count.
  const row = await db
    .updateTable('rate_limits')
    .set((eb) => ({
      hits: eb
        .case()
        .when('window_started_at', '<=', expired)
        .then(1)
        .else(eb('hits', '+', 1))
        .end(),
      window_started_at: eb.case().when('window_started_at', '<=', expired).then(iso).else(eb.ref('window_started_at')).end(),
    }))
    .where('key', '=', id)
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits <= limit;
}
