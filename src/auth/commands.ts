import type { Insertable } from 'kysely';
import type { Deps } from '../types.ts';
import type { UsersTable } from '../db/schema.ts';
import { recordAudit } from '../audit/audit.ts';
import { lockUsersForSetup } from '../db/index.ts';
import { countActiveAdministrators } from './queries.ts';
import { isOrgRole, type Actor, type CohortRole, type OrgRole } from '../policies/actor.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { endAllLoginSessions, startLoginSession } from './login-sessions.ts';
import { accountKey, addressKey, BACKOFF, blockedUntil, clearBackoff, deviceKey, refundAttempt, reserveAttempt, type BackoffRule } from './throttle.ts';
import { issueDeviceCookie, knownDevice } from './devices.ts';
import { rateLimit, takeIfWithinLimit } from './rate-limit.ts';
import { HOUR, MINUTE } from '../lib/clock.ts';
import { consumeToken, issueToken } from './tokens.ts';

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** Whether the first-run setup is still open: true until an active administrator exists. */
export async function setupIsOpen(deps: Pick<Deps, 'db'>): Promise<boolean> {
  return (await countActiveAdministrators(deps.db)) === 0;
}

/**
 * A new account's row: active with a password, or invited (no password until they accept). The one
 * place an email address is normalised and a name trimmed on the way in.
 */
export function newUserRow(
  id: string,
  input: { email: string; name: string; role: OrgRole | null; passwordHash: string | null },
  now: string,
): Insertable<UsersTable> {
  return {
    id,
    email: normaliseEmail(input.email),
    name: input.name.trim(),
    role: input.role,
    status: input.passwordHash ? 'active' : 'invited',
    password_hash: input.passwordHash,
    created_at: now,
    updated_at: now,
    password_changed_at: input.passwordHash ? now : null,
    deactivated_at: null,
  };
}

/** Creates the first administrator and signs them in; returns null if an administrator already exists. */
export async function createFirstAdministrator(
  deps: Deps,
  input: { name: string; email: string; password: string; ip: string },
): Promise<{ loginSecret: string; deviceCookie: string } | null> {
  const passwordHash = await hashPassword(input.password);
  const created = await deps.db.transaction().execute(async (trx) => {
    await lockUsersForSetup(trx, deps.database.engine);
    if (!(await setupIsOpen({ db: trx }))) return null;
    const now = deps.clock.now().toISOString();
    const id = crypto.randomUUID();
    await trx
      .insertInto('users')
      .values(newUserRow(id, { ...input, role: 'administrator', passwordHash }, now))
      .execute();
    await recordAudit(trx, deps.clock, { action: 'first_administrator_created', actorUserId: id, subjectUserId: id, ip: input.ip });
    return { userId: id, loginSecret: await startLoginSession(deps, trx, id) };
  });
  return created && { loginSecret: created.loginSecret, deviceCookie: await issueDeviceCookie(deps.db, deps.clock, created.userId) };
}

export type SignInResult =
  { ok: true; loginSecret: string; deviceCookie: string; actor: Actor } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'throttled'; until: Date };

/**
 * Checks an email and password. Wrong email, wrong password and inactive account give the same
 * answer, so the form cannot be used to find out who has an account. Failures slow further attempts
 * (ADR 18): from a browser holding this account's device cookie they count against that cookie only;
 * from any other browser, against the account from this network address, and against the address.
 * Each attempt is taken from those allowances before the password is checked, so guesses sent all at
 * once cannot slip past the back-off.
 */
