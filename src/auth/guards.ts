import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types.ts';
import type { Actor } from '../policies/actor.ts';
import { authorize } from '../policies/index.ts';

/** Only local paths may be returned to after sign-in, so a link cannot bounce someone to another site. */
export function safeNext(next: string | undefined | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
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
