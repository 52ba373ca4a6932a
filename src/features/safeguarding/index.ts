import type { Mount } from '../../types.ts';
import { concernRoutes, leadRoutes, raiseConcernRoutes } from './routes.tsx';

export const mounts: Mount[] = [
  { prefix: '/safeguarding', routes: concernRoutes },
  { prefix: '/admin/safeguarding-leads', routes: leadRoutes },
  { prefix: '/cohorts/:cohortId/concerns', routes: raiseConcernRoutes },
];

/** Whether someone is a named safeguarding lead: the home page's card and the navigation link ask this. */
export { isSafeguardingLead } from './queries.ts';
