import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { NoteKind } from './forms.ts';

/** The cohort's current group agreement (its newest version), or undefined before one is written. */
export function currentAgreement(db: Kysely<DB>, cohortId: string) {
  return db.selectFrom('group_agreements').selectAll().where('cohort_id', '=', cohortId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}
export type Agreement = NonNullable<Awaited<ReturnType<typeof currentAgreement>>>;

/** Who has agreed to one version of an agreement, and when: user id → time. */
export async function acknowledgements(db: Kysely<DB>, agreementId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('agreement_acknowledgements').select(['user_id', 'acknowledged_at']).where('agreement_id', '=', agreementId).execute();
  return new Map(rows.map((a) => [a.user_id, a.acknowledged_at]));
}

/** A session's shared co-facilitation plan and the reader's own private notes and debrief: never anyone else's. */
export async function facilitationNotes(db: Kysely<DB>, cohortSessionId: string, readerId: string): Promise<{ plan: string; own: Record<NoteKind, string> }> {
  const shared = await db.selectFrom('session_plans').select(['text']).where('cohort_session_id', '=', cohortSessionId).executeTakeFirst();
  const notes = await db
    .selectFrom('session_notes')
    .select(['kind', 'text'])
    .where('cohort_session_id', '=', cohortSessionId)
    .where('user_id', '=', readerId)
    .execute();
  const own = (kind: NoteKind) => notes.find((n) => n.kind === kind)?.text ?? '';
  return { plan: shared?.text ?? '', own: { private: own('private'), debrief: own('debrief') } };
}
