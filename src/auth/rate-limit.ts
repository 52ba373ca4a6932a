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
  return (await count(db, clock, key, limit, windowMs, false)) !== null;
}

/**
 * Like `rateLimit`, but a request refused counts for nothing: only what was let through uses up the
 * limit. For counting what is actually done (emails sent), where a refused request costs nothing.
 */
export async function takeIfWithinLimit(db: Kysely<DB>, clock: Clock, key: string, limit: number, windowMs: number): Promise<boolean> {
  return (await count(db, clock, key, limit, windowMs, true)) !== null;
}

/** One atomic upsert, so concurrent requests from several processes all count; the count, or null if over the limit. */
async function count(db: Kysely<DB>, clock: Clock, key: string, limit: number, windowMs: number, onlyWithin: boolean): Promise<number | null> {
  const id = hashSecret(key);
  const now = clock.now();
  const iso = now.toISOString();
  const expired = new Date(now.getTime() - windowMs).toISOString();
  const row = await db
    .insertInto('rate_limits')
    .values({ key: id, hits: 1, window_started_at: iso })
    .onConflict((oc) => {
      const update = oc.column('key').doUpdateSet((eb) => {
        const over = eb('rate_limits.window_started_at', '<=', expired);
        return {
          hits: eb
            .case()
            .when(over)
            .then(1)
            .else(eb('rate_limits.hits', '+', 1))
            .end(),
          window_started_at: eb.case().when(over).then(iso).else(eb.ref('rate_limits.window_started_at')).end(),
        };
      });
      return onlyWithin ? update.where((eb) => eb.or([eb('rate_limits.window_started_at', '<=', expired), eb('rate_limits.hits', '<', limit)])) : update;
    })
    .returning('hits')
    .executeTakeFirst();
  // Every new email or address asked about adds a row; now and then the long-finished windows go.
  // After the count, and never this key's row, so the sweep cannot take the count with it.
  if (Math.random() < SWEEP_CHANCE) {
    await db
      .deleteFrom('rate_limits')
      .where('window_started_at', '<', new Date(now.getTime() - MAX_WINDOW_MS).toISOString())
      .where('key', '!=', id)
      .execute();
  }
  return row && row.hits <= limit ? row.hits : null;
}
