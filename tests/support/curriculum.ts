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

/**
 * Writes learning intentions for a session through the session form, keeping its other fields, as the
 * programme team would (the default content lists none: the source gives none). Returns their ids.
 */
export async function addIntentions(t: TestApp, author: TestClient, slug: string, sessionId: string, texts: string[]): Promise<string[]> {
  const session = (await draftOf(t, slug)).modules.flatMap((m) => m.sessions).find((s) => s.id === sessionId)!;
  const form: Record<string, string> = {
    revision: await revisionOf(t, slug),
    intent: 'save',
    title: session.title,
    aim: session.aim,
    overview: session.overview,
    durationMinutes: session.durationMinutes ? String(session.durationMinutes) : '',
    lesson: session.lesson,
    assessment: session.assessment,
    tags: session.tags.join(', '),
    noteCount: String(session.contentNotes.length),
    intentionCount: String(texts.length),
  };
  session.contentNotes.forEach((n, i) => {
    form[`noteTopic_${i}`] = n.topic;
    form[`noteText_${i}`] = n.text;
  });
  texts.forEach((text, i) => (form[`intentionText_${i}`] = text));
  const res = await author.post(`/programmes/${slug}/draft/sessions/${sessionId}`, form);
  if (res.status !== 303) throw new Error(`writing learning intentions failed: ${res.status}`);
  const saved = (await draftOf(t, slug)).modules.flatMap((m) => m.sessions).find((s) => s.id === sessionId)!;
  return saved.learningIntentions.map((li) => li.id);
}
