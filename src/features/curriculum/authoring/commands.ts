import { HTTPException } from 'hono/http-exception';
import type { Deps } from '../../../types.ts';
import { authorize, type Actor } from '../../../policies/index.ts';
import { canAuthorCurriculum } from '../../../policies/curriculum.ts';
import { findSession, keyFrom, newPartId, type Module, type Programme, type Session } from '../model.ts';
import { readPackZip, type PackProblem } from '../pack.ts';
import { importProgramme, publishProgramme, storeExerciseFile, updateDraft, type DraftUpdate } from '../commands.ts';
import type { AssignmentInput, ItemKind, SessionInput } from './forms.ts';

/** A part the form names that is not in the draft (removed by someone else, or a made-up id). */
const missing = (): never => {
  throw new HTTPException(404);
};

const moduleIn = (p: Programme, id: string): Module => p.modules.find((m) => m.id === id) ?? missing();
const sessionIn = (p: Programme, id: string): Session => findSession(p, id)?.session ?? missing();

function move<T>(list: T[], index: number, direction: 'up' | 'down'): void {
  const to = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || to < 0 || to >= list.length) return;
  [list[index], list[to]] = [list[to]!, list[index]!];
}

/** Saves the programme's title, summary, description and facilitator notes to the draft. */
export function saveProgrammeDetails(
  deps: Deps,
  actor: Actor,
  programmeId: string,
  input: { revision: number; title: string; summary: string; description: string; facilitatorNotes: string },
): Promise<DraftUpdate> {
  authorize(canAuthorCurriculum(actor));
  const { revision, ...details } = input;
  return updateDraft(deps, actor, programmeId, revision, (p) => Object.assign(p, details));
}

/** Adds an empty module at the end of the draft. */
export async function addModule(deps: Deps, actor: Actor, programmeId: string, input: { revision: number; title: string }) {
  authorize(canAuthorCurriculum(actor));
  const id = newPartId();
  const result = await updateDraft(deps, actor, programmeId, input.revision, (p) =>
    p.modules.push({
      id,
      title: input.title || 'New module',
      purpose: '',
      description: '',
      facilitatorNotes: '',
      standsAlone: null,
      preProgramme: false,
      tags: [],
      stocktake: [],
      sessions: [],
    }),
  );
  return { ...result, moduleId: id };
}

/**
 * Saves a module's details and stocktake questions. A question keeps its id while its wording stays,
 * so answers already given still match it; a new question gets a readable id of its own.
 */
export function saveModule(
  deps: Deps,
  actor: Actor,
  programmeId: string,
  moduleId: string,
  input: {
    revision: number;
    title: string;
    purpose: string;
    description: string;
    facilitatorNotes: string;
    standsAlone: boolean | null;
    preProgramme: boolean;
    tags: string[];
    stocktake: string[];
  },
): Promise<DraftUpdate> {
  authorize(canAuthorCurriculum(actor));
  const { revision, stocktake: questions, ...details } = input;
  return updateDraft(deps, actor, programmeId, revision, (p) => {
    const target = moduleIn(p, moduleId);
    const used = new Set<string>();
    const stocktake = questions.map((text) => {
      const kept = target.stocktake.find((q) => q.text === text && !used.has(q.id))?.id;
      if (kept) {
        used.add(kept);
        return { id: kept, text };
      }
      return { id: '', text };
    });
    // Kept ids are reserved first, so a new question never takes an id an answer already refers to.
    for (const q of target.stocktake) used.add(q.id);
    for (const q of stocktake) if (!q.id) q.id = keyFrom(q.text, used, { prefix: 'q-', max: 40, fallback: 'question' });
    Object.assign(target, details, { stocktake });
  });
}

/** Moves a module one place up or down in the draft. */
export function moveModule(deps: Deps, actor: Actor, programmeId: string, moduleId: string, direction: 'up' | 'down'): Promise<DraftUpdate> {
  authorize(canAuthorCurriculum(actor));
  return updateDraft(deps, actor, programmeId, null, (p) =>
    move(
      p.modules,
      p.modules.findIndex((m) => m.id === moduleId),
      direction,
    ),
  );
}

