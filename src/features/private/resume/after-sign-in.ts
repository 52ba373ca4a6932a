import type { Context } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { AppEnv, Deps } from '../../../types.ts';
import type { Actor } from '../../../policies/index.ts';
import { createStory, saveStory } from '../stories/commands.ts';
import { getOwnStory } from '../stories/queries.ts';
import { RESUME_COOKIE } from './middleware.ts';
import { pendingSavePath } from './queries.ts';
import { takePendingSave } from './commands.ts';

const NEW_STORY = '/my/stories/new';
const SAVE_STORY = /^\/my\/stories\/([\w-]+)\/save$/;

/** After signing in: saves any writing kept from an expired login session of this same person. Returns where to go. */
export async function resumePendingSave(c: Context<AppEnv>, deps: Deps, actor: Actor): Promise<string | null> {
  const id = getCookie(c, RESUME_COOKIE);
  if (!id) return null;
  deleteCookie(c, RESUME_COOKIE, { path: '/' });
  const path = await pendingSavePath(deps.db, actor.id, id);
  if (path === undefined) return null;
  // Other forms are offered back, filled in, for one more press of their button.
  if (path !== NEW_STORY && !SAVE_STORY.test(path)) return `/my/resume/${id}`;
  const pending = await takePendingSave(deps, actor, id);
  if (!pending) return null;
  const title = (pending.fields.title ?? '').trim().slice(0, 200) || 'My recovery story';
  const text = pending.fields.text ?? '';
  if (path === NEW_STORY) {
    const r = await createStory(deps, actor, { title, text });
    return r.ok ? `/my/stories/${r.storyId}?notice=resumed` : '/my/consent';
  }
  const storyId = path.match(SAVE_STORY)![1]!;
  // Saved on top of whatever is current: the kept text becomes the newest version, never lost.
  const story = await getOwnStory(deps.db, actor.id, storyId);
  if (!story) return null;
  const r = await saveStory(deps, actor, storyId, { title, text, baseVersion: story.current_version });
  return r.ok ? `/my/stories/${storyId}?notice=resumed` : `/my/stories/${storyId}`;
}
