import { HTTPException } from 'hono/http-exception';

export * from './actor.ts';
export * from './users.ts';
export * from './help.ts';
export * from './curriculum.ts';
export * from './cohorts.ts';
export * from './private.ts';
export * from './safeguarding.ts';
export * from './certificates.ts';

/** Throws 403 unless the rule allowed the action; the error page says no more than that. */
export function authorize(allowed: boolean): asserts allowed {
  if (!allowed) throw new HTTPException(403, { message: 'forbidden' });
}
