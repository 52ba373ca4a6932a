import { hasCohortRole, hasOrgRole, ORG_ROLES, roleLabel, type Actor } from './actor.ts';

/** The cohorts whose next session makes up a person's day on their home page: those they facilitate. */
export const cohortsFacilitatedBy = (actor: Actor): string[] => actor.cohortRoles.filter((g) => g.role === 'facilitator').map((g) => g.cohortId);

/** The cohorts a person takes as a participant: their home page is about these courses. */
export const cohortsTakenBy = (actor: Actor): string[] => actor.cohortRoles.filter((g) => g.role === 'participant').map((g) => g.cohortId);

/**
 * Whether the home page names an organisation role. Only people who hold one: "No organisation role"
 * means nothing to a participant and reads as being left out.
 */
export const showsOrganisationRole = (actor: Actor): boolean => hasOrgRole(actor, ...ORG_ROLES);

/** The organisation role as the home page names it. */
export const organisationRoleLabel = (actor: Actor): string => roleLabel(actor.role);

/** Someone with no role anywhere yet: most likely a participant waiting to be added to a cohort. */
export const isNewcomer = (actor: Actor): boolean => actor.cohortRoles.length === 0 && !showsOrganisationRole(actor);

/** Every cohort a person holds any role in: the cohorts list shows these to everyone but their managers. */
export const cohortsHeldBy = (actor: Actor): string[] => [...new Set(actor.cohortRoles.map((g) => g.cohortId))];

/**
 * The Safeguarding link in the navigation: the named safeguarding leads (who handle concerns) and
 * anyone who may raise a concern in some cohort (its facilitators and assessors).
 */
export const canSeeSafeguardingLink = (actor: Actor | null, isLead: boolean): boolean =>
  actor !== null && (isLead || actor.cohortRoles.some((g) => hasCohortRole(actor, g.cohortId, 'facilitator', 'assessor')));
