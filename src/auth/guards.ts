import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types.ts';
import type { Actor } from '../policies/actor.ts';
import { authorize } from '../policies/index.ts';

// Anything a browser might strip, fold or read as a line break: C0 and C1 controls, DEL, the Unicode
// line and paragraph separators, and the backslash some browsers read as a slash.
const UNSAFE_IN_PATH = /[\p{Cc}\u2028\u2029\\]/u;
const PROBE_ORIGIN = 'https://peer-toolbox.invalid';
const MAX_NEXT = 2000;

/**
 * Where to go after signing in: only a path on this site, or the home page. The value is checked as
 * sent and again after percent-decoding (twice over, for double encoding), so `/%2F%2Fevil`, `/\evil`,
 * `/<TAB>/evil` and `/%0A/evil` all fall back to `/`. What comes back is percent-encoded ASCII, so it
 * can always go into a Location header.
 */
export function safeNext(next: string | undefined | null): string {
  if (!next || next.length > MAX_NEXT) return '/';
  let decoded = next;
  for (let i = 0; i < 3; i++) {
    if (!isLocalPath(decoded)) return '/';
    let once: string;
    try {
      once = decodeURIComponent(decoded);
    } catch {
      return '/';
    }
    if (once === decoded) break;
    decoded = once;
  }
  if (!isLocalPath(decoded)) return '/';
  const url = new URL(next, PROBE_ORIGIN);
  if (url.origin !== PROBE_ORIGIN) return '/';
  return url.pathname + url.search + url.hash;
}

function isLocalPath(path: string): boolean {
  return path.startsWith('/') && !path.includes('//') && !UNSAFE_IN_PATH.test(path) && !/\s/.test(path.slice(1, 2));
}

/** Sends people who are not signed in to the sign-in page, coming back here afterwards. */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.actor) {
    const back = c.req.method === 'GET' ? c.req.path : '/';
    return c.redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
  }
  await next();
};

/** The signed-in person; only call behind requireUser. */
export function currentActor(c: Context<AppEnv>): Actor {
  const actor = c.var.actor;
  authorize(actor !== null);
  return actor;
}

/** Middleware form of a policy: refuses with 403 unless the rule allows the signed-in person. */
export const allow =
  (rule: (actor: Actor | null) => boolean): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    authorize(rule(c.var.actor));
    await next();
  };
