import { createHash } from 'node:crypto';
import type { Deps } from '../../types.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/index.ts';
import { canAuthorCurriculum } from '../../policies/curriculum.ts';
import { recordAudit } from '../../audit/audit.ts';
import { replaceSearchDocuments, type SearchDocument } from '../../db/search.ts';
import { checkUpload } from '../../lib/file-check.ts';
import { newStorageKey } from '../../storage/index.ts';
import { participantSession, programmeSchema, type Programme } from './model.ts';
import type { PackFile, PackProblem } from './pack.ts';
import { getProgrammeRow, parseProgramme } from './queries.ts';

/** Who is acting: a person, or the system itself (first start, the command line). */
type Author = Actor | null;

const authorId = (a: Author) => a?.id ?? null;
const mustAuthor = (a: Author) => {
  if (a !== null) authorize(canAuthorCurriculum(a));
};

/** Checks an uploaded file and stores it; returns the facts to keep in the programme document. */
export async function storeExerciseFile(
  deps: Deps,
  author: Author,
  input: { programmeId: string | null; filename: string; bytes: Uint8Array },
): Promise<{ ok: true; file: { filename: string; mime: string; size: number; storageKey: string } } | { ok: false; message: string }> {
  const check = await checkUpload({ filename: input.filename, bytes: input.bytes, maxBytes: deps.config.uploadLimitBytes });
  if (!check.ok) return check;
  const storageKey = newStorageKey();
  await deps.storage.put(storageKey, input.bytes);
  await deps.db
    .insertInto('stored_files')
    .values({
      storage_key: storageKey,
      programme_id: input.programmeId,
      filename: check.safeFilename,
      mime: check.mime,
      size_bytes: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      created_at: deps.clock.now().toISOString(),
      created_by: authorId(author),
    })
    .execute();
  return { ok: true, file: { filename: check.safeFilename, mime: check.mime, size: input.bytes.length, storageKey } };
}

export type ImportResult = { ok: true; programmeId: string; created: boolean } | { ok: false; problems: PackProblem[] };

/**
 * Imports a validated pack as the programme's draft (creating the programme if its slug is new).
 * Every exercise file is checked before anything is stored, so a bad file stops the whole import.
 */
export async function importProgramme(
  deps: Deps,
  author: Author,
  pack: { programme: Programme; files: Map<string, PackFile> },
  options: { publish?: boolean } = {},
): Promise<ImportResult> {
  mustAuthor(author);
  const problems: PackProblem[] = [];
  for (const f of pack.files.values()) {
    const check = await checkUpload({ filename: f.path, bytes: f.bytes, maxBytes: deps.config.uploadLimitBytes });
    if (!check.ok) problems.push({ file: f.path, line: 1, message: check.message });
  }
  if (problems.length) return { ok: false, problems };

  const existing = await getProgrammeRow(deps.db, pack.programme.slug);
  const programmeId = existing?.id ?? crypto.randomUUID();
  const now = deps.clock.now().toISOString();
  if (!existing) {
    await deps.db
      .insertInto('programmes')
      .values({
        id: programmeId,
        slug: pack.programme.slug,
        title: pack.programme.title,
        draft_json: '{}',
        draft_revision: 0,
        latest_version: 0,
        created_at: now,
        updated_at: now,
        updated_by: authorId(author),
      })
      .execute();
  }
  const programme: Programme = structuredClone(pack.programme);
  for (const m of programme.modules) {
    for (const s of m.sessions) {
      for (const f of s.files) {
        const source = pack.files.get(f.id)!;
        const stored = await storeExerciseFile(deps, author, { programmeId, filename: source.path, bytes: source.bytes });
        if (!stored.ok) return { ok: false, problems: [{ file: source.path, line: 1, message: stored.message }] };
        Object.assign(f, stored.file);
      }
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('programmes')
      .set((eb) => ({
        title: programme.title,
        draft_json: JSON.stringify(programme),
        draft_revision: eb('draft_revision', '+', 1),
        updated_at: now,
        updated_by: authorId(author),
      }))
      .where('id', '=', programmeId)
      .execute();
    await recordAudit(trx, deps.clock, { action: 'programme_imported', actorUserId: authorId(author), targetType: 'programme', targetId: programmeId });
  });
  if (options.publish) await publishProgramme(deps, author, programmeId, existing ? 'Imported' : 'First version');
  return { ok: true, programmeId, created: !existing };
}

