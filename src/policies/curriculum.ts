import { hasOrgRole, type Actor } from './actor.ts';

/** Write and publish curriculum: the programme team. */
export const canAuthorCurriculum = (actor: Actor | null): boolean => hasOrgRole(actor, 'administrator', 'coordinator');

/**
 * See facilitator-only material (Mini Knowledge, facilitator guidance, the overlap map): the
 * programme team, and anyone who facilitates a cohort.
 */
export const canViewFacilitatorMaterial = (actor: Actor | null): boolean =>
  canAuthorCurriculum(actor) || (actor !== null && actor.cohortRoles.some((g) => g.role === 'facilitator'));

/** Participant-facing lessons: anyone signed in. */
export const canViewParticipantMaterial = (actor: Actor | null): boolean => actor !== null;
