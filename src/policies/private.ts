import { hasCohortRole, type Actor } from './actor.ts';

export interface HealthItem {
  ownerId: string;
  shared: boolean;
  /** Cohorts in which the owner is a participant: sharing reaches those cohorts' facilitators only. */
  ownerCohortIds: readonly string[];
}

/**
 * Read a piece of someone's health data (a story, and later journals, plans, stocktakes): its owner,
 * or — only while the owner shares it — a facilitator of a cohort the owner takes part in.
 * Coordinators, administrators and assessors are not included: least access.
 */
export function canReadHealthItem(actor: Actor | null, item: HealthItem): boolean {
  if (!actor) return false;
  if (actor.id === item.ownerId) return true;
  return item.shared && item.ownerCohortIds.some((cohortId) => hasCohortRole(actor, cohortId, 'facilitator'));
}

/** Comment on a shared item: the facilitators who may read it. */
export const canCommentOnHealthItem = (actor: Actor | null, item: HealthItem): boolean =>
  actor !== null && actor.id !== item.ownerId && canReadHealthItem(actor, item);

/** Keep the consent wording current: the programme team (coordinators) and administrators. */
export const canEditConsentTexts = (actor: Actor | null): boolean => actor !== null && (actor.role === 'coordinator' || actor.role === 'administrator');
