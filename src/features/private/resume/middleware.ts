import type { MiddlewareHandler } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../../../types.ts';
import { requireUser } from '../../../auth/guards.ts';
import { keepPendingSave } from './commands.ts';

export const RESUME_COOKIE = 'pt_resume';

/**
 * For writing forms: when a login session expired while someone was writing, what they sent is kept
 * (tied to their account) and they are asked to sign in; it is saved as soon as they do.
 */
export const requireWriter: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { expiredUserId, deps } = c.var;
  if (!c.var.actor && c.req.method === 'POST' && expiredUserId) {
    const body = await c.req.parseBody();
    const fields = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const id = await keepPendingSave(deps, expiredUserId, { path: c.req.path, fields });
    setCookie(c, RESUME_COOKIE, id, { httpOnly: true, sameSite: 'Lax', secure: deps.config.cookieSecure, path: '/', maxAge: 24 * 3600 });
    return c.redirect(`/sign-in?notice=kept&next=${encodeURIComponent(c.req.path.replace(/\/(save|new)$/, ''))}`, 303);
  }
  return requireUser(c, next);
};
