import type { Insertable } from 'kysely';
import type { Deps } from '../types.ts';
import type { UsersTable } from '../db/schema.ts';
import { recordAudit } from '../audit/audit.ts';
import { lockUsersForSetup } from '../db/index.ts';
import { countActiveAdministrators } from './queries.ts';
import { isOrgRole, type Actor, type CohortRole, type OrgRole } from '../policies/actor.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { endAllLoginSessions, startLoginSession } from './login-sessions.ts';
import { accountKey, addressKey, BACKOFF, blockedUntil, clearBackoff, deviceKey, recordFailure, type BackoffRule } from './throttle.ts';
import { issueDeviceCookie, knownDevice } from './devices.ts';
import { rateLimit } from './rate-limit.ts';
import { HOUR } from '../lib/clock.ts';
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
 * from any other browser, against the account and the network address together.
 */
export async function signIn(deps: Deps, input: { email: string; password: string; ip: string; device?: string | undefined }): Promise<SignInResult> {
  const { db, clock } = deps;
  const email = normaliseEmail(input.email);
  const user = await db.selectFrom('users').select(['id', 'name', 'email', 'role', 'password_hash', 'status']).where('email', '=', email).executeTakeFirst();
  const device = user ? await knownDevice(db, clock, user.id, input.device) : null;
  const counted: [string, BackoffRule][] = device
    ? [[deviceKey(device), BACKOFF.device]]
    : [
        [accountKey(email), BACKOFF.account],
        [addressKey(input.ip), BACKOFF.address],
      ];
  const blocked = await blockedUntil(
    db,
    clock,
    counted.map(([key]) => key),
  );
  if (blocked) {
    await recordAudit(db, clock, { action: 'sign_in_throttled', ip: input.ip });
    return { ok: false, reason: 'throttled', until: blocked };
  }
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !passwordOk || user.status !== 'active') {
    for (const [key, rule] of counted) await recordFailure(db, clock, key, rule);
    await recordAudit(db, clock, { action: 'sign_in_failed', subjectUserId: user?.id ?? null, ip: input.ip });
    return { ok: false, reason: 'wrong' };
  }
  const signedIn = await db.transaction().execute(async (trx) => {
    // The first key is this browser's own (its device cookie, or the account for unknown browsers).
    await clearBackoff(trx, counted[0]![0]);
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

/** How many reset emails an hour: per network address, per address asked for, per known browser. */
export const RESET_LIMITS = { perAddress: 20, perEmail: 3, perDevice: 3, windowMs: HOUR } as const;

/**
 * Emails a reset link if the address belongs to an active account; says nothing either way, nor
 * whether a limit was reached. The per-email limit stops anyone flooding a mailbox; a browser the
 * owner signed in on before has its own allowance, so others using up the address's cannot stop them.
 */
export async function requestPasswordReset(deps: Deps, input: { email: string; ip: string; device?: string | undefined }): Promise<void> {
  const { db, clock } = deps;
  const email = normaliseEmail(input.email);
  const user = await db.selectFrom('users').select(['id', 'name', 'status']).where('email', '=', email).executeTakeFirst();
  const device = user ? await knownDevice(db, clock, user.id, input.device) : null;
  if (!(await rateLimit(db, clock, `password-reset:ip:${input.ip}`, RESET_LIMITS.perAddress, RESET_LIMITS.windowMs))) return;
  const allowed = device
    ? await rateLimit(db, clock, `password-reset:device:${device}`, RESET_LIMITS.perDevice, RESET_LIMITS.windowMs)
    : await rateLimit(db, clock, `password-reset:email:${email}`, RESET_LIMITS.perEmail, RESET_LIMITS.windowMs);
  if (!allowed || !user || user.status !== 'active') return;
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
    await clearBackoff(trx, accountKey((await trx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email));
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
