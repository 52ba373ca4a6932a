import type { Deps } from '../../../types.ts';
import { authorize, canKeepHealthItem, type Actor } from '../../../policies/index.ts';
import { toDbBool } from '../../../db/helpers.ts';
import { hasConsent } from '../consent/queries.ts';
import { getStory, storyText } from './queries.ts';

export type SaveResult =
  { ok: true; storyId: string; version: number } | { ok: false; reason: 'no_consent' } | { ok: false; reason: 'conflict'; theirs: string; version: number };

/** Starts a story with its first version. Needs the consent to keep writing. */
export async function createStory(deps: Deps, actor: Actor, input: { title: string; text: string }): Promise<SaveResult> {
  if (!(await hasConsent(deps.db, actor.id, 'keep_writing'))) return { ok: false, reason: 'no_consent' };
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
  authorize(story !== undefined && canKeepHealthItem(actor, { ownerId: story.user_id }));
  if (!(await hasConsent(deps.db, actor.id, 'keep_writing'))) return { ok: false, reason: 'no_consent' };
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

/** Makes an earlier version the newest one; the versions in between stay. */
export async function restoreVersion(deps: Deps, actor: Actor, storyId: string, n: number): Promise<'ok' | 'not_found' | 'no_consent' | 'conflict'> {
  const story = await getStory(deps.db, storyId);
  authorize(story !== undefined && canKeepHealthItem(actor, { ownerId: story.user_id }));
  if (!Number.isInteger(n) || n < 1 || n > story.current_version) return 'not_found';
  const r = await saveStory(deps, actor, storyId, { title: story.title, text: await storyText(deps.db, storyId, n), baseVersion: story.current_version });
  return r.ok ? 'ok' : r.reason;
}

/** Shares a story with the facilitators of the owner's cohorts, or makes it private again (at once). */
export async function setStorySharing(deps: Deps, actor: Actor, storyId: string, shared: boolean): Promise<'ok' | 'no_consent'> {
  const story = await getStory(deps.db, storyId);
  authorize(story !== undefined && canKeepHealthItem(actor, { ownerId: story.user_id }));
  if (shared && !(await hasConsent(deps.db, actor.id, 'share_with_facilitators'))) return 'no_consent';
  await deps.db
    .updateTable('stories')
    .set({ shared: toDbBool(shared) })
    .where('id', '=', storyId)
    .execute();
  return 'ok';
}
