import type { Mount } from '../../../types.ts';
import { consentRoutes, consentTextRoutes } from './routes.tsx';

export const mounts: Mount[] = [
  { prefix: '/my/consent', routes: consentRoutes },
  { prefix: '/admin/consent-texts', routes: consentTextRoutes },
];
