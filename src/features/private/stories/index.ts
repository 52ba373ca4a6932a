import type { Mount } from '../../../types.ts';
import { storyRoutes } from './routes.tsx';

export const mounts: Mount[] = [{ prefix: '/my/stories', routes: storyRoutes }];
