import type { Mount } from '../../types.ts';
import { cohortRoutes } from './routes.tsx';
import { attendanceGridRoutes, registerRoutes } from './attendance/routes.tsx';
import { agreementRoutes, facilitationRoutes } from './delivery/routes.tsx';
import { interestManageRoutes, interestRoutes, placeRoutes } from './places/routes.tsx';
import { accountCalendarRoutes, calendarFeedRoutes } from './calendar/routes.tsx';

/** Each sub-app at the prefix its pages already had, so its middleware guards only its own addresses. */
export const mounts: Mount[] = [
  { prefix: '/cohorts', routes: cohortRoutes },
  { prefix: '/cohorts/:cohortId/attendance', routes: attendanceGridRoutes },
  { prefix: '/cohorts/:cohortId/sessions/:csId/register', routes: registerRoutes },
  { prefix: '/cohorts/:cohortId/agreement', routes: agreementRoutes },
  { prefix: '/cohorts/:cohortId/sessions/:csId/facilitate', routes: facilitationRoutes },
  { prefix: '/cohorts/:cohortId/interest', routes: interestManageRoutes },
  { prefix: '/interest', routes: interestRoutes },
  { prefix: '/places', routes: placeRoutes },
  { prefix: '/calendar', routes: calendarFeedRoutes },
  { prefix: '/account/calendar', routes: accountCalendarRoutes },
];

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
export { attendanceSummary, COMPLETION_THRESHOLD_PERCENT, type AttendanceSummary } from './attendance/model.ts';
export { acceptPlace } from './places/commands.ts';
export { cohortAttendance, cohortPlans, getCohorts, preProgrammeModules } from './queries.ts';
export { formatInZone } from './time.ts';
