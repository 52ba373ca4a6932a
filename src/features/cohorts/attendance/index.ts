import type { Mount } from '../../../types.ts';
import { attendanceGridRoutes, registerRoutes } from './routes.tsx';

export const mounts: Mount[] = [
  { prefix: '/cohorts/:cohortId/attendance', routes: attendanceGridRoutes },
  { prefix: '/cohorts/:cohortId/sessions/:csId/register', routes: registerRoutes },
];

export { attendanceSummary, COMPLETION_THRESHOLD_PERCENT, type AttendanceSummary } from './model.ts';
