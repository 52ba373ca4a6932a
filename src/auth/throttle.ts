import type { Db } from '../db/index.ts';
import type { Clock } from '../lib/clock.ts';
import { MINUTE } from '../lib/clock.ts';
import { hashSecret } from '../lib/tokens.ts';

/**
 * Failed sign-in limits, kept in the database so every app process shares them. Keys are hashed:
 * the table never holds an email or IP address in clear.
 */
export const THROTTLE = {
  window: 15 * MINUTE,
  lockout: 15 * MINUTE,
  perAccount: 5,
  perAddress: 30,
} as const;

export const accountKey = (email: string): string => `account:${hashSecret(email.trim().toLowerCase())}`;
export const addressKey = (ip: string): string => `address:${hashSecret(ip)}`;

/** When the earliest of these keys unlocks, or null if none is locked. */
export async function lockedUntil(db: Db, clock: Clock, keys: string[]): Promise<Date | null> {
  const now = clock.now().toISOString();
  const rows = await db.selectFrom('sign_in_throttles').select('locked_until').where('key', 'in', keys).where('locked_until', '>', now).execute();
  const times = rows.map((r) => r.locked_until!).sort();
  return times.length ? new Date(times[times.length - 1]!) : null;
}

/** Counts a failed sign-in against a key, locking it once the limit is reached within the window. */
export async function recordFailure(db: Db, clock: Clock, key: string, limit: number): Promise<void> {
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    // Insert-if-absent first so two processes failing at once for a new key do not collide.
    await trx
      .insertInto('sign_in_throttles')
      .values({ key, failures: 0, window_started_at: now.toISOString(), locked_until: null })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await trx.selectFrom('sign_in_throttles').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
    const windowOpen = now.getTime() - new Date(row.window_started_at).getTime() < THROTTLE.window;
    const failures = windowOpen ? row.failures + 1 : 1;
    const reachedLimit = failures >= limit;
    await trx
      .updateTable('sign_in_throttles')
      .set({
        // Once locked, counting starts again from zero after the lockout.
        failures: reachedLimit ? 0 : failures,
        window_started_at: reachedLimit || !windowOpen ? now.toISOString() : row.window_started_at,
        locked_until: reachedLimit ? new Date(now.getTime() + THROTTLE.lockout).toISOString() : row.locked_until,
      })
      .where('key', '=', key)
      .execute();
  });
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('sign_in_throttles').where('key', '=', key).execute();
}
