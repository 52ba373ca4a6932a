import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../types.ts';
import { canViewCohort } from '../../policies/cohorts.ts';
import { getCohort, type Cohort } from './queries.ts';

/** The cohort named by the `:cohortId` of the address, for routes. One someone may not see answers as if it did not exist. */
export async function visibleCohortOr404(c: Context<AppEnv>): Promise<Cohort> {
  const cohort = await getCohort(c.var.deps.db, c.req.param('cohortId') ?? '');
  if (!cohort || !canViewCohort(c.var.actor, cohort.id)) throw new HTTPException(404);
  return cohort;
}