/** Freezes the draft as the next numbered version, and makes it what search finds. */
export async function publishProgramme(deps: Deps, author: Author, programmeId: string, note: string): Promise<number> {
  mustAuthor(author);
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('programmes').select(['draft_json', 'latest_version']).where('id', '=', programmeId).executeTakeFirstOrThrow();
    const number = row.latest_version + 1;
    const now = deps.clock.now().toISOString();
    await trx
      .insertInto('programme_versions')
      .values({
        id: crypto.randomUUID(),
        programme_id: programmeId,
        number,
        snapshot_json: row.draft_json,
        published_at: now,
        published_by: authorId(author),
        note: note.trim() || null,
      })
      .execute();
    await trx.updateTable('programmes').set({ latest_version: number }).where('id', '=', programmeId).execute();
    await replaceSearchDocuments(trx, programmeId, searchDocuments(programmeId, parseProgramme(row.draft_json)));
    await recordAudit(trx, deps.clock, {
      action: 'programme_published',
      actorUserId: authorId(author),
      targetType: 'programme',
      targetId: programmeId,
      details: { version: number },
    });
    return number;
  });
}

const joinText = (...parts: string[]) => parts.filter((p) => p && p.trim()).join('\n\n');

/** The search index entries for a programme: participant text and facilitator-only text kept apart. */
export function searchDocuments(programmeId: string, p: Programme): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (const m of p.modules) {
    docs.push({ programmeId, moduleId: m.id, sessionId: null, audience: 'participant', title: m.title, body: joinText(m.purpose, m.description) });
    if (m.facilitatorNotes.trim())
      docs.push({ programmeId, moduleId: m.id, sessionId: null, audience: 'facilitator', title: m.title, body: m.facilitatorNotes });
    for (const s of m.sessions) {
      const ps = participantSession(s);
      docs.push({
        programmeId,
        moduleId: m.id,
        sessionId: s.id,
        audience: 'participant',
        title: s.title,
        body: joinText(
          ps.aim,
          ps.overview,
          ps.lesson,
          ps.assessment,
          ...ps.assignments.map((a) => joinText(a.title, a.brief, a.guidance, ...a.criteria.map((c) => c.text))),
          ...ps.contentNotes.map((n) => n.text),
          ...ps.activities.map((a) => joinText(a.title, a.participant)),
          ...ps.resources.map((r) => joinText(r.title, r.description)),
        ),
      });
      const facilitatorText = joinText(
        ...s.learningIntentions.map((li) => li.text),
        ...s.miniKnowledge.map((k) => joinText(k.title, k.body)),
        ...s.activities.map((a) => a.facilitator),
      );
      if (facilitatorText) docs.push({ programmeId, moduleId: m.id, sessionId: s.id, audience: 'facilitator', title: s.title, body: facilitatorText });
    }
  }
  return docs;
}

export type DraftUpdate = { ok: true; revision: number } | { ok: false; reason: 'conflict' } | { ok: false; reason: 'invalid'; message: string };

/**
 * Changes a programme's draft. `expectedRevision` is the revision the person's form was built from:
 * if someone else saved in between, the change is refused rather than silently overwriting theirs.
 */
export async function updateDraft(
  deps: Deps,
  actor: Actor,
  programmeId: string,
  expectedRevision: number | null,
  change: (p: Programme) => void,
): Promise<DraftUpdate> {
  authorize(canAuthorCurriculum(actor));
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('programmes').select(['draft_json', 'draft_revision']).where('id', '=', programmeId).executeTakeFirstOrThrow();
    if (expectedRevision !== null && row.draft_revision !== expectedRevision) return { ok: false as const, reason: 'conflict' as const };
    const draft = parseProgramme(row.draft_json);
    change(draft);
    const checked = programmeSchema.safeParse(draft);
    if (!checked.success) return { ok: false as const, reason: 'invalid' as const, message: checked.error.issues[0]?.message ?? 'invalid' };
    const revision = row.draft_revision + 1;
    await trx
      .updateTable('programmes')
      .set({
        title: checked.data.title,
        draft_json: JSON.stringify(checked.data),
        draft_revision: revision,
        updated_at: deps.clock.now().toISOString(),
        updated_by: actor.id,
      })
      .where('id', '=', programmeId)
      .execute();
    await recordAudit(trx, deps.clock, { action: 'curriculum_edited', actorUserId: actor.id, targetType: 'programme', targetId: programmeId });
    return { ok: true as const, revision };
  });
}
