import type { Mount } from '../../../types.ts';
import { interestManageRoutes, interestRoutes, placeRoutes } from './routes.tsx';

export const mounts: Mount[] = [
  { prefix: '/cohorts/:cohortId/interest', routes: interestManageRoutes },
  { prefix: '/interest', routes: interestRoutes },
  { prefix: '/places', routes: placeRoutes },
];

export { acceptPlace } from './commands.ts';
