import type { Mount } from '../../../types.ts';
import { ownReadinessRoutes, readinessRecordRoutes } from './routes.tsx';

export const mounts: Mount[] = [
  { prefix: '/my/readiness', routes: ownReadinessRoutes },
  { prefix: '/cohorts/:cohortId/readiness', routes: readinessRecordRoutes },
];
