import type { Mount } from '../../types.ts';
import { adminUserRoutes } from './routes.tsx';

export const mounts: Mount[] = [{ prefix: '/admin/users', routes: adminUserRoutes }];

export { createInvitedUser, sendInvitation } from './commands.ts';
