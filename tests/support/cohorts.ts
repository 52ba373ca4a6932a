import { strToU8 } from 'fflate';
import type { TestApp } from './app.ts';
import type { TestClient } from './client.ts';
import { readPackFiles } from '../../src/features/curriculum/pack.ts';
import { importProgramme } from '../../src/features/curriculum/commands.ts';
import { getProgrammeRow } from '../../src/features/curriculum/queries.ts';

const session = (title: string, knowledge: string) =>
  strToU8(
    `---\ntitle: ${title}\naim: The aim of ${title}.\nlearning_intentions:\n  - id: one\n    text: Learn about ${title}.\nmini_knowledge:\n  - title: ${knowledge}\n    intentions: [one]\n    body: Background on ${knowledge}.\n---\nLesson for ${title}.\n`,
  );

/** A published programme of three modules where Modules 2 and 3 share a piece of Mini Knowledge. */
export async function seedCourse(t: TestApp): Promise<{ programmeId: string; slug: string }> {
  const pack = readPackFiles(
    new Map([
      ['programme.md', strToU8('---\ntitle: Overlap course\nslug: overlap-course\n---\n')],
      ['01-one/module.md', strToU8('---\ntitle: Module one\n---\n')],
      ['01-one/01-start.md', session('Starting out', 'Ground rules')],
      ['02-two/module.md', strToU8('---\ntitle: Module two\n---\n')],
      ['02-two/01-values.md', session('Values', 'The CHIME framework')],
      ['02-two/02-boundaries.md', session('Boundaries', 'Saying no kindly')],
      ['03-three/module.md', strToU8('---\ntitle: Module three\n---\n')],
      ['03-three/01-practice.md', session('Practice', 'Active listening')],
      ['03-three/02-hope.md', session('Hope in practice', 'The CHIME framework')],
    ]),
  );
  if (!pack.ok) throw new Error(JSON.stringify(pack.problems));
  const result = await importProgramme(t.deps, null, pack, { publish: true });
  if (!result.ok) throw new Error('import failed');
  return { programmeId: result.programmeId, slug: 'overlap-course' };
}

/** Creates a cohort of Module 3 then Module 2 through the form; returns its id. */
export async function createCohortThreeThenTwo(t: TestApp, coordinator: TestClient, extra: Record<string, string> = {}): Promise<string> {
  const row = (await getProgrammeRow(t.deps.db, 'overlap-course'))!;
  const res = await coordinator.post('/cohorts/new', {
    name: 'Autumn cohort',
    programmeId: row.id,
    modules: [`${row.id}:two`, `${row.id}:three`],
    [`order_${row.id}:three`]: '1',
    [`order_${row.id}:two`]: '2',
    startsOn: '2026-10-01',
    endsOn: '2026-12-17',
    mode: 'hybrid',
    venue: 'Community Hall, Leith',
    joiningLink: 'https://meet.example.org/secret-room-123',
    capacity: '12',
    attendanceThreshold: '80',
    ...extra,
  });
  if (res.status !== 303) throw new Error(`creating the cohort failed: ${res.status} ${res.text.match(/error-message[^<]*<[^<]*<\/span>([^<]*)/)?.[1]}`);
  return res.location!.split('/')[2]!.split('?')[0]!;
}

/**
 * Makes Module one of the overlap course a pre-programme with the given stocktake questions, publishes
 * it, and creates a cohort of Modules one and two through the form; returns the cohort's id.
 */
export async function createCohortWithStocktake(t: TestApp, coordinator: TestClient, questions: string, name: string): Promise<string> {
  const row = (await getProgrammeRow(t.deps.db, 'overlap-course'))!;
  const edit = await coordinator.post('/programmes/overlap-course/draft/modules/one', {
    revision: String(row.draft_revision),
    title: 'Module one',
    preProgramme: 'yes',
    standsAlone: 'yes',
    stocktake: questions,
  });
  if (edit.status !== 303) throw new Error(`saving the stocktake questions failed: ${edit.status}`);
  await coordinator.post('/programmes/overlap-course/publish', { note: 'Stocktake' });
  const created = await coordinator.post('/cohorts/new', {
    name,
    programmeId: row.id,
    modules: [`${row.id}:one`, `${row.id}:two`],
    startsOn: '2027-01-01',
    endsOn: '2027-02-01',
    mode: 'online',
    attendanceThreshold: '80',
  });
  if (created.status !== 303) throw new Error(`creating the cohort failed: ${created.status}`);
  return created.location!.split('/')[2]!.split('?')[0]!;
}
