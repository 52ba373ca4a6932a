import type { Kysely } from 'kysely';
import type { Deps } from '../../types.ts';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import { authorize, canChangeRole, canDeactivate, canManageUsers, canReactivate, type Actor, type OrgRole, isOrgRole } from '../../policies/index.ts';
import { recordAudit } from '../../audit/audit.ts';
import { endAllLoginSessions } from '../../auth/login-sessions.ts';
import { issueToken } from '../../auth/tokens.ts';
import { newUserRow, normaliseEmail } from '../../auth/commands.ts';
import { roleLabel } from '../../policies/actor.ts';
import { countActiveAdministrators } from './queries.ts';

/** Emails an invitation link; `joining` names what they are invited to, e.g. a cohort. */
export async function sendInvitation(deps: Deps, to: { email: string; name: string; role: OrgRole | null }, inviter: Actor, secret: string, joining?: string) {
  await deps.mailer.send({
    to: to.email,
    subject: 'You are invited to Peer Toolbox',
    text: [
      `Hello ${to.name},`,
      '',
      `${inviter.name} has invited you to Peer Toolbox${to.role ? ` as ${roleLabel(to.role).toLowerCase()}` : ''}${joining ? `, to join ${joining}` : ''}.`,
      'Open this link within seven days to choose a password and start:',
      '',
      `${deps.config.baseUrl}/invitation/${secret}`,
      '',
      'The link works once. If you were not expecting this, you can ignore this email.',
    ].join('\n'),
  });
}

/**
 * Creates an invited account and its single-use link inside the caller's transaction. The caller
 * checks permission and sends the email after the transaction commits.
 */
export async function createInvitedUser(
  trx: Kysely<DB>,
  clock: Clock,
  inviterId: string | null,
  input: { name: string; email: string; role: OrgRole | null },
): Promise<{ userId: string; secret: string }> {
  const now = clock.now().toISOString();
  const id = crypto.randomUUID();
  await trx
    .insertInto('users')
    .values(newUserRow(id, { ...input, passwordHash: null }, now))
    .execute();
  await recordAudit(trx, clock, { action: 'user_invited', actorUserId: inviterId, subjectUserId: id, details: { role: input.role } });
  return { userId: id, secret: await issueToken(trx, clock, id, 'invitation') };
}

export type InviteResult = { ok: true; userId: string } | { ok: false; error: 'exists' };

/** Invites someone by email with an organisation role; they choose their password from the emailed link. */
export async function inviteUser(deps: Deps, actor: Actor, input: { name: string; email: string; role: OrgRole | null }): Promise<InviteResult> {
  authorize(canManageUsers(actor));
  const email = normaliseEmail(input.email);
  const result = await deps.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (existing) return { ok: false as const, error: 'exists' as const };
    return { ok: true as const, ...(await createInvitedUser(trx, deps.clock, actor.id, { ...input, email })) };
  });
  if (!result.ok) return result;
  await sendInvitation(deps, { email, name: input.name.trim(), role: input.role }, actor, result.secret);
  return { ok: true, userId: result.userId };
}

/** Sends a fresh invitation link; the earlier one stops working. */
export async function resendInvitation(deps: Deps, actor: Actor, userId: string): Promise<boolean> {
  authorize(canManageUsers(actor));
  const user = await deps.db.selectFrom('users').select(['id', 'email', 'name', 'role', 'status']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.status !== 'invited') return false;
  const secret = await deps.db.transaction().execute(async (trx) => {
    await recordAudit(trx, deps.clock, { action: 'user_invited', actorUserId: actor.id, subjectUserId: user.id, details: { resent: true } });
    return issueToken(trx, deps.clock, user.id, 'invitation');
  });
  await sendInvitation(deps, { email: user.email, name: user.name, role: isOrgRole(user.role) ? user.role : null }, actor, secret);
  return true;
}

export type RoleChangeResult = { ok: true } | { ok: false; error: 'last_administrator' | 'not_found' };

/** Changes someone's organisation role; refuses to remove the last active administrator. */
export async function changeRole(deps: Deps, actor: Actor, userId: string, newRole: OrgRole | null): Promise<RoleChangeResult> {
  authorize(canManageUsers(actor));
  return deps.db.transaction().execute(async (trx) => {
    const target = await trx.selectFrom('users').select(['id', 'role', 'status']).where('id', '=', userId).executeTakeFirst();
    if (!target) return { ok: false as const, error: 'not_found' as const };
    const from = isOrgRole(target.role) ? target.role : null;
    const allowed = canChangeRole(actor, {
      target: { id: target.id, role: from, status: target.status },
      newRole,
      activeAdministrators: await countActiveAdministrators(trx),
    });
    if (!allowed) return { ok: false as const, error: 'last_administrator' as const };
    if (from === newRole) return { ok: true as const };
    await trx.updateTable('users').set({ role: newRole, updated_at: deps.clock.now().toISOString() }).where('id', '=', userId).execute();
    await recordAudit(trx, deps.clock, { action: 'role_changed', actorUserId: actor.id, subjectUserId: userId, details: { from, to: newRole } });
    return { ok: true as const };
  });
}

/** Deactivates an account: it can no longer sign in, and its open login sessions end at once. */
export async function deactivateUser(deps: Deps, actor: Actor, userId: string): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const target = await trx.selectFrom('users').select(['id', 'status']).where('id', '=', userId).executeTakeFirst();
    if (!target) return false;
    authorize(canDeactivate(actor, target));
    const now = deps.clock.now().toISOString();
    await trx.updateTable('users').set({ status: 'deactivated', deactivated_at: now, updated_at: now }).where('id', '=', userId).execute();
    await endAllLoginSessions(trx, userId);
    await trx.deleteFrom('user_tokens').where('user_id', '=', userId).execute();
    await recordAudit(trx, deps.clock, { action: 'user_deactivated', actorUserId: actor.id, subjectUserId: userId });
    return true;
  });
}

/** Lets a deactivated account sign in again (with its old password); never-accepted invitations go back to invited. */
export async function reactivateUser(deps: Deps, actor: Actor, userId: string): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const target = await trx.selectFrom('users').select(['id', 'status', 'password_hash']).where('id', '=', userId).executeTakeFirst();
    if (!target) return false;
    authorize(canReactivate(actor, target));
    await trx
      .updateTable('users')
      .set({ status: target.password_hash ? 'active' : 'invited', deactivated_at: null, updated_at: deps.clock.now().toISOString() })
      .where('id', '=', userId)
      .execute();
    await recordAudit(trx, deps.clock, { action: 'user_reactivated', actorUserId: actor.id, subjectUserId: userId });
    return true;
  });
}
