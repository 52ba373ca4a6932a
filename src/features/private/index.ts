import type { Mount } from '../../types.ts';
import { privateHomeRoutes } from './routes.tsx';
import * as stories from './stories/index.ts';
import * as journal from './journal/index.ts';
import * as wellbeingPlan from './wellbeing-plan/index.ts';
import * as stocktake from './stocktake/index.ts';
import * as readiness from './readiness/index.ts';
import * as consent from './consent/index.ts';
import * as shared from './shared/index.ts';
import * as exportData from './export/index.ts';
import * as resume from './resume/index.ts';

export { resumePendingSave } from './resume/index.ts';
export { readHealthItem, type HealthItemKind, type HealthItemRef, type HealthRead } from './health-reads.ts';
export { createStory, setStorySharing } from './stories/commands.ts';
export { changeConsents } from './consent/commands.ts';

/** Each sub-area at its own prefix, so one's guard never runs in front of another's routes. */
export const mounts: Mount[] = [
  { prefix: '/my', routes: privateHomeRoutes },
  ...stories.mounts,
  ...journal.mounts,
  ...wellbeingPlan.mounts,
  ...stocktake.mounts,
  ...readiness.mounts,
  ...consent.mounts,
  ...exportData.mounts,
  ...resume.mounts,
  ...shared.mounts,
];
