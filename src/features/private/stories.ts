import type { Kysely } from 'kysely';
import type { Deps } from '../../types.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/index.ts';
import { canReadHealthItem, type HealthItem } from '../../policies/private.ts';
import { fromDbBool, toDbBool } from '../../db/helpers.ts';
import { recordAudit } from '../../audit/audit.ts';
import { activeConsents } from './consent.ts';

export const STORY_MAX = 50_000;

export function getStory(db: Kysely<DB>, id: string) {
  return db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
}
export type Story = NonNullable<Awaited<ReturnType<typeof getStory>>>;

/** Cohorts in which a person takes part: their sharing reaches those cohorts' facilitators. */
export async function participantCohortIds(db: Kysely<DB>, userId: string): Promise<string[]> {
  return (await db.selectFrom('cohort_members').select('cohort_id').where('user_id', '=', userId).where('role', '=', 'participant').execute()).map(
    (r) => r.cohort_id,
  );
}

export async function healthItem(db: Kysely<DB>, story: Story): Promise<HealthItem> {
  return { ownerId: story.user_id, shared: fromDbBool(story.shared), ownerCohortIds: await participantCohortIds(db, story.user_id) };
}

export async function storyText(db: Kysely<DB>, storyId: string, number: number): Promise<string> {
  return (await db.selectFrom('story_versions').select('text').where('story_id', '=', storyId).where('number', '=', number).executeTakeFirst())?.text ?? '';
}

export function listOwnStories(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('stories')
    .select(['id', 'title', 'shared', 'current_version', 'updated_at'])
    .where('user_id', '=', userId)
    .orderBy('updated_at', 'desc')
    .execute();
}

export function storyVersions(db: Kysely<DB>, storyId: string) {
  return db.selectFrom('story_versions').select(['number', 'created_at']).where('story_id', '=', storyId).orderBy('number', 'desc').execute();
}

/** Who other than the owner has read one of their items (story, journal entry, plan), from the audit log. */
export function itemViews(db: Kysely<DB>, targetType: 'story' | 'journal' | 'wellbeing' | 'stocktake', targetId: string) {
  return db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_user_id')
    .select(['users.name', 'audit_events.occurred_at'])
    .where('audit_events.action', '=', 'health_data_viewed')
    .where('audit_events.target_type', '=', targetType)
    .where('audit_events.target_id', '=', targetId)
    .orderBy('audit_events.occurred_at', 'desc')
    .limit(100)
    .execute();
}

export const storyViews = (db: Kysely<DB>, storyId: string) => itemViews(db, 'story', storyId);

export function storyComments(db: Kysely<DB>, storyId: string) {
  return db
    .selectFrom('story_comments')
    .innerJoin('users', 'users.id', 'story_comments.author_id')
    .select(['story_comments.id', 'story_comments.text', 'story_comments.created_at', 'users.name'])
    .where('story_comments.story_id', '=', storyId)
    .orderBy('story_comments.created_at')
    .execute();
}

export type SaveResult =
  { ok: true; storyId: string; version: number } | { ok: false; reason: 'no_consent' } | { ok: false; reason: 'conflict'; theirs: string; version: number };

/** Starts a story with its first version. Needs the consent to keep writing. */
export async function createStory(deps: Deps, actor: Actor, input: { title: string; text: string }): Promise<SaveResult> {
  if (!(await activeConsents(deps.db, actor.id)).has('keep_writing')) return { ok: false, reason: 'no_consent' };
  const id = crypto.randomUUID();
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('stories')
      .values({ id, user_id: actor.id, title: input.title, shared: 0, current_version: 1, created_at: now, updated_at: now })
      .execute();
    await trx
      .insertInto('story_versions')
      .values({ id: crypto.randomUUID(), story_id: id, user_id: actor.id, number: 1, text: input.text, created_at: now })
      .execute();
  });
  return { ok: true, storyId: id, version: 1 };
}

/**
 * Saves a new version. `baseVersion` is the version the person's page was showing: if another tab
 * saved since, the save is refused and both texts go back to the person, so nothing is overwritten.
 * An identical text makes no new version.
 */
export async function saveStory(deps: Deps, actor: Actor, storyId: string, input: { title: string; text: string; baseVersion: number }): Promise<SaveResult> {
  const story = await getStory(deps.db, storyId);
  authorize(story !== undefined && story.user_id === actor.id);
  if (!(await activeConsents(deps.db, actor.id)).has('keep_writing')) return { ok: false, reason: 'no_consent' };
  return deps.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('stories').select(['current_version']).where('id', '=', storyId).executeTakeFirstOrThrow();
    if (current.current_version !== input.baseVersion) {
      return {
        ok: false as const,
        reason: 'conflict' as const,
        theirs: await storyText(trx, storyId, current.current_version),
        version: current.current_version,
      };
    }
    const now = deps.clock.now().toISOString();
    const same = (await storyText(trx, storyId, current.current_version)) === input.text;
    const version = same ? current.current_version : current.current_version + 1;
    if (!same)
      await trx
        .insertInto('story_versions')
        .values({ id: crypto.randomUUID(), story_id: storyId, user_id: actor.id, number: version, text: input.text, created_at: now })
        .execute();
    await trx.updateTable('stories').set({ title: input.title, current_version: version, updated_at: now }).where('id', '=', storyId).execute();
    return { ok: true as const, storyId, version };
  });
}

/** Shares a story with the facilitators of the owner's cohorts, or makes it private again (at once). */
export async function setStorySharing(deps: Deps, actor: Actor, storyId: string, shared: boolean): Promise<'ok' | 'no_consent'> {
  const story = await getStory(deps.db, storyId);
  authorize(story !== undefined && story.user_id === actor.id);
  if (shared && !(await activeConsents(deps.db, actor.id)).has('share_with_facilitators')) return 'no_consent';
  await deps.db
    .updateTable('stories')
    .set({ shared: toDbBool(shared) })
    .where('id', '=', storyId)
    .execute();
  return 'ok';
}

/** Makes everything a person has shared private again: what withdrawing the sharing consent does. */
export async function unshareEverything(db: Kysely<DB>, userId: string): Promise<void> {
  await db.updateTable('stories').set({ shared: 0 }).where('user_id', '=', userId).execute();
  await db.updateTable('journal_entries').set({ shared: 0 }).where('user_id', '=', userId).execute();
  await db.updateTable('wellbeing_plans').set({ shared: 0 }).where('user_id', '=', userId).execute();
  await db.updateTable('stocktakes').set({ shared: 0 }).where('user_id', '=', userId).execute();
}

/** Reads a story for someone who is not its owner; every such read is audited for the owner to see. */
export async function readSharedStory(deps: Deps, actor: Actor, storyId: string) {
  const story = await getStory(deps.db, storyId);
  authorize(story !== undefined && story.user_id !== actor.id && canReadHealthItem(actor, await healthItem(deps.db, story)));
  await recordAudit(deps.db, deps.clock, {
    action: 'health_data_viewed',
    actorUserId: actor.id,
    subjectUserId: story!.user_id,
    targetType: 'story',
    targetId: storyId,
  });
  return { story: story!, text: await storyText(deps.db, storyId, story!.current_version) };
}
