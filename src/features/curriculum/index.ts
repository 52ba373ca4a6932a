import type { Mount } from '../../types.ts';
import { mounts as authoringMounts } from './authoring/index.ts';
import { programmeRoutes, searchRoutes } from './routes.tsx';

/**
 * Authoring comes first: `/programmes/import` would otherwise be read as a programme called "import",
 * and its stricter guard must run before the reading side's.
 */
export const mounts: Mount[] = [...authoringMounts, { prefix: '/programmes', routes: programmeRoutes }, { prefix: '/search', routes: searchRoutes }];

export { loadDefaultContent, DEFAULT_CONTENT_DIR } from './defaults.ts';
export { publishProgramme, updateDraft } from './commands.ts';
export { findSession, moduleLabel, sameKnowledge, participantSession } from './model.ts';
export type { Module, Programme, Session, ParticipantSession } from './model.ts';
export { getProgrammeRow, getPublishedVersion, listProgrammes, programmeSlug } from './queries.ts';
export { ContentNotes } from './views.tsx';
