import type { Mount } from '../../types.ts';
import { curriculumRoutes } from './routes.tsx';

export const mounts: Mount[] = [{ prefix: '/', routes: curriculumRoutes }];

export { loadDefaultContent } from './defaults.ts';
export { publishProgramme, updateDraft } from './commands.ts';
export { getProgrammeRow, getPublishedVersion, listProgrammes, programmeSlug } from './queries.ts';
export { findSession, moduleLabel, type Module, type Programme, type Session } from './model.ts';
export { ContentNotes } from './views.tsx';
