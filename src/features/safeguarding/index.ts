import type { Mount } from '../../types.ts';
import { concernRoutes, leadRoutes, raiseConcernRoutes } from './routes.tsx';

export const mounts: Mount[] = [
  { prefix: '/safeguarding', routes: concernRoutes },
  { prefix: '/admin/safeguarding-leads', routes: leadRoutes },
  { prefix: '/cohorts/:cohortId/concerns', routes: raiseConcernRoutes },
];
