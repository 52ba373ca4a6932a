import { hasOrgRole, type Actor, type OrgRole } from './actor.ts';

/** Who may list, invite and manage accounts. */
export const canManageUsers = (actor: Actor | null): boolean => hasOrgRole(actor, 'administrator');

/** Read the outbox of unsent mail (it holds sign-in links, so administrators only). */
export const canReadOutbox = (actor: Actor | null): boolean => hasOrgRole(actor, 'administrator');

/** Read the audit log of the whole organisation. */
export const canReadAuditLog = (actor: Actor | null): boolean => hasOrgRole(actor, 'administrator');

export interface RoleChange {
  target: { id: string; role: OrgRole | null; status: string };
  newRole: OrgRole | null;
  /** Active administrators right now, including the target if they are one. */
  activeAdministrators: number;
}

/** Change someone's organisation role; never leaves the organisation without an active administrator. */
export function canChangeRole(actor: Actor | null, change: RoleChange): boolean {
  if (!canManageUsers(actor)) return false;
  const removesAnAdministrator = change.target.role === 'administrator' && change.newRole !== 'administrator' && change.target.status === 'active';
  return !(removesAnAdministrator && change.activeAdministrators <= 1);
}

/** Deactivate an account: administrators, never their own (so someone always remains able to administer). */
export const canDeactivate = (actor: Actor | null, target: { id: string; status: string }): boolean =>
  canManageUsers(actor) && actor!.id !== target.id && target.status !== 'deactivated';

export const canReactivate = (actor: Actor | null, target: { id: string; status: string }): boolean => canManageUsers(actor) && target.status === 'deactivated';
