import { hasOrgRole, type Actor } from './actor.ts';

/** Write and publish curriculum: the programme team. */
export const canAuthorCurriculum = (actor: Actor | null): boolean => hasOrgRole(actor, 'administrator', 'coordinator');

/**
 * See facilitator-only material (Mini Knowledge, facilitator guidance and notes, the overlap map):
 * the programme team, and anyone who facilitates a cohort.
 */
export const canViewFacilitatorMaterial = (actor: Actor | null): boolean =>
  canAuthorCurriculum(actor) || (actor !== null && actor.cohortRoles.some((g) => g.role === 'facilitator'));

/** Participant-facing lessons: anyone signed in. */
export const canViewParticipantMaterial = (actor: Actor | null): boolean => actor !== null;

/**
 * Read a programme: a published one, anyone signed in; one with nothing published yet (or its draft),
 * only the programme team, who are still writing it.
 */
export const canSeeProgramme = (actor: Actor | null, programme: { published: boolean }): boolean =>
  programme.published ? canViewParticipantMaterial(actor) : canAuthorCurriculum(actor);

/** Download a programme as a content pack: it holds every facilitator-only part, so the programme team only. */
export const canExportProgramme = (actor: Actor | null): boolean => canAuthorCurriculum(actor);

/** Read the version history of a programme or session: the programme team. */
export const canReadCurriculumHistory = (actor: Actor | null): boolean => canAuthorCurriculum(actor);

/**
 * Download an exercise file: one that a published version of its programme offers, anyone who may read
 * that version; one only a draft holds so far, the programme team, who are still writing it.
 */
export const canDownloadExerciseFile = (actor: Actor | null, file: { published: boolean }): boolean => canSeeProgramme(actor, { published: file.published });
