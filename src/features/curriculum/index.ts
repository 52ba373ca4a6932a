import type { Mount } from '../../types.ts';
import { curriculumRoutes } from './routes.tsx';

export const mounts: Mount[] = [{ prefix: '/', routes: curriculumRoutes }];

export { findSession, moduleLabel, type Module, type Programme, type Session } from './model.ts';
export { getPublishedVersion, listProgrammes, programmeSlug } from './queries.ts';
export { ContentNotes } from './views.tsx';