export async function signIn(deps: Deps, input: { email: string; password: string; ip: string; device?: string | undefined }): Promise<SignInResult> {
  const { db, clock } = deps;
  const email = normaliseEmail(input.email);
  const user = await db.selectFrom('users').select(['id', 'name', 'email', 'role', 'password_hash', 'status']).where('email', '=', email).executeTakeFirst();
  const device = user ? await knownDevice(db, clock, user.id, input.device) : null;
  const counted: [string, BackoffRule][] = device
    ? [[deviceKey(device), BACKOFF.device]]
    : [
        [accountKey(email, input.ip), BACKOFF.account],
        [addressKey(input.ip), BACKOFF.address],
      ];
  const keys = counted.map(([key]) => key);
  const throttled = async (): Promise<SignInResult> => {
    await recordAudit(db, clock, { action: 'sign_in_throttled', ip: input.ip });
    return { ok: false, reason: 'throttled', until: (await blockedUntil(db, clock, keys)) ?? clock.now() };
  };
  // A waiting key refuses without counting anything; the reservations then settle races between attempts.
  if (await blockedUntil(db, clock, keys)) return throttled();
  const reserved: string[] = [];
  for (const [key, rule] of counted) {
    if (!(await reserveAttempt(db, clock, key, rule))) {
      for (const taken of reserved) await refundAttempt(db, taken);
      return throttled();
    }
    reserved.push(key);
  }
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !passwordOk || user.status !== 'active') {
    await recordAudit(db, clock, { action: 'sign_in_failed', subjectUserId: user?.id ?? null, ip: input.ip });
    return { ok: false, reason: 'wrong' };
  }
  const signedIn = await db.transaction().execute(async (trx) => {
    // The first key is this browser's own (its device cookie, or the account from this address); the
    // address's bucket, shared with other accounts, only gets this attempt back.
    await clearBackoff(trx, keys[0]!);
    for (const key of keys.slice(1)) await refundAttempt(trx, key);
    await recordAudit(trx, clock, { action: 'sign_in', actorUserId: user.id, subjectUserId: user.id, ip: input.ip });
    const grants = await trx.selectFrom('cohort_members').select(['cohort_id', 'role']).where('user_id', '=', user.id).execute();
    const actor: Actor = {
      id: user.id,
      name: user.name,
      email: user.email,
      role: isOrgRole(user.role) ? user.role : null,
      cohortRoles: grants.map((g) => ({ cohortId: g.cohort_id, role: g.role as CohortRole })),
    };
    return { loginSecret: await startLoginSession(deps, trx, user.id), actor };
  });
  return { ok: true, ...signedIn, deviceCookie: await issueDeviceCookie(db, clock, user.id) };
}

/**
 * Reset emails: requests an hour per network address; emails sent an hour per address asked for, or
 * per known browser for its own account; and, whatever those say, one email per address asked for
 * every `floorMs`.
 */
export const RESET_LIMITS = { perAddress: 20, perEmail: 3, perDevice: 3, windowMs: HOUR, floorMs: 15 * MINUTE } as const;

/**
 * Emails a reset link if the address belongs to an active account; says nothing either way, nor
 * whether a limit was reached. The per-email limit stops anyone flooding a mailbox and counts only
 * emails sent; one email every quarter of an hour goes whoever asks, so the mailbox always has a
 * fresh link however others use the limit up. A browser the owner signed in on before has its own
 * allowance as well.
 */
export async function requestPasswordReset(deps: Deps, input: { email: string; ip: string; device?: string | undefined }): Promise<void> {
  const { db, clock } = deps;
  const email = normaliseEmail(input.email);
  const user = await db.selectFrom('users').select(['id', 'name', 'status']).where('email', '=', email).executeTakeFirst();
  const device = user ? await knownDevice(db, clock, user.id, input.device) : null;
  if (!(await rateLimit(db, clock, `password-reset:ip:${input.ip}`, RESET_LIMITS.perAddress, RESET_LIMITS.windowMs))) return;
  if (!user || user.status !== 'active') return;
  let allowed: boolean;
  if (device) allowed = await takeIfWithinLimit(db, clock, `password-reset:device:${device}`, RESET_LIMITS.perDevice, RESET_LIMITS.windowMs);
  else {
    // Both are asked, so an email the hour's limit lets through also starts the quarter of an hour.
    const floor = await takeIfWithinLimit(db, clock, `password-reset:email-floor:${email}`, 1, RESET_LIMITS.floorMs);
    const hour = await takeIfWithinLimit(db, clock, `password-reset:email:${email}`, RESET_LIMITS.perEmail, RESET_LIMITS.windowMs);
    allowed = floor || hour;
  }
  if (!allowed) return;
  const secret = await db.transaction().execute(async (trx) => {
    await recordAudit(trx, clock, { action: 'password_reset_requested', subjectUserId: user.id, ip: input.ip });
    return issueToken(trx, clock, user.id, 'password_reset');
  });
  await deps.mailer.send({
    to: email,
    subject: 'Reset your Peer Toolbox password',
    text: [
      `Hello ${user.name},`,
      '',
      'Someone asked to reset the password for your Peer Toolbox account. If it was you, open this link within one hour to choose a new password:',
      '',
      `${deps.config.baseUrl}/password-reset/${secret}`,
      '',
      'The link works once. If you did not ask for this, you can ignore this email: your password has not changed.',
    ].join('\n'),
  });
}

