import { hasCohortRole, hasOrgRole, type Actor, type CohortRole } from './actor.ts';

/** Create cohorts, plan, schedule and enrol: coordinators and administrators. */
export const canManageCohorts = (actor: Actor | null): boolean => hasOrgRole(actor, 'administrator', 'coordinator');

/** See a cohort at all: its managers and its members. */
export const canViewCohort = (actor: Actor | null, cohortId: string): boolean =>
  canManageCohorts(actor) || hasCohortRole(actor, cohortId, 'facilitator', 'participant', 'assessor', 'verifier');

/** The joining link and venue are for members only, so a link shared by mistake is not a way in. */
export const canSeeJoiningDetails = canViewCohort;

/** Who is in the cohort: managers and the cohort's facilitators; participants see only their facilitators. */
export const canSeeCohortMembers = (actor: Actor | null, cohortId: string): boolean => canManageCohorts(actor) || hasCohortRole(actor, cohortId, 'facilitator');

/** Mark attendance and read the attendance grid: the cohort's own facilitators, and its managers. */
export const canMarkAttendance = (actor: Actor | null, cohortId: string): boolean => canManageCohorts(actor) || hasCohortRole(actor, cohortId, 'facilitator');

/** Draft and revise the group agreement: the cohort's facilitators and its managers. */
export const canEditAgreement = canMarkAttendance;

/** Acknowledge the group agreement: the cohort's participants. */
export const canAcknowledgeAgreement = (actor: Actor | null, cohortId: string): boolean => hasCohortRole(actor, cohortId, 'participant');

/** Private notes, debriefs and the co-facilitation plan: the cohort's facilitators. Notes stay private to their author. */
export const canKeepSessionNotes = (actor: Actor | null, cohortId: string): boolean => hasCohortRole(actor, cohortId, 'facilitator');

/**
 * Open a session's facilitation page and read its co-facilitation plan: the cohort's facilitators, and
 * its managers (who read the plan but never anyone's private notes).
 */
export const canSeeFacilitationPlan = (actor: Actor | null, cohortId: string): boolean =>
  canKeepSessionNotes(actor, cohortId) || canMarkAttendance(actor, cohortId);

/** The expressions of interest (whose "why now" may touch on health) and offers of places: coordinators and administrators. */
export const canManagePlaces = canManageCohorts;

/**
 * Cohort roles that open the participants' data to whoever holds them: facilitators read what
 * participants share with them; assessors and verifiers will read the work handed in for assessment.
 * A participant opens no one else's data.
 */
export const COHORT_ROLES_OPENING_DATA: readonly CohortRole[] = ['facilitator', 'assessor', 'verifier'];

/** Whether holding this role in a cohort opens its participants' data. */
export const cohortRoleOpensData = (role: CohortRole): boolean => COHORT_ROLES_OPENING_DATA.includes(role);

/** The role opening its participants' data that the actor holds in a cohort, if any: for the words of a refusal. */
export const dataOpeningRoleIn = (actor: Actor | null, cohortId: string): CohortRole | undefined =>
  COHORT_ROLES_OPENING_DATA.find((role) => hasCohortRole(actor, cohortId, role));

/**
 * Give someone a role in a cohort: its managers, with two limits, so no one decides alone to read
 * what participants share. Nobody gives themselves a role that opens the participants' data. And as
 * sharing reaches the facilitators of every cohort its owner takes part in, whoever holds such a role
 * in the cohort may not enrol an existing account there as a participant (that would open to them
 * what the person shares with their other cohorts); another coordinator or an administrator must. An
 * account invited in the same step has nothing yet to open, and enrolling oneself opens only one's own.
 */
export const canGrantCohortRole = (
  actor: Actor | null,
  grant: { cohortId: string; granteeId: string; role: CohortRole; existingAccount: boolean },
): boolean => {
  if (!actor || !canManageCohorts(actor)) return false;
  if (actor.id === grant.granteeId) return !cohortRoleOpensData(grant.role);
  return !(grant.role === 'participant' && grant.existingAccount && dataOpeningRoleIn(actor, grant.cohortId));
};
