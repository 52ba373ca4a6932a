import type { Mount } from '../../types.ts';
import { safeguardingRoutes } from './routes.tsx';

export const mounts: Mount[] = [{ prefix: '/', routes: safeguardingRoutes }];
export { isSafeguardingLead } from './routes.tsx';
