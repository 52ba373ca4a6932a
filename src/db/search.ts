import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';
import { engineOf } from './engine.ts';

export type Audience = 'participant' | 'facilitator';

export interface SearchDocument {
  programmeId: string;
  moduleId: string;
  sessionId: string | null;
  audience: Audience;
  title: string;
  body: string;
}

export interface SearchHit {
  programmeId: string;
  moduleId: string;
  sessionId: string | null;
  audience: Audience;
  title: string;
  /** Plain text with the matched words between START and STOP markers; escape it, then mark it up. */
  snippet: string;
}

export const MARK_START = '\u0002';
export const MARK_STOP = '\u0003';

/** Replaces a programme's entries in the search index. */
export async function replaceSearchDocuments(db: Kysely<DB>, programmeId: string, docs: SearchDocument[]): Promise<void> {
  await db.deleteFrom('curriculum_search').where('programme_id', '=', programmeId).execute();
  for (let i = 0; i < docs.length; i += 200) {
    await db
      .insertInto('curriculum_search')
      .values(
        docs.slice(i, i + 200).map((d) => ({
          id: crypto.randomUUID(),
          programme_id: d.programmeId,
          module_id: d.moduleId,
          session_id: d.sessionId,
          audience: d.audience,
          title: d.title,
          body: d.body,
        })),
      )
      .execute();
  }
}

/** Words of the query, stripped of any search syntax so what people type is never read as operators. */
const words = (q: string): string[] =>
  q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);

/**
 * Full-text search over the published curriculum, limited to the audiences given: a participant's
 * search passes only 'participant' and so never reads facilitator-only text.
 */
export async function searchCurriculum(db: Kysely<DB>, input: { query: string; audiences: Audience[]; limit?: number }): Promise<SearchHit[]> {
  const terms = words(input.query);
  if (terms.length === 0 || input.audiences.length === 0) return [];
  const limit = input.limit ?? 30;
  if (engineOf(db as Kysely<unknown>) === 'postgres') {
    const tsquery = terms.map((t) => `${t.replace(/'/g, '')}:*`).join(' & ');
    const rows = await sql<{ programme_id: string; module_id: string; session_id: string | null; audience: Audience; title: string; snippet: string }>`
      select programme_id, module_id, session_id, audience, title,
        ts_headline('english', body, to_tsquery('english', ${tsquery}), ${`StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=30, MinWords=10`}) as snippet
      from curriculum_search
      where document @@ to_tsquery('english', ${tsquery}) and audience in (${sql.join(input.audiences)})
      order by ts_rank(document, to_tsquery('english', ${tsquery})) desc
      limit ${limit}`.execute(db);
    return rows.rows.map(toHit);
  }
  const match = terms.map((t) => `"${t.replace(/"/g, '')}"*`).join(' ');
  const rows = await sql<{ programme_id: string; module_id: string; session_id: string | null; audience: Audience; title: string; snippet: string }>`
    select programme_id, module_id, session_id, audience, title,
      snippet(curriculum_search, 6, ${MARK_START}, ${MARK_STOP}, '…', 24) as snippet
    from curriculum_search
    where curriculum_search match ${match} and audience in (${sql.join(input.audiences)})
    order by bm25(curriculum_search, 0, 0, 0, 0, 0, 10.0, 1.0)
    limit ${limit}`.execute(db);
  return rows.rows.map(toHit);
}

const toHit = (r: { programme_id: string; module_id: string; session_id: string | null; audience: Audience; title: string; snippet: string }): SearchHit => ({
  programmeId: r.programme_id,
  moduleId: r.module_id,
  sessionId: r.session_id,
  audience: r.audience,
  title: r.title,
  snippet: r.snippet,
});