/** Adds an empty session at the end of a module. */
export async function addSession(deps: Deps, actor: Actor, programmeId: string, moduleId: string, input: { revision: number; title: string }) {
  authorize(canAuthorCurriculum(actor));
  const id = newPartId();
  const result = await updateDraft(deps, actor, programmeId, input.revision, (p) =>
    moduleIn(p, moduleId).sessions.push({
      id,
      title: input.title || 'New session',
      aim: '',
      overview: '',
      durationMinutes: null,
      lesson: '',
      assessment: '',
      tags: [],
      contentNotes: [],
      learningIntentions: [],
      miniKnowledge: [],
      activities: [],
      files: [],
      resources: [],
      assignments: [],
    }),
  );
  return { ...result, sessionId: id };
}

/**
 * Saves a session's text, learning intentions and content notes. Existing intentions keep their ids;
 * Mini Knowledge linked only to removed intentions keeps its text and moves to the first one left.
 */
export function saveSession(deps: Deps, actor: Actor, programmeId: string, sessionId: string, input: SessionInput): Promise<DraftUpdate> {
  authorize(canAuthorCurriculum(actor));
  const { revision, intentions, contentNotes, ...fields } = input;
  return updateDraft(deps, actor, programmeId, revision, (p) => {
    const s = sessionIn(p, sessionId);
    const used = new Set<string>();
    const kept = intentions.map((li) => (li.id && !used.has(li.id) ? (used.add(li.id), { id: li.id, text: li.text }) : { id: '', text: li.text }));
    for (const li of kept) if (!li.id) li.id = keyFrom(li.text, used, { max: 40, fallback: 'intention' });
    Object.assign(s, fields, { learningIntentions: kept, contentNotes });
    const live = new Set(kept.map((li) => li.id));
    for (const k of s.miniKnowledge) {
      const links = k.intentions.filter((id) => live.has(id));
      k.intentions = links.length ? links : kept.slice(0, 1).map((li) => li.id);
    }
    s.miniKnowledge = s.miniKnowledge.filter((k) => k.intentions.length > 0);
  });
}

/** Moves a session one place up or down within its module. */
export function moveSession(deps: Deps, actor: Actor, programmeId: string, sessionId: string, direction: 'up' | 'down'): Promise<DraftUpdate> {
  authorize(canAuthorCurriculum(actor));
  return updateDraft(deps, actor, programmeId, null, (p) => {
    const found = findSession(p, sessionId);
    if (found) move(found.module.sessions, found.module.sessions.indexOf(found.session), direction);
  });
}

/** Removes a module or a session from the draft; published versions keep it. */
export function removePart(deps: Deps, actor: Actor, programmeId: string, part: 'modules' | 'sessions', id: string): Promise<DraftUpdate> {
  authorize(canAuthorCurriculum(actor));
  return updateDraft(deps, actor, programmeId, null, (p) => {
    if (part === 'modules') p.modules = p.modules.filter((m) => m.id !== id);
    else for (const m of p.modules) m.sessions = m.sessions.filter((x) => x.id !== id);
  });
}

const listOf = (s: Session, kind: ItemKind): { id: string }[] => (kind === 'knowledge' ? s.miniKnowledge : kind === 'activities' ? s.activities : s.resources);

/** Adds (`itemId` "new") or changes a piece of Mini Knowledge, an activity or a useful resource. */
export function saveItem(
  deps: Deps,
  actor: Actor,
  programmeId: string,
  at: { sessionId: string; kind: ItemKind; itemId: string },
  input: { revision: number } & Record<string, unknown>,
): Promise<DraftUpdate> {
  authorize(canAuthorCurriculum(actor));
  const { revision, ...data } = input;
  return updateDraft(deps, actor, programmeId, revision, (p) => {
    const list = listOf(sessionIn(p, at.sessionId), at.kind);
    if (at.itemId === 'new') list.push({ id: newPartId(), ...data });
    else Object.assign(list.find((x) => x.id === at.itemId) ?? missing(), data);
  });
}

/** Removes a piece of Mini Knowledge, an activity or a useful resource from a session. */
export function removeItem(deps: Deps, actor: Actor, programmeId: string, at: { sessionId: string; kind: ItemKind; itemId: string }): Promise<DraftUpdate> {
  authorize(canAuthorCurriculum(actor));
  return updateDraft(deps, actor, programmeId, null, (p) => {
    const list = listOf(sessionIn(p, at.sessionId), at.kind);
    const i = list.findIndex((x) => x.id === at.itemId);
    if (i >= 0) list.splice(i, 1);
  });
}

