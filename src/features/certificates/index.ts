import type { Mount } from '../../types.ts';
export { countCertificates } from './queries.ts';
import { certificateRoutes, cohortCertificateRoutes, credentialRoutes, myCertificateRoutes, verifyRoutes } from './routes.tsx';

/** Issuing under the cohort, one certificate for its issuers, the participant's own, and the public pages. */
export const mounts: Mount[] = [
  { prefix: '/cohorts/:cohortId/certificates', routes: cohortCertificateRoutes },
  { prefix: '/certificates', routes: certificateRoutes },
  { prefix: '/my/certificates', routes: myCertificateRoutes },
  { prefix: '/verify', routes: verifyRoutes },
  { prefix: '/credentials', routes: credentialRoutes },
];
