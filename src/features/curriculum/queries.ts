import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { programmeSchema, type Programme } from './model.ts';

export interface ProgrammeRow {
  id: string;
  slug: string;
  title: string;
  draft_json: string;
  draft_revision: number;
  latest_version: number;
  updated_at: string;
}

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

export function getProgrammeRow(db: Kysely<DB>, slug: string): Promise<ProgrammeRow | undefined> {
  return db
    .selectFrom('programmes')
    .select(['id', 'slug', 'title', 'draft_json', 'draft_revision', 'latest_version', 'updated_at'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

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

/** Finds which programme and version an exercise file belongs to, for downloads. */
export function getStoredFile(db: Kysely<DB>, storageKey: string) {
  return db.selectFrom('stored_files').selectAll().where('storage_key', '=', storageKey).executeTakeFirst();
}
