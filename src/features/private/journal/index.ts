import type { Mount } from '../../../types.ts';
import { journalRoutes } from './routes.tsx';

export const mounts: Mount[] = [{ prefix: '/my/journal', routes: journalRoutes }];
