import type { Kysely } from 'kysely';
import type { DB, ProgrammesTable } from '../../db/schema.ts';
import type { FileStorage } from '../../storage/index.ts';
import { authorize, type Actor } from '../../policies/index.ts';
import { canDownloadExerciseFile, canSeeProgramme } from '../../policies/curriculum.ts';
import { findSession, programmeSchema, type Programme, type Session } from './model.ts';
import { packZip, writePackFiles } from './pack.ts';
import { sessionChanges } from './history.ts';

export type ProgrammeRow = Pick<ProgrammesTable, 'id' | 'slug' | 'title' | 'draft_json' | 'draft_revision' | 'latest_version' | 'updated_at'>;

export interface PublishedVersion {
  id: string;
  number: number;
  publishedAt: string;
  publishedBy: string | null;
  note: string | null;
  programme: Programme;
}

/** Every programme, by title. Curriculum is organisational content, visible to anyone signed in. */
export function listProgrammes(db: Kysely<DB>) {
  return db.selectFrom('programmes').select(['id', 'slug', 'title', 'latest_version', 'updated_at', 'draft_json']).orderBy('title').execute();
}

/** A programme without its draft: what reading pages need (the draft is a document of its own size). */
export function getProgrammeHead(db: Kysely<DB>, slug: string) {
  return db.selectFrom('programmes').select(['id', 'slug', 'title', 'latest_version']).where('slug', '=', slug).executeTakeFirst();
}

/** The programme's current draft, parsed. */
export async function getDraft(db: Kysely<DB>, programmeId: string): Promise<Programme> {
  const row = await db.selectFrom('programmes').select('draft_json').where('id', '=', programmeId).executeTakeFirstOrThrow();
  return parseProgramme(row.draft_json);
}

