import type { Mount } from '../../types.ts';
import { curriculumRoutes } from './routes.tsx';

export const mounts: Mount[] = [{ prefix: '/', routes: curriculumRoutes }];

export { loadDefaultContent } from './defaults.ts';
export { publishProgramme, updateDraft } from './commands.ts';
export { getProgrammeRow, getPublishedVersion } from './queries.ts';
export type { Module, Programme, Session } from './model.ts';
