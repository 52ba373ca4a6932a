import type { Mount } from '../../../types.ts';
import { agreementRoutes, facilitationRoutes } from './routes.tsx';

export const mounts: Mount[] = [
  { prefix: '/cohorts/:cohortId/agreement', routes: agreementRoutes },
  { prefix: '/cohorts/:cohortId/sessions/:csId/facilitate', routes: facilitationRoutes },
];
