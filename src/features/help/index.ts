import type { Mount } from '../../types.ts';
import { crisisContactRoutes, helpRoutes, privacyRoutes } from './routes.tsx';

export const mounts: Mount[] = [
  { prefix: '/help', routes: helpRoutes },
  { prefix: '/privacy', routes: privacyRoutes },
  { prefix: '/admin/crisis-contacts', routes: crisisContactRoutes },
];

/** How many crisis contacts need checking: the home page reminds those who keep them current. */
export { countStaleContacts } from './queries.ts';
