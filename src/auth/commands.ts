import type { Deps } from '../types.ts';
import { recordAudit } from '../audit/audit.ts';
import { lockUsersForSetup } from '../db/index.ts';
import { countActiveAdministrators } from './queries.ts';
import { isOrgRole, type Actor, type CohortRole } from '../policies/actor.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { endAllLoginSessions, startLoginSession } from './login-sessions.ts';
import { accountKey, addressKey, clearThrottle, lockedUntil, recordFailure, THROTTLE } from './throttle.ts';
import { consumeToken, issueToken } from './tokens.ts';

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** Whether the first-run setup is still open: true until an active administrator exists. */
export async function setupIsOpen(deps: Pick<Deps, 'db'>): Promise<boolean> {
  return (await countActiveAdministrators(deps.db)) === 0;
}

/** Creates the first administrator and signs them in; returns null if an administrator already exists. */
export async function createFirstAdministrator(
  deps: Deps,
  input: { name: string; email: string; password: string; ip: string },
): Promise<{ loginSecret: string } | null> {
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    await lockUsersForSetup(trx, deps.database.engine);
    if (!(await setupIsOpen({ db: trx }))) return null;
    const now = deps.clock.now().toISOString();
    const id = crypto.randomUUID();
    await trx
      .insertInto('users')
      .values({
        id,
        email: normaliseEmail(input.email),
        name: input.name.trim(),
        role: 'administrator',
        status: 'active',
        password_hash: passwordHash,
        created_at: now,
        updated_at: now,
        password_changed_at: now,
        deactivated_at: null,
      })
      .execute();
    await recordAudit(trx, deps.clock, { action: 'first_administrator_created', actorUserId: id, subjectUserId: id, ip: input.ip });
    return { loginSecret: await startLoginSession(deps, trx, id) };
  });
}

export type SignInResult = { ok: true; loginSecret: string; actor: Actor } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'throttled'; until: Date };

/**
 * Checks an email and password. Wrong email, wrong password and inactive account give the same
 * answer, so the form cannot be used to find out who has an account. Failures are counted per
 * account and per address; once either limit is reached, sign-in is refused until the lockout ends.
 */
export async function signIn(deps: Deps, input: { email: string; password: string; ip: string }): Promise<SignInResult> {
  const { db, clock } = deps;
  const email = normaliseEmail(input.email);
  const keys = [accountKey(email), addressKey(input.ip)];
  const locked = await lockedUntil(db, clock, keys);
  if (locked) {
    await recordAudit(db, clock, { action: 'sign_in_throttled', ip: input.ip });
    return { ok: false, reason: 'throttled', until: locked };
  }
  const user = await db.selectFrom('users').select(['id', 'name', 'email', 'role', 'password_hash', 'status']).where('email', '=', email).executeTakeFirst();
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !passwordOk || user.status !== 'active') {
    await recordFailure(db, clock, keys[0]!, THROTTLE.perAccount);
    await recordFailure(db, clock, keys[1]!, THROTTLE.perAddress);
    await recordAudit(db, clock, { action: 'sign_in_failed', subjectUserId: user?.id ?? null, ip: input.ip });
    const nowLocked = await lockedUntil(db, clock, keys);
    return nowLocked ? { ok: false, reason: 'throttled', until: nowLocked } : { ok: false, reason: 'wrong' };
  }
  return db.transaction().execute(async (trx) => {
    await clearThrottle(trx, keys[0]!);
    await recordAudit(trx, clock, { action: 'sign_in', actorUserId: user.id, subjectUserId: user.id, ip: input.ip });
    const grants = await trx.selectFrom('cohort_members').select(['cohort_id', 'role']).where('user_id', '=', user.id).execute();
    const actor: Actor = {
      id: user.id,
      name: user.name,
      email: user.email,
      role: isOrgRole(user.role) ? user.role : null,
      cohortRoles: grants.map((g) => ({ cohortId: g.cohort_id, role: g.role as CohortRole })),
    };
    return { ok: true as const, loginSecret: await startLoginSession(deps, trx, user.id), actor };
  });
}

/** Emails a reset link if the address belongs to an active account; says nothing either way. */
export async function requestPasswordReset(deps: Deps, input: { email: string; ip: string }): Promise<void> {
  const email = normaliseEmail(input.email);
  const user = await deps.db.selectFrom('users').select(['id', 'name', 'status']).where('email', '=', email).executeTakeFirst();
  if (!user || user.status !== 'active') return;
  const secret = await deps.db.transaction().execute(async (trx) => {
    await recordAudit(trx, deps.clock, { action: 'password_reset_requested', subjectUserId: user.id, ip: input.ip });
    return issueToken(trx, deps.clock, user.id, 'password_reset');
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

/** Sets a new password from a reset link; ends every login session the person had. */
export async function resetPassword(deps: Deps, input: { secret: string; password: string; ip: string }): Promise<boolean> {
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, deps.clock, input.secret, 'password_reset');
    if (!userId) return false;
    const now = deps.clock.now().toISOString();
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
      .where('id', '=', userId)
      .where('status', '=', 'active')
      .execute();
    await endAllLoginSessions(trx, userId);
    await clearThrottle(trx, accountKey((await trx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email));
    await recordAudit(trx, deps.clock, { action: 'password_reset', actorUserId: userId, subjectUserId: userId, ip: input.ip });
    return true;
  });
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
): Promise<{ loginSecret: string } | null> {
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
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
    return { loginSecret: await startLoginSession(deps, trx, userId) };
  });
}
