import type { Mount } from '../../types.ts';
import { privateRoutes } from './routes.tsx';
import { journalRoutes } from './journal.tsx';
import { readinessRoutes } from './readiness.tsx';
import { stocktakeRoutes } from './stocktake.tsx';

export { resumePendingSave } from './resume.ts';
export { createStory, setStorySharing } from './stories.ts';
export { setConsents } from './consent.ts';

export const mounts: Mount[] = [
  { prefix: '/', routes: privateRoutes },
  { prefix: '/', routes: journalRoutes },
  { prefix: '/', routes: readinessRoutes },
  { prefix: '/', routes: stocktakeRoutes },
];
