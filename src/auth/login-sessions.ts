import type { Kysely } from 'kysely';
import type { Deps } from '../types.ts';
import type { DB } from '../db/schema.ts';
import { hashSecret, newSecret } from '../lib/tokens.ts';
import { isoAfter, MINUTE } from '../lib/clock.ts';
import { packed, unpack } from '../db/helpers.ts';
import { COHORT_ROLES, isOrgRole, type Actor, type CohortRole } from '../policies/actor.ts';

export const LOGIN_COOKIE = 'pt_login';

/** Starts a login session and returns the secret for the cookie; only its hash is stored. */
export async function startLoginSession(deps: Pick<Deps, 'clock' | 'config'>, db: Kysely<DB>, userId: string): Promise<string> {
  const secret = newSecret();
  const now = deps.clock.now();
  await db
    .insertInto('login_sessions')
    .values({
      id: hashSecret(secret),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: isoAfter(now, deps.config.sessionAbsoluteMs),
    })
    .execute();
  return secret;
}

export async function endLoginSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('login_sessions').where('id', '=', sessionId).execute();
}

/** Ends every login session of a person: on password change, reset and deactivation. */
export async function endAllLoginSessions(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom('login_sessions').where('user_id', '=', userId).execute();
}

// Writing last_seen_at on every request would make every page a write; a minute's precision is plenty.
const TOUCH_AFTER_MS = MINUTE;

/**
 * Finds the person behind a login session cookie. When the login session has been idle too long or
 * passed its absolute lifetime it is deleted and only the user id comes back; null when there is no
 * such login session or the account is not active.
 */
export async function resolveLoginSession(deps: Deps, secret: string): Promise<{ actor: Actor; sessionId: string } | { expiredUserId: string } | null> {
  const { db, clock, config } = deps;
  const sessionId = hashSecret(secret);
  // Every request asks this, so the person, their cohort roles (packed into one column; a facilitator
  // may hold dozens) and whether they are a safeguarding lead (for the navigation) come back in one query.
  const row = await db
    .selectFrom('login_sessions')
    .innerJoin('users', 'users.id', 'login_sessions.user_id')
    .select((eb) => [
      'login_sessions.last_seen_at',
      'login_sessions.expires_at',
      'users.id',
      'users.name',
      'users.email',
      'users.role',
      'users.status',
      eb
        .selectFrom('cohort_members')
        .select(packed('cohort_members.cohort_id', 'cohort_members.role').as('packed'))
        .whereRef('cohort_members.user_id', '=', 'users.id')
        .as('grants'),
      eb.selectFrom('safeguarding_leads').select('safeguarding_leads.user_id').whereRef('safeguarding_leads.user_id', '=', 'users.id').as('lead'),
    ])
    .where('login_sessions.id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return null;
  const now = clock.now();
  const idleExpired = now.getTime() - new Date(row.last_seen_at).getTime() > config.sessionIdleMs;
  const expired = now.toISOString() >= row.expires_at;
  if (idleExpired || expired || row.status !== 'active') {
    await endLoginSession(db, sessionId);
    // Who it was matters for one thing: keeping what they were writing until they sign in again.
    return row.status === 'active' ? { expiredUserId: row.id } : null;
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
    await db.updateTable('login_sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', sessionId).execute();
  }
  const cohortRoles = unpack(row.grants).flatMap(([cohortId, role]) =>
    COHORT_ROLES.includes(role as CohortRole) ? [{ cohortId: cohortId!, role: role as CohortRole }] : [],
  );
  return {
    sessionId,
    actor: {
      id: row.id,
      name: row.name,
      email: row.email,
      role: isOrgRole(row.role) ? row.role : null,
      cohortRoles,
      safeguardingLead: row.lead !== null && row.lead !== undefined,
    },
  };
}
