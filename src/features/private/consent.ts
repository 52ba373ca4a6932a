import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';

/**
 * The purposes a participant consents to, each separately. The wording is versioned: a record keeps
 * the version agreed. Changing a text means adding a new version here (see CONTEXT.md).
 */
export const CONSENT_PURPOSES = [
  {
    purpose: 'keep_writing',
    version: 1,
    label: 'Keep my reflective writing',
    text: 'Peer Toolbox keeps what you write in your private space (your recovery story) so you can come back to it. Only you can read it unless you choose to share it. It is kept while your account is open; you can delete it or download it at any time.',
    withdrawEffect: 'You will not be able to write new entries. What you have already written stays until you delete it.',
  },
  {
    purpose: 'share_with_facilitators',
    version: 1,
    label: 'Share what I choose with my facilitators',
    text: 'When you share a piece of writing, the facilitators of your cohort can read it and comment. Each time they open it, we record who and when, and you can see that record. You choose item by item; nothing is shared unless you share it.',
    withdrawEffect: 'Everything you have shared becomes private again straight away.',
  },
  {
    purpose: 'anonymised_reports',
    version: 1,
    label: 'Use my anonymised answers in reports',
    text: 'Your answers to feedback forms and questionnaires may be counted, without your name and only in groups of at least five people, in reports to the organisation and its funders.',
    withdrawEffect: 'Your answers are left out of future reports.',
  },
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number]['purpose'];

/** The purposes a person currently consents to. */
export async function activeConsents(db: Kysely<DB>, userId: string): Promise<Set<ConsentPurpose>> {
  const rows = await db.selectFrom('consent_records').select('purpose').where('user_id', '=', userId).where('withdrawn_at', 'is', null).execute();
  return new Set(rows.map((r) => r.purpose as ConsentPurpose));
}

/** Records consents given and withdrawn; returns the purposes withdrawn now. */
export async function setConsents(db: Kysely<DB>, clock: Clock, userId: string, wanted: Set<ConsentPurpose>): Promise<ConsentPurpose[]> {
  const current = await activeConsents(db, userId);
  const now = clock.now().toISOString();
  const withdrawn: ConsentPurpose[] = [];
  for (const p of CONSENT_PURPOSES) {
    if (wanted.has(p.purpose) && !current.has(p.purpose)) {
      await db
        .insertInto('consent_records')
        .values({ id: crypto.randomUUID(), user_id: userId, purpose: p.purpose, text_version: p.version, given_at: now, withdrawn_at: null })
        .execute();
    } else if (!wanted.has(p.purpose) && current.has(p.purpose)) {
      await db
        .updateTable('consent_records')
        .set({ withdrawn_at: now })
        .where('user_id', '=', userId)
        .where('purpose', '=', p.purpose)
        .where('withdrawn_at', 'is', null)
        .execute();
      withdrawn.push(p.purpose);
    }
  }
  return withdrawn;
}