/** A programme with its draft and the draft's revision, for editing. */
export function getProgrammeRow(db: Kysely<DB>, slug: string): Promise<ProgrammeRow | undefined> {
  return db
    .selectFrom('programmes')
    .select(['id', 'slug', 'title', 'draft_json', 'draft_revision', 'latest_version', 'updated_at'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

/** Reads a stored programme document. */
export const parseProgramme = (json: string): Programme => programmeSchema.parse(JSON.parse(json));

// Published versions never change, so a parsed copy can be kept for as long as the process lives.
const versionCache = new Map<string, PublishedVersion>();
const numberedCache = new Map<string, PublishedVersion>();
const slugCache = new Map<string, string>();

/** A programme's slug, which is set when the programme is made and never changes. */
export async function programmeSlug(db: Kysely<DB>, programmeId: string): Promise<string> {
  let slug = slugCache.get(programmeId);
  if (slug === undefined) {
    slug = (await db.selectFrom('programmes').select('slug').where('id', '=', programmeId).executeTakeFirstOrThrow()).slug;
    slugCache.set(programmeId, slug);
  }
  return slug;
}

/** A published version of a programme: the latest, or the numbered one. */
export async function getPublishedVersion(db: Kysely<DB>, programmeId: string, number?: number): Promise<PublishedVersion | null> {
  // A numbered version is the same for ever (versions are never changed or removed), so it is found
  // without asking the database; "the latest" always asks.
  if (number !== undefined) {
    const known = numberedCache.get(`${programmeId}#${number}`);
    if (known) return known;
  }
  let query = db
    .selectFrom('programme_versions')
    .select(['id', 'number', 'published_at', 'published_by', 'note'])
    .where('programme_id', '=', programmeId)
    .orderBy('number', 'desc')
    .limit(1);
  if (number !== undefined) query = query.where('number', '=', number);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  const cached = versionCache.get(row.id);
  if (cached) return cached;
  const snapshot = await db.selectFrom('programme_versions').select('snapshot_json').where('id', '=', row.id).executeTakeFirstOrThrow();
  const version: PublishedVersion = {
    id: row.id,
    number: row.number,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    note: row.note,
    programme: parseProgramme(snapshot.snapshot_json),
  };
  versionCache.set(row.id, version);
  numberedCache.set(`${programmeId}#${version.number}`, version);
  return version;
}

/** Every published version, newest first, with who published it. */
export function listVersions(db: Kysely<DB>, programmeId: string) {
  return db
    .selectFrom('programme_versions')
    .leftJoin('users', 'users.id', 'programme_versions.published_by')
    .select(['programme_versions.id', 'programme_versions.number', 'programme_versions.published_at', 'programme_versions.note', 'users.name as publisher'])
    .where('programme_versions.programme_id', '=', programmeId)
    .orderBy('programme_versions.number', 'desc')
    .execute();
}

/** All published versions in order, parsed, for a session's history. */
export async function allPublishedVersions(db: Kysely<DB>, programmeId: string): Promise<PublishedVersion[]> {
  const rows = await db.selectFrom('programme_versions').select('number').where('programme_id', '=', programmeId).orderBy('number').execute();
  const out: PublishedVersion[] = [];
  for (const r of rows) {
    const v = await getPublishedVersion(db, programmeId, r.number);
    if (v) out.push(v);
  }
  return out;
}

/** Finds which programme an exercise file belongs to. */
export function getStoredFile(db: Kysely<DB>, storageKey: string) {
  return db.selectFrom('stored_files').selectAll().where('storage_key', '=', storageKey).executeTakeFirst();
}

const offersFile = (p: Programme, storageKey: string) => p.modules.some((m) => m.sessions.some((s) => s.files.some((f) => f.storageKey === storageKey)));

/**
 * An exercise file of the programme `slug` that this person may download, or undefined (the route's
 * 404) when there is none or they may not: a file only a draft holds stays with the programme team,
 * even for someone who has learnt its key.
 */
export async function downloadableFile(db: Kysely<DB>, actor: Actor | null, slug: string, storageKey: string) {
  const row = await getProgrammeRow(db, slug);
  const file = await getStoredFile(db, storageKey);
  if (!row || !file || file.programme_id !== row.id) return undefined;
  if (canDownloadExerciseFile(actor, { published: false })) return file;
  const published = (await allPublishedVersions(db, row.id)).some((v) => offersFile(v.programme, storageKey));
  return canDownloadExerciseFile(actor, { published }) ? file : undefined;
}

/** Programmes the person may see in the list: published ones, and drafts for the programme team. */
export async function listVisibleProgrammes(db: Kysely<DB>, actor: Actor | null) {
  const rows = await listProgrammes(db);
  return rows
    .filter((r) => canSeeProgramme(actor, { published: r.latest_version > 0 }))
    .map((r) => ({ slug: r.slug, title: r.title, latest_version: r.latest_version, summary: parseProgramme(r.draft_json).summary }));
}

export interface Reading {
  row: { id: string; slug: string; title: string; latest_version: number };
  programme: Programme;
  /** Reading the draft rather than a published version. */
  draft: boolean;
  versionNumber: number | null;
}

/**
 * The programme a person is reading: the latest published version, a numbered one (cohorts link to
 * the version they were planned on), or the draft when an author asks for it or nothing is
 * published yet. Null when there is nothing this person may read.
 */
export async function programmeForReading(
  db: Kysely<DB>,
  actor: Actor | null,
  slug: string,
  wanted: { draft: boolean; version: number | undefined },
): Promise<Reading | null> {
  const row = await getProgrammeHead(db, slug);
  if (!row) return null;
  if (wanted.draft) {
    authorize(canSeeProgramme(actor, { published: false }));
    return { row, programme: await getDraft(db, row.id), draft: true, versionNumber: null };
  }
  const published = await getPublishedVersion(db, row.id, wanted.version);
  if (!published) {
    if (!canSeeProgramme(actor, { published: false })) return null;
    return { row, programme: await getDraft(db, row.id), draft: true, versionNumber: null };
  }
  return { row, programme: published.programme, draft: false, versionNumber: published.number };
}

/** Every published version holding the session, newest first, with what changed in it each time. */
export async function sessionHistory(db: Kysely<DB>, programmeId: string, sessionId: string) {
  const versions = await allPublishedVersions(db, programmeId);
  const names = new Map((await listVersions(db, programmeId)).map((v) => [v.number, v.publisher]));
  const entries = [];
  let previous: Session | null = null;
  for (const v of versions) {
    const found = findSession(v.programme, sessionId)?.session ?? null;
    if (found) {
      entries.push({
        number: v.number,
        publishedAt: v.publishedAt,
        publisher: names.get(v.number) ?? null,
        note: v.note,
        changes: previous ? sessionChanges(previous, found) : ('added' as const),
      });
    }
    previous = found;
  }
  return entries.reverse();
}

/** Each programme's slug and title by id, for linking search results. */
export async function programmeLinks(db: Kysely<DB>) {
  return new Map((await db.selectFrom('programmes').select(['id', 'slug', 'title']).execute()).map((p) => [p.id, p]));
}

/** A programme as a zipped content pack, with the bytes of its exercise files. */
export async function exportPack(storage: FileStorage, slug: string, programme: Programme): Promise<Uint8Array> {
  const bytes = new Map<string, Uint8Array>();
  for (const m of programme.modules)
    for (const s of m.sessions)
      for (const f of s.files) {
        const b = await storage.get(f.storageKey);
        if (b) bytes.set(f.id, b);
      }
  return packZip(
    slug,
    writePackFiles(programme, (id) => bytes.get(id)),
  );
}
