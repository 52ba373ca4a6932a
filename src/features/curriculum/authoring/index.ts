import type { Mount } from '../../../types.ts';
import { draftRoutes, importRoutes, publishRoutes } from './routes.tsx';

/** Writing and publishing curriculum, each at the prefix its URLs already had. */
export const mounts: Mount[] = [
  { prefix: '/programmes/import', routes: importRoutes },
  { prefix: '/programmes/:slug/draft', routes: draftRoutes },
  { prefix: '/programmes/:slug/publish', routes: publishRoutes },
];
