import type { Mount } from '../../../types.ts';
import { accountCalendarRoutes, calendarFeedRoutes } from './routes.tsx';

export const mounts: Mount[] = [
  { prefix: '/calendar', routes: calendarFeedRoutes },
  { prefix: '/account/calendar', routes: accountCalendarRoutes },
];