/**
 * Sets a new password from a reset link; ends every login session the person had. The browser that
 * used the link has shown it can read the person's email, so it gets a device cookie.
 */
export async function resetPassword(deps: Deps, input: { secret: string; password: string; ip: string }): Promise<{ deviceCookie: string } | null> {
  const passwordHash = await hashPassword(input.password);
  const userId = await deps.db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, deps.clock, input.secret, 'password_reset');
    if (!userId) return null;
    const now = deps.clock.now().toISOString();
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
      .where('id', '=', userId)
      .where('status', '=', 'active')
      .execute();
    await endAllLoginSessions(trx, userId);
    const { email } = await trx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow();
    await clearBackoff(trx, accountKey(email, input.ip));
    await recordAudit(trx, deps.clock, { action: 'password_reset', actorUserId: userId, subjectUserId: userId, ip: input.ip });
    return userId;
  });
  return userId ? { deviceCookie: await issueDeviceCookie(deps.db, deps.clock, userId) } : null;
}

export type ChangePasswordResult = { ok: true; loginSecret: string } | { ok: false };

/** Changes a signed-in person's password: ends all their login sessions and starts a fresh one for this browser. */
export async function changePassword(
  deps: Deps,
  input: { userId: string; currentPassword: string; newPassword: string; ip: string },
): Promise<ChangePasswordResult> {
  const user = await deps.db.selectFrom('users').select(['password_hash']).where('id', '=', input.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) return { ok: false };
  const passwordHash = await hashPassword(input.newPassword);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now().toISOString();
    await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: now, updated_at: now }).where('id', '=', input.userId).execute();
    await endAllLoginSessions(trx, input.userId);
    await recordAudit(trx, deps.clock, { action: 'password_changed', actorUserId: input.userId, subjectUserId: input.userId, ip: input.ip });
    return { ok: true as const, loginSecret: await startLoginSession(deps, trx, input.userId) };
  });
}

/** Accepts an invitation: sets the person's name and password, activates the account and signs them in. */
export async function acceptInvitation(
  deps: Deps,
  input: { secret: string; name: string; password: string; ip: string },
): Promise<{ loginSecret: string; deviceCookie: string } | null> {
  const passwordHash = await hashPassword(input.password);
  const accepted = await deps.db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, deps.clock, input.secret, 'invitation');
    if (!userId) return null;
    const now = deps.clock.now().toISOString();
    const updated = await trx
      .updateTable('users')
      .set({ name: input.name.trim(), password_hash: passwordHash, status: 'active', password_changed_at: now, updated_at: now })
      .where('id', '=', userId)
      .where('status', '=', 'invited')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return null;
    await recordAudit(trx, deps.clock, { action: 'invitation_accepted', actorUserId: userId, subjectUserId: userId, ip: input.ip });
    return { userId, loginSecret: await startLoginSession(deps, trx, userId) };
  });
  return accepted && { loginSecret: accepted.loginSecret, deviceCookie: await issueDeviceCookie(deps.db, deps.clock, accepted.userId) };
}
