import type { Mount } from '../../types.ts';
import { cohortRoutes } from './routes.tsx';
import { deliveryRoutes } from './delivery.tsx';
import { placesRoutes } from './places.tsx';

export const mounts: Mount[] = [
  { prefix: '/', routes: cohortRoutes },
  { prefix: '/', routes: deliveryRoutes },
  { prefix: '/', routes: placesRoutes },
];
export { attendanceSummary, cohortAttendance, cohortParticipants, cohortPlan, cohortPlans, getCohort, getCohorts } from './queries.ts';
export { formatInZone } from './time.ts';
