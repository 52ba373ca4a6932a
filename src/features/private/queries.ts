import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { fromDbBool } from '../../db/helpers.ts';
import { COHORT_ROLES, type CohortRole } from '../../policies/actor.ts';
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

/** Someone given a cohort role that opens a participant's data, as that participant's read log tells it. */
export interface AccessGrant {
  name: string | null;
  role: CohortRole;
  cohortName: string;
  occurred_at: string;
}

const grantedRole = (details: string | null): CohortRole | null => {
  const role = (JSON.parse(details ?? '{}') as { role?: unknown }).role;
  return COHORT_ROLES.includes(role as CohortRole) ? (role as CohortRole) : null;
};

/**
 * Who was given a role that opens the owner's data in a cohort the owner takes part in (or in the one
 * cohort given), from the `cohort_role_granted` events the grant writes: the owner is told who can now
 * read, not only who has read.
 */
export async function accessGrants(db: Kysely<DB>, ownerId: string, onlyCohortId?: string): Promise<AccessGrant[]> {
  const cohortIds = onlyCohortId ? [onlyCohortId] : await participantCohortIds(db, ownerId);
  if (cohortIds.length === 0) return [];
  const rows = await db
    .selectFrom('audit_events')
    .innerJoin('cohorts', 'cohorts.id', 'audit_events.target_id')
    .leftJoin('users', 'users.id', 'audit_events.subject_user_id')
    .select(['users.name', 'cohorts.name as cohortName', 'audit_events.details', 'audit_events.occurred_at'])
    .where('audit_events.action', '=', 'cohort_role_granted')
    .where('audit_events.target_type', '=', 'cohort')
    .where('audit_events.target_id', 'in', cohortIds)
    .where('audit_events.subject_user_id', '!=', ownerId)
    .orderBy('audit_events.occurred_at', 'desc')
    .limit(100)
    .execute();
  return rows.flatMap((r) => {
    const role = grantedRole(r.details);
    return role ? [{ name: r.name, role, cohortName: r.cohortName, occurred_at: r.occurred_at }] : [];
  });
}

/** The owner joining a cohort as a participant, which opened what they share to its facilitators. */
export interface CohortJoin {
  cohortName: string;
  occurred_at: string;
}

/**
 * When the owner joined each cohort they take part in (or the one cohort given), from the audit of
 * their enrolment (`participant_enrolled`) or of their accepting an offered place (`place_accepted`):
 * the first of them per cohort. Enrolments from before that audit have no line.
 */
export async function cohortJoins(db: Kysely<DB>, ownerId: string, onlyCohortId?: string): Promise<CohortJoin[]> {
  const cohortIds = onlyCohortId ? [onlyCohortId] : await participantCohortIds(db, ownerId);
  if (cohortIds.length === 0) return [];
  const rows = await db
    .selectFrom('audit_events')
    .innerJoin('cohorts', 'cohorts.id', 'audit_events.target_id')
    .select(['cohorts.id', 'cohorts.name as cohortName', 'audit_events.occurred_at'])
    .where('audit_events.action', 'in', ['participant_enrolled', 'place_accepted'])
    .where('audit_events.target_type', '=', 'cohort')
    .where('audit_events.target_id', 'in', cohortIds)
    .where('audit_events.subject_user_id', '=', ownerId)
    .orderBy('audit_events.occurred_at')
    .limit(500)
    .execute();
  const first = new Map<string, CohortJoin>();
  for (const r of rows) if (!first.has(r.id)) first.set(r.id, { cohortName: r.cohortName, occurred_at: r.occurred_at });
  return [...first.values()];
}

/** One line of an item's "Who has read it": a read of it, a grant that opened it to someone, or the owner joining a cohort. */
export type ReadLogEntry = ({ kind: 'read' } & ItemView) | ({ kind: 'grant' } & AccessGrant) | ({ kind: 'joined' } & CohortJoin);

/**
 * An item's "Who has read it", newest first: the reads of it, the grants that opened it, and the
 * owner's joining cohorts whose facilitators it then reached. Readiness notes reach one cohort's
 * facilitators only, so for them `cohortId` narrows the grants and joins to that cohort.
 */
export async function itemReadLog(db: Kysely<DB>, kind: HealthItemKind, targetId: string, owner: { id: string; cohortId?: string }): Promise<ReadLogEntry[]> {
  const reads = (await itemViews(db, kind, targetId)).map((v) => ({ kind: 'read' as const, ...v }));
  const grants = (await accessGrants(db, owner.id, owner.cohortId)).map((g) => ({ kind: 'grant' as const, ...g }));
  const joins = (await cohortJoins(db, owner.id, owner.cohortId)).map((j) => ({ kind: 'joined' as const, ...j }));
  return [...reads, ...grants, ...joins].sort((a, b) => (a.occurred_at < b.occurred_at ? 1 : a.occurred_at > b.occurred_at ? -1 : 0));
}

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
