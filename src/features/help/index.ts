import type { Mount } from '../../types.ts';
import { helpRoutes } from './routes.tsx';

export const mounts: Mount[] = [{ prefix: '/', routes: helpRoutes }];
export { countStaleContacts } from './queries.ts';
