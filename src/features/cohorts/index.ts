import type { Mount } from '../../types.ts';
import { cohortRoutes } from './routes.tsx';
import * as attendance from './attendance/index.ts';
import * as delivery from './delivery/index.ts';
import * as places from './places/index.ts';
import * as calendar from './calendar/index.ts';

/** Each sub-area at the prefix its pages already had, so its middleware guards only its own addresses. */
export const mounts: Mount[] = [{ prefix: '/cohorts', routes: cohortRoutes }, ...attendance.mounts, ...delivery.mounts, ...places.mounts, ...calendar.mounts];

// What other features may use of cohorts.
export {
  cohortMembers,
  cohortMembersByRole,
  cohortParticipants,
  cohortPlan,
  getCohort,
  type Cohort,
  type CohortPlan,
  type Member,
  type PlannedModule,
  type PlannedSession,
} from './queries.ts';
export { attendanceSummary, COMPLETION_THRESHOLD_PERCENT, type AttendanceSummary } from './attendance/index.ts';
export { acceptPlace } from './places/index.ts';
export { cohortAttendance, cohortPlans, getCohorts, preProgrammeModules } from './queries.ts';
export { formatInZone } from './time.ts';
