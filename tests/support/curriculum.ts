import type { TestClient } from './client.ts';
import type { TestApp } from './app.ts';
import { getProgrammeRow, parseProgramme } from '../../src/features/curriculum/queries.ts';

/** The draft's current revision, as an editing form would carry it. */
export async function revisionOf(t: TestApp, slug: string): Promise<string> {
  return String((await getProgrammeRow(t.deps.db, slug))!.draft_revision);
}

export async function draftOf(t: TestApp, slug: string) {
  return parseProgramme((await getProgrammeRow(t.deps.db, slug))!.draft_json);
}

/** Adds a piece of Mini Knowledge to a session through the authoring form. */
export async function addKnowledge(
  t: TestApp,
  author: TestClient,
  slug: string,
  sessionId: string,
  input: { title: string; body: string; intentions: string[]; tags?: string },
) {
  const res = await author.post(`/programmes/${slug}/draft/sessions/${sessionId}/knowledge/new`, {
    revision: await revisionOf(t, slug),
    intent: 'save',
    title: input.title,
    body: input.body,
    intentions: input.intentions,
    tags: input.tags ?? '',
  });
  if (res.status !== 303) throw new Error(`adding knowledge failed: ${res.status}`);
}

export async function addActivity(
  t: TestApp,
  author: TestClient,
  slug: string,
  sessionId: string,
  input: { title: string; participant: string; facilitator: string; minutes?: string },
) {
  const res = await author.post(`/programmes/${slug}/draft/sessions/${sessionId}/activities/new`, {
    revision: await revisionOf(t, slug),
    intent: 'save',
    title: input.title,
    minutes: input.minutes ?? '',
    participant: input.participant,
    facilitator: input.facilitator,
  });
  if (res.status !== 303) throw new Error(`adding an activity failed: ${res.status}`);
}

export async function publish(author: TestClient, slug: string, note = '') {
  const res = await author.post(`/programmes/${slug}/publish`, { note });
  if (res.status !== 303) throw new Error(`publishing failed: ${res.status}`);
}
