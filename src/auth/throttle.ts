import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { DAY, HOUR, MINUTE } from '../lib/clock.ts';
import { hashSecret } from '../lib/tokens.ts';

/**
 * How failed sign-ins slow further attempts (ADR 18). After `free` failures each further one doubles
 * the wait before the next attempt, from `baseMs` up to `capMs`: never a lock, so nobody can shut an
 * owner out for good, and a browser that signed in before is counted on its own device cookie, apart
 * from everything an attacker does elsewhere.
 */
export interface BackoffRule {
  free: number;
  baseMs: number;
  capMs: number;
}

export const BACKOFF = {
  /** Browsers that have not signed in to this account before, together, per account. */
  account: { free: 5, baseMs: 1000, capMs: 15 * MINUTE },
  /** One browser holding this account's device cookie. */
  device: { free: 5, baseMs: 1000, capMs: 15 * MINUTE },
  /** Browsers without a device cookie, per network address, whatever account they try. */
  address: { free: 20, baseMs: 1000, capMs: HOUR },
  /** A run of failures is forgotten after this long without one. */
  forgetAfterMs: DAY,
} as const;

const SWEEP_CHANCE = 0.02;

// Keys are hashed: the table never holds an email address, a device nonce or an IP address in clear.
export const accountKey = (email: string): string => `account:${hashSecret(email.trim().toLowerCase())}`;
export const deviceKey = (nonce: string): string => `device:${hashSecret(nonce)}`;
export const addressKey = (ip: string): string => `address:${hashSecret(ip)}`;

/** The wait after the n-th failure in a row. */
export function backoffDelay(rule: BackoffRule, failures: number): number {
  if (failures <= rule.free) return 0;
  return Math.min(rule.capMs, rule.baseMs * 2 ** Math.min(30, failures - rule.free - 1));
}

/** When the latest of these keys lets the next attempt in, or null if none is waiting. */
export async function blockedUntil(db: Kysely<DB>, clock: Clock, keys: string[]): Promise<Date | null> {
  const now = clock.now().toISOString();
  const rows = await db.selectFrom('sign_in_backoffs').select('blocked_until').where('key', 'in', keys).where('blocked_until', '>', now).execute();
  const times = rows.map((r) => r.blocked_until).sort();
  return times.length ? new Date(times[times.length - 1]!) : null;
}

/** Counts a failed sign-in against a key and sets how long the next attempt must wait. */
export async function recordFailure(db: Kysely<DB>, clock: Clock, key: string, rule: BackoffRule): Promise<void> {
  const now = clock.now();
  const iso = now.toISOString();
  const forgetBefore = new Date(now.getTime() - BACKOFF.forgetAfterMs).toISOString();
  await db
    .insertInto('sign_in_backoffs')
    .values({ key, failures: 0, last_failure_at: iso, blocked_until: iso })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // Guesses at made-up addresses add a row each; now and then the forgotten ones go.
  if (Math.random() < SWEEP_CHANCE) await db.deleteFrom('sign_in_backoffs').where('last_failure_at', '<', forgetBefore).execute();
  // One statement, so two processes counting the same key at once both count.
  const row = await db
    .updateTable('sign_in_backoffs')
    .set((eb) => ({
      failures: eb
        .case()
        .when('last_failure_at', '<', forgetBefore)
        .then(1)
        .else(eb('failures', '+', 1))
        .end(),
      last_failure_at: iso,
    }))
    .where('key', '=', key)
    .returning('failures')
    .executeTakeFirstOrThrow();
  const until = new Date(now.getTime() + backoffDelay(rule, row.failures)).toISOString();
  await db.updateTable('sign_in_backoffs').set({ blocked_until: until }).where('key', '=', key).where('blocked_until', '<', until).execute();
}

/** Forgets the failures counted against a key, after the person behind it proved who they are. */
export async function clearBackoff(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('sign_in_backoffs').where('key', '=', key).execute();
}
