import type { Mount } from '../../../types.ts';
import { sharedItemRoutes, sharedRoutes } from './routes.tsx';

export const mounts: Mount[] = [
  { prefix: '/cohorts/:cohortId/shared', routes: sharedRoutes },
  { prefix: '/cohorts/:cohortId/shared-items', routes: sharedItemRoutes },
];
