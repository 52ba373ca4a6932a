import { hasCohortRole, hasOrgRole, type Actor } from './actor.ts';

export interface HealthItem {
  ownerId: string;
  shared: boolean;
  /** Cohorts in which the owner is a participant: sharing reaches those cohorts' facilitators only. */
  ownerCohortIds: readonly string[];
}

/**
 * Read a piece of someone's health data (a story, a journal entry, a wellbeing plan, a stocktake,
 * readiness notes): its owner, or — only while it is shared — a facilitator of a cohort the owner
 * takes part in. Coordinators, administrators and assessors are not included: least access.
 * Every read by someone other than the owner goes through `readHealthItem()` in the private space.
 */
export function canReadHealthItem(actor: Actor | null, item: HealthItem): boolean {
  if (!actor) return false;
  if (actor.id === item.ownerId) return true;
  return item.shared && item.ownerCohortIds.some((cohortId) => hasCohortRole(actor, cohortId, 'facilitator'));
}

/** Comment on a shared item: the facilitators who may read it, never its owner. */
export const canCommentOnHealthItem = (actor: Actor | null, item: HealthItem): boolean =>
  actor !== null && actor.id !== item.ownerId && canReadHealthItem(actor, item);

/** Write, change, share, restore and see who read a health item: its owner alone. */
export const canKeepHealthItem = (actor: Actor | null, item: { ownerId: string }): boolean => actor !== null && actor.id === item.ownerId;

/**
 * Readiness notes as a health item. They are agreed with the participant in a conversation held for one
 * cohort and recorded there, so that cohort's facilitators read them without a separate share — and
 * only that cohort's: not the participant's other cohorts, not coordinators or administrators.
 */
export const readinessNotesItem = (notes: { participantId: string; cohortId: string }): HealthItem => ({
  ownerId: notes.participantId,
  shared: true,
  ownerCohortIds: [notes.cohortId],
});

/** Read readiness notes: the participant, and the facilitators of the cohort the conversation was held for. */
export const canReadReadinessNotes = (actor: Actor | null, notes: { participantId: string; cohortId: string }): boolean =>
  canReadHealthItem(actor, readinessNotesItem(notes));

/** Hold and record a readiness conversation with a participant of a cohort: that cohort's facilitators. */
export const canRecordReadinessConversation = (actor: Actor | null, cohortId: string): boolean => hasCohortRole(actor, cohortId, 'facilitator');

/**
 * A health item as asked for under one cohort's address (`/cohorts/:cohortId/shared…`): only that
 * cohort's facilitators count, so a facilitator of two cohorts cannot open one cohort's participant's
 * writing under the other's address. Null when the owner takes no part in that cohort: the item is not
 * that cohort's to show at all.
 */
export const healthItemInCohort = (item: HealthItem, cohortId: string): HealthItem | null =>
  item.ownerCohortIds.includes(cohortId) ? { ...item, ownerCohortIds: [cohortId] } : null;

/** See the list of what a cohort's participants chose to share: that cohort's facilitators. */
export const canSeeSharedWithCohort = (actor: Actor | null, cohortId: string): boolean => hasCohortRole(actor, cohortId, 'facilitator');

/** Keep a personal stocktake for a cohort: the people taking part in it. */
export const canKeepStocktake = (actor: Actor | null, cohortId: string): boolean => hasCohortRole(actor, cohortId, 'participant');

/** The cohorts for which a person keeps a personal stocktake. */
export const stocktakeCohortIds = (actor: Actor | null): string[] =>
  actor ? [...new Set(actor.cohortRoles.map((g) => g.cohortId))].filter((cohortId) => canKeepStocktake(actor, cohortId)) : [];

/** Keep the consent wording current: the programme team (coordinators) and administrators. */
export const canEditConsentTexts = (actor: Actor | null): boolean => hasOrgRole(actor, 'coordinator', 'administrator');
