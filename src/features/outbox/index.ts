import type { Mount } from '../../types.ts';
import { outboxRoutes } from './routes.tsx';

export const mounts: Mount[] = [{ prefix: '/admin/outbox', routes: outboxRoutes }];
