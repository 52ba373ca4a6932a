import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, Deps } from '../../types.ts';
import type { Actor } from '../../policies/actor.ts';
import { requireUser } from '../../auth/guards.ts';
import { createStory, saveStory } from './stories.ts';

export const RESUME_COOKIE = 'pt_resume';

/**
 * For writing forms: when a login session expired while someone was writing, what they sent is kept
 * (tied to their account) and they are asked to sign in; it is saved as soon as they do.
 */
export const requireWriter: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { expiredUserId, deps } = c.var;
  if (!c.var.actor && c.req.method === 'POST' && expiredUserId) {
    const body = await c.req.parseBody();
    const fields = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string'));
    const id = crypto.randomUUID();
    await deps.db
      .insertInto('pending_saves')
      .values({ id, user_id: expiredUserId, path: c.req.path, fields_json: JSON.stringify(fields), created_at: deps.clock.now().toISOString() })
      .execute();
    setCookie(c, RESUME_COOKIE, id, { httpOnly: true, sameSite: 'Lax', secure: deps.config.cookieSecure, path: '/', maxAge: 24 * 3600 });
    return c.redirect(`/sign-in?notice=kept&next=${encodeURIComponent(c.req.path.replace(/\/(save|new)$/, ''))}`, 303);
  }
  return requireUser(c, next);
};

/** After signing in: saves any writing kept from an expired login session of this same person. Returns where to go. */
export async function resumePendingSave(c: Context<AppEnv>, deps: Deps, actor: Actor): Promise<string | null> {
  const id = getCookie(c, RESUME_COOKIE);
  if (!id) return null;
  deleteCookie(c, RESUME_COOKIE, { path: '/' });
  const pending = await deps.db.selectFrom('pending_saves').selectAll().where('id', '=', id).where('user_id', '=', actor.id).executeTakeFirst();
  if (!pending) return null;
  const f = JSON.parse(pending.fields_json) as Record<string, string>;
  const isStory = pending.path === '/my/stories/new' || /^\/my\/stories\/[\w-]+\/save$/.test(pending.path);
  // Other forms are offered back, filled in, for one more press of their button.
  if (!isStory) return `/my/resume/${pending.id}`;
  await deps.db.deleteFrom('pending_saves').where('id', '=', id).execute();
  const title = (f.title ?? '').trim() || 'My recovery story';
  const text = f.text ?? '';
  if (pending.path === '/my/stories/new') {
    const r = await createStory(deps, actor, { title, text });
    return r.ok ? `/my/stories/${r.storyId}?notice=resumed` : '/my/consent';
  }
  const match = pending.path.match(/^\/my\/stories\/([\w-]+)\/save$/);
  if (match) {
    // Saved on top of whatever is current: the kept text becomes the newest version, never lost.
    const story = await deps.db
      .selectFrom('stories')
      .select(['current_version'])
      .where('id', '=', match[1]!)
      .where('user_id', '=', actor.id)
      .executeTakeFirst();
    if (!story) return null;
    const r = await saveStory(deps, actor, match[1]!, { title, text, baseVersion: story.current_version });
    return r.ok ? `/my/stories/${match[1]}?notice=resumed` : `/my/stories/${match[1]}`;
  }
  return null;
}
