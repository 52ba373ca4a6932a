import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { getProgrammeRow, parseProgramme, type ProgrammeRow } from '../queries.ts';
import type { Programme } from '../model.ts';

export interface Editing {
  row: ProgrammeRow;
  draft: Programme;
}

/** A programme's draft with the revision an editing form carries, or undefined when there is no such programme. */
export async function draftForEditing(db: Kysely<DB>, slug: string): Promise<Editing | undefined> {
  const row = await getProgrammeRow(db, slug);
  return row ? { row, draft: parseProgramme(row.draft_json) } : undefined;
}

/** The draft's revision now, for a form re-rendered after someone else saved. */
export async function currentRevision(db: Kysely<DB>, programmeId: string): Promise<number> {
  return (await db.selectFrom('programmes').select('draft_revision').where('id', '=', programmeId).executeTakeFirstOrThrow()).draft_revision;
}
