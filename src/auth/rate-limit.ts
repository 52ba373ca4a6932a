import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DAY, type Clock } from '../lib/clock.ts';
import { hashSecret } from '../lib/tokens.ts';

const SWEEP_CHANCE = 0.02;
/** Rows older than this are swept, so a window may be at most this long. */
export const MAX_WINDOW_MS = DAY;

/**
 * Counts one request against `key` and answers whether it is within `limit` requests per `windowMs`
 * (a fixed window starting at the first request). Kept in the database, so every app process shares
 * the count; the key is stored hashed, so it may hold an email or network address. Name keys by form
 * and by what is counted, e.g. `password-reset:email:${email}`, and call it once per limit, broadest
 * first, so a request refused by one limit does not use up the next. `windowMs` is at most a day.
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
  // Every new email or address asked about adds a row; now and then the long-finished windows go.
  if (Math.random() < SWEEP_CHANCE) {
    await db
      .deleteFrom('rate_limits')
      .where('window_started_at', '<', new Date(now.getTime() - MAX_WINDOW_MS).toISOString())
      .execute();
  }
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
