import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { PAGE_SIZE } from '../../../views/pager.tsx';
import { itemComments, itemReadLog } from '../queries.ts';

/** A journal entry by id, whoever owns it: for `readHealthItem()` and the commands, which apply the policy. */
export function getEntry(db: Kysely<DB>, id: string) {
  return db.selectFrom('journal_entries').selectAll().where('id', '=', id).executeTakeFirst();
}
export type JournalEntry = NonNullable<Awaited<ReturnType<typeof getEntry>>>;

/** One of the person's own entries; someone else's answers as if it did not exist. */
export function getOwnEntry(db: Kysely<DB>, userId: string, id: string) {
  return db.selectFrom('journal_entries').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

/** The sessions of the cohorts a person takes part in, for linking an entry to one. */
export function ownSessions(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('cohort_sessions')
    .innerJoin('cohort_members', 'cohort_members.cohort_id', 'cohort_sessions.cohort_id')
    .innerJoin('cohorts', 'cohorts.id', 'cohort_sessions.cohort_id')
    .select(['cohort_sessions.id', 'cohort_sessions.session_id', 'cohorts.name'])
    .where('cohort_members.user_id', '=', userId)
    .where('cohort_members.role', '=', 'participant')
    .orderBy('cohort_sessions.position')
    .execute();
}
export type OwnSession = Awaited<ReturnType<typeof ownSessions>>[number];

/**
 * One page of a person's journal, newest first, with the sessions an entry can be linked to. Someone
 * who writes every day for years still gets a small page.
 */
export async function journalPage(db: Kysely<DB>, userId: string, page: number) {
  const rows = await db
    .selectFrom('journal_entries')
    .select(['id', 'title', 'shared', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return { page, entries: rows.slice(0, PAGE_SIZE), hasOlder: rows.length > PAGE_SIZE, sessions: await ownSessions(db, userId) };
}
export type JournalPage = Awaited<ReturnType<typeof journalPage>>;

/** Who read an entry and what facilitators said about it, for its owner. */
export async function entryHistory(db: Kysely<DB>, entryId: string, ownerId: string) {
  return { views: await itemReadLog(db, 'journal', entryId, { id: ownerId }), comments: await itemComments(db, 'journal', entryId) };
}
