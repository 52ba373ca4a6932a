import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { fromDbBool } from '../../../db/helpers.ts';
import { canReadHealthItem, healthItemInCohort, type Actor, type HealthItem } from '../../../policies/index.ts';
import type { HealthItemKind } from '../queries.ts';
import { healthItemFacts, type HealthItemRef } from '../health-reads.ts';
import { getStocktake } from '../stocktake/queries.ts';

export interface SharedListing {
  kind: Exclude<HealthItemKind, 'readiness'>;
  id: string;
  title: string;
  ownerName: string;
}

/**
 * What the participants of a cohort share, as its facilitators' list. The SQL only narrows to this
 * cohort's participants; whether the reader may see each item is `canReadHealthItem`'s answer, the same
 * rule `readHealthItem()` applies when one is opened.
 */
export async function sharedWithCohort(db: Kysely<DB>, actor: Actor, cohortId: string): Promise<SharedListing[]> {
  const participants = db.selectFrom('cohort_members').select('user_id').where('cohort_id', '=', cohortId).where('role', '=', 'participant');
  const stories = await db
    .selectFrom('stories')
    .innerJoin('users', 'users.id', 'stories.user_id')
    .select(['stories.id', 'stories.title', 'stories.shared', 'stories.user_id', 'users.name'])
    .where('stories.user_id', 'in', participants)
    .where('stories.shared', '=', 1)
    .orderBy('stories.updated_at', 'desc')
    .execute();
  const entries = await db
    .selectFrom('journal_entries')
    .innerJoin('users', 'users.id', 'journal_entries.user_id')
    .select(['journal_entries.id', 'journal_entries.title', 'journal_entries.shared', 'journal_entries.user_id', 'users.name'])
    .where('journal_entries.user_id', 'in', participants)
    .where('journal_entries.shared', '=', 1)
    .orderBy('journal_entries.created_at', 'desc')
    .execute();
  const stocktakes = await db
    .selectFrom('stocktakes')
    .innerJoin('users', 'users.id', 'stocktakes.user_id')
    .select(['stocktakes.id', 'stocktakes.shared', 'stocktakes.user_id', 'users.name'])
    .where('stocktakes.cohort_id', '=', cohortId)
    .where('stocktakes.user_id', 'in', participants)
    .where('stocktakes.shared', '=', 1)
    .execute();
  const plans = await db
    .selectFrom('wellbeing_plans')
    .innerJoin('users', 'users.id', 'wellbeing_plans.user_id')
    .select(['wellbeing_plans.user_id', 'wellbeing_plans.shared', 'users.name'])
    .where('wellbeing_plans.user_id', 'in', participants)
    .where('wellbeing_plans.shared', '=', 1)
    .execute();
  const listing: (SharedListing & { ownerId: string; shared: unknown })[] = [
    ...stories.map((s) => ({ kind: 'story' as const, id: s.id, title: s.title, ownerName: s.name, ownerId: s.user_id, shared: s.shared })),
    ...entries.map((e) => ({ kind: 'journal' as const, id: e.id, title: e.title, ownerName: e.name, ownerId: e.user_id, shared: e.shared })),
    ...stocktakes.map((st) => ({
      kind: 'stocktake' as const,
      id: st.id,
      title: 'Personal stocktake',
      ownerName: st.name,
      ownerId: st.user_id,
      shared: st.shared,
    })),
    ...plans.map((p) => ({ kind: 'wellbeing' as const, id: p.user_id, title: 'Wellbeing plan', ownerName: p.name, ownerId: p.user_id, shared: p.shared })),
  ];
  return listing
    .filter((item) => canReadHealthItem(actor, { ownerId: item.ownerId, shared: fromDbBool(item.shared), ownerCohortIds: [cohortId] }))
    .map(({ kind, id, title, ownerName }) => ({ kind, id, title, ownerName }));
}

/**
 * What the policy needs about an item asked for under `/cohorts/:cohortId/…`, seen through that cohort
 * alone (`healthItemInCohort`). Undefined — the page's 404 — when there is no such item, its owner is
 * not a participant of the cohort, or it is a stocktake kept for another cohort.
 */
export async function healthItemFactsInCohort(
  db: Kysely<DB>,
  cohortId: string,
  ref: HealthItemRef,
): Promise<{ facts: HealthItem; ownerId: string } | undefined> {
  const found = await healthItemFacts(db, ref);
  const facts = found && healthItemInCohort(found.facts, cohortId);
  if (!found || !facts) return undefined;
  if (ref.kind === 'stocktake' && (await getStocktake(db, ref.id))?.cohort_id !== cohortId) return undefined;
  return { facts, ownerId: found.ownerId };
}
