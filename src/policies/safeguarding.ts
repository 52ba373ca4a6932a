import { hasCohortRole, hasOrgRole, type Actor } from './actor.ts';

/** Raise a concern about a participant: that cohort's facilitators and assessors. */
export const canRaiseConcern = (actor: Actor | null, cohortId: string): boolean => hasCohortRole(actor, cohortId, 'facilitator', 'assessor');

/** Read a concern: the named safeguarding leads, and the person who raised it. No one else, administrators included. */
export const canReadConcern = (actor: Actor | null, concern: { raisedBy: string }, isLead: boolean): boolean =>
  actor !== null && (isLead || actor.id === concern.raisedBy);

/** Acknowledge a concern and record its outcome: the safeguarding leads. */
export const canHandleConcern = (actor: Actor | null, isLead: boolean): boolean => actor !== null && isLead;

/** Name the safeguarding leads: administrators. */
export const canManageSafeguardingLeads = (actor: Actor | null): boolean => hasOrgRole(actor, 'administrator');

/**
 * Name someone a safeguarding lead: administrators, never themselves. Leads read every concern, so
 * another administrator has to decide that someone should.
 */
export const canNameSafeguardingLead = (actor: Actor | null, granteeId: string): boolean => canManageSafeguardingLeads(actor) && actor!.id !== granteeId;