/**
 * Adds (`assignmentId` "new") or changes an assignment set in a session. A criterion keeps its id
 * while its row carries it, so marks recorded against it keep their meaning; a new one gets a readable id.
 */
export function saveAssignment(
  deps: Deps,
  actor: Actor,
  programmeId: string,
  at: { sessionId: string; assignmentId: string },
  input: AssignmentInput,
): Promise<DraftUpdate> {
  authorize(canAuthorCurriculum(actor));
  const { revision, criteria: rows, ...fields } = input;
  return updateDraft(deps, actor, programmeId, revision, (p) => {
    const s = sessionIn(p, at.sessionId);
    const existing = at.assignmentId === 'new' ? null : (s.assignments.find((a) => a.id === at.assignmentId) ?? missing());
    const known = new Set(existing?.criteria.map((c) => c.id) ?? []);
    const used = new Set<string>();
    const criteria = rows.map((c) => (c.id && known.has(c.id) && !used.has(c.id) ? (used.add(c.id), { id: c.id, text: c.text }) : { id: '', text: c.text }));
    // Ids of criteria removed now are not reused, so an old mark never points at a new outcome.
    for (const id of known) used.add(id);
    for (const c of criteria) if (!c.id) c.id = keyFrom(c.text, used, { prefix: 'c-', max: 40, fallback: 'criterion' });
    if (existing) Object.assign(existing, fields, { criteria });
    else s.assignments.push({ id: newPartId(), ...fields, criteria });
  });
}

/** Removes an assignment from a session in the draft; published versions keep it. */
export function removeAssignment(deps: Deps, actor: Actor, programmeId: string, at: { sessionId: string; assignmentId: string }): Promise<DraftUpdate> {
  authorize(canAuthorCurriculum(actor));
  return updateDraft(deps, actor, programmeId, null, (p) => {
    const s = sessionIn(p, at.sessionId);
    s.assignments = s.assignments.filter((a) => a.id !== at.assignmentId);
  });
}

/** Checks and stores an uploaded exercise file, then lists it on the session in the draft. */
export async function addExerciseFile(
  deps: Deps,
  actor: Actor,
  programmeId: string,
  sessionId: string,
  input: { title: string; filename: string; bytes: Uint8Array },
): Promise<{ ok: true } | { ok: false; message: string }> {
  authorize(canAuthorCurriculum(actor));
  const stored = await storeExerciseFile(deps, actor, { programmeId, filename: input.filename, bytes: input.bytes });
  if (!stored.ok) return stored;
  await updateDraft(deps, actor, programmeId, null, (p) => sessionIn(p, sessionId).files.push({ id: newPartId(), title: input.title, ...stored.file }));
  return { ok: true };
}

/** Takes an exercise file off a session in the draft. The stored bytes stay: published versions may still offer it. */
export function removeExerciseFile(deps: Deps, actor: Actor, programmeId: string, sessionId: string, fileId: string): Promise<DraftUpdate> {
  authorize(canAuthorCurriculum(actor));
  return updateDraft(deps, actor, programmeId, null, (p) => {
    const s = sessionIn(p, sessionId);
    s.files = s.files.filter((f) => f.id !== fileId);
  });
}

/** Imports an uploaded content pack (a zip) into its programme's draft; nothing is imported from a pack with any problem. */
export async function importPackUpload(
  deps: Deps,
  actor: Actor,
  upload: { filename: string; bytes: Uint8Array } | null,
): Promise<{ ok: true; slug: string } | { ok: false; problems: PackProblem[] }> {
  authorize(canAuthorCurriculum(actor));
  if (!upload || upload.bytes.length === 0) return { ok: false, problems: [{ file: 'upload', line: 1, message: 'Choose a .zip content pack to import' }] };
  if (upload.bytes.length > deps.config.uploadLimitBytes)
    return { ok: false, problems: [{ file: upload.filename, line: 1, message: 'The pack is larger than the upload limit' }] };
  const pack = readPackZip(upload.bytes);
  if (!pack.ok) return pack;
  const result = await importProgramme(deps, actor, pack);
  if (!result.ok) return result;
  return { ok: true, slug: pack.programme.slug };
}

/** Publishes the draft as the next version. */
export function publishDraft(deps: Deps, actor: Actor, programmeId: string, note: string): Promise<number> {
  authorize(canAuthorCurriculum(actor));
  return publishProgramme(deps, actor, programmeId, note);
}
