import type { Mount } from '../../../types.ts';
import { wellbeingPlanRoutes } from './routes.tsx';

export const mounts: Mount[] = [{ prefix: '/my/wellbeing', routes: wellbeingPlanRoutes }];
