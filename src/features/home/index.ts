import type { Mount } from '../../types.ts';
import { homeRoutes } from './routes.tsx';

export const mounts: Mount[] = [{ prefix: '/', routes: homeRoutes }];
