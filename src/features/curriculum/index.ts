import type { Mount } from '../../types.ts';
import { curriculumRoutes } from './routes.tsx';

export const mounts: Mount[] = [{ prefix: '/', routes: curriculumRoutes }];
export { sameKnowledge } from './model.ts';
