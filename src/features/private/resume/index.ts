import type { Mount } from '../../../types.ts';
import { resumeRoutes } from './routes.tsx';

export { resumePendingSave } from './after-sign-in.ts';
export { requireWriter } from './middleware.ts';

export const mounts: Mount[] = [{ prefix: '/my/resume', routes: resumeRoutes }];
