import type { Mount } from '../../types.ts';
import { auditRoutes } from './routes.tsx';

export const mounts: Mount[] = [{ prefix: '/admin/audit', routes: auditRoutes }];
