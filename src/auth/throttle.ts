import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { DAY, HOUR, MINUTE } from '../lib/clock.ts';
import { hashSecret } from '../lib/tokens.ts';

/**
 * How failed sign-ins slow further attempts (ADR 18). The first `free` failures cost nothing; from
 * then on each one makes the next attempt wait, from `baseMs` doubling up to `capMs`: never a lock,
 * so nobody can shut an owner out for good. A browser that signed in before is counted on its own
 * device cookie, apart from everything an attacker does elsewhere.
 */
export interface BackoffRule {
  free: number;
  baseMs: number;
  capMs: number;
}

export const BACKOFF = {
  /** Browsers that have not signed in to this account before, per account and network address together. */
  account: { free: 5, baseMs: 1000, capMs: 15 * MINUTE },
  /** One browser holding this account's device cookie. */
  device: { free: 5, baseMs: 1000, capMs: 15 * MINUTE },
  /** Browsers without a device cookie, per network address, whatever account they try. */
  address: { free: 20, baseMs: 1000, capMs: HOUR },
  /** A run of failures is forgotten after this long without one. */
  forgetAfterMs: DAY,
} as const;

const SWEEP_CHANCE = 0.02;
/** `blocked_until` of a key that has not had to wait yet. */
const NOT_WAITING = new Date(0).toISOString();

// Keys are hashed: the table never holds an email address, a device nonce or an IP address in clear.
export const accountKey = (email: string, ip: string): string => `account:${hashSecret(`${email.trim().toLowerCase()}\n${ip}`)}`;
export const deviceKey = (nonce: string): string => `device:${hashSecret(nonce)}`;
export const addressKey = (ip: string): string => `address:${hashSecret(ip)}`;

/** The wait after the n-th failure in a row. */
export function backoffDelay(rule: BackoffRule, failures: number): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.capMs, rule.baseMs * 2 ** Math.min(30, failures - rule.free));
}

/** When the latest of these keys lets the next attempt in, or null if none is waiting. */
export async function blockedUntil(db: Kysely<DB>, clock: Clock, keys: string[]): Promise<Date | null> {
  const now = clock.now().toISOString();
  const rows = await db.selectFrom('sign_in_backoffs').select('blocked_until').where('key', 'in', keys).where('blocked_until', '>', now).execute();
  const times = rows.map((r) => r.blocked_until).sort();
  return times.length ? new Date(times[times.length - 1]!) : null;
}

/**
 * Takes one attempt on a key before the password is checked, and answers whether it may go ahead:
 * false while the key waits (nothing is counted then). The attempt counts as a failure straight away
 * and sets the wait for the next one, in one statement, so attempts sent at the same moment, from
 * any number of processes, are each counted before any is checked. A success gives it back
 * (`clearBackoff`, `refundAttempt`).
 */
export async function reserveAttempt(db: Kysely<DB>, clock: Clock, key: string, rule: BackoffRule): Promise<boolean> {
  const now = clock.now();
  const iso = now.toISOString();
  const forgetBefore = new Date(now.getTime() - BACKOFF.forgetAfterMs).toISOString();
  const until = (failures: number) => new Date(now.getTime() + backoffDelay(rule, failures)).toISOString();
  // Each count from the first that waits up to the first that reaches the cap, with when the next attempt may come.
  const steps: [number, string][] = [];
  for (let n = rule.free; backoffDelay(rule, n) < rule.capMs; n++) steps.push([n, until(n)]);
  const row = await db
    .insertInto('sign_in_backoffs')
    .values({ key, failures: 1, last_failure_at: iso, blocked_until: backoffDelay(rule, 1) > 0 ? until(1) : NOT_WAITING })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => {
          const failures = eb
            .case()
            .when('sign_in_backoffs.last_failure_at', '<', forgetBefore)
            .then(1)
            .else(eb('sign_in_backoffs.failures', '+', 1))
            .end();
          // A free failure leaves the time as it was: set to "now", it would turn away an attempt
          // running at the same moment whose clock read a millisecond earlier.
          let wait = eb
            .case()
            .when(eb(failures, '<', rule.free))
            .then(eb.ref('sign_in_backoffs.blocked_until'));
          for (const [n, at] of steps) wait = wait.when(eb(failures, '<=', n)).then(at);
          return { failures, last_failure_at: iso, blocked_until: wait.else(new Date(now.getTime() + rule.capMs).toISOString()).end() };
        })
        .where('sign_in_backoffs.blocked_until', '<=', iso),
    )
    .returning('failures')
    .executeTakeFirst();
  // Guesses at made-up addresses add a row each; now and then the forgotten ones go (never this key's).
  if (Math.random() < SWEEP_CHANCE) {
    await db.deleteFrom('sign_in_backoffs').where('last_failure_at', '<', forgetBefore).where('key', '!=', key).execute();
  }
  return row !== undefined;
}

/** Gives back an attempt taken on a key that turned out not to be a failure; the wait it set stays. */
export async function refundAttempt(db: Kysely<DB>, key: string): Promise<void> {
  await db
    .updateTable('sign_in_backoffs')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
}

/** Forgets the failures counted against a key, after the person behind it proved who they are. */
export async function clearBackoff(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('sign_in_backoffs').where('key', '=', key).execute();
}
