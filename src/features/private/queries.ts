import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { fromDbBool } from '../../db/helpers.ts';
import { activeConsents } from './consent/queries.ts';

/** The kinds of health item a participant keeps; also the audit target type of a read of one. */
export type HealthItemKind = 'story' | 'journal' | 'wellbeing' | 'stocktake' | 'readiness';

/** Cohorts in which a person takes part: their sharing reaches those cohorts' facilitators. */
export async function participantCohortIds(db: Kysely<DB>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('cohort_members').select('cohort_id').where('user_id', '=', userId).where('role', '=', 'participant').execute();
  return rows.map((r) => r.cohort_id);
}

/** Who other than the owner has read one of their items, from the audit trail `readHealthItem()` writes. */
export function itemViews(db: Kysely<DB>, kind: HealthItemKind, targetId: string) {
  return db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_user_id')
    .select(['users.name', 'audit_events.occurred_at'])
    .where('audit_events.action', '=', 'health_data_viewed')
    .where('audit_events.target_type', '=', kind)
    .where('audit_events.target_id', '=', targetId)
    .orderBy('audit_events.occurred_at', 'desc')
    .limit(100)
    .execute();
}
export type ItemView = Awaited<ReturnType<typeof itemViews>>[number];

/** Facilitators' comments on an item, oldest first; stories keep theirs in a table of their own. */
export function itemComments(db: Kysely<DB>, kind: 'story' | 'journal' | 'wellbeing' | 'stocktake', id: string) {
  if (kind === 'story') {
    return db
      .selectFrom('story_comments')
      .innerJoin('users', 'users.id', 'story_comments.author_id')
      .select(['story_comments.text', 'story_comments.created_at', 'users.name'])
      .where('story_comments.story_id', '=', id)
      .orderBy('story_comments.created_at')
      .execute();
  }
  return db
    .selectFrom('item_comments')
    .innerJoin('users', 'users.id', 'item_comments.author_id')
    .select(['item_comments.text', 'item_comments.created_at', 'users.name'])
    .where('item_type', '=', kind)
    .where('item_id', '=', id)
    .orderBy('item_comments.created_at')
    .execute();
}
export type ItemComment = Awaited<ReturnType<typeof itemComments>>[number];

/** What the home of someone's private space lists: their stories, and whether they may write yet. */
export async function privateHome(db: Kysely<DB>, userId: string) {
  const consents = await activeConsents(db, userId);
  const stories = await db.selectFrom('stories').select(['id', 'title', 'shared']).where('user_id', '=', userId).orderBy('updated_at', 'desc').execute();
  return { mayWrite: consents.has('keep_writing'), stories: stories.map((s) => ({ id: s.id, title: s.title, shared: fromDbBool(s.shared) })) };
}
