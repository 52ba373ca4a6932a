import type { Mount } from '../../../types.ts';
import { exportRoutes } from './routes.tsx';

export const mounts: Mount[] = [{ prefix: '/my/data', routes: exportRoutes }];
