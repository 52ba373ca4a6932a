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

export interface ConsentText {
  purpose: ConsentPurpose;
  version: number;
  label: string;
  text: string;
  withdrawEffect: string;
}

/** The current wording of each purpose: the newest version coordinators saved, or the first version above. */
export async function currentConsentTexts(db: Kysely<DB>): Promise<ConsentText[]> {
  const rows = await db.selectFrom('consent_texts').selectAll().orderBy('version', 'desc').execute();
  return CONSENT_PURPOSES.map((p) => {
    const latest = rows.find((r) => r.purpose === p.purpose);
    return latest
      ? { purpose: p.purpose, version: latest.version, label: p.label, text: latest.text, withdrawEffect: latest.withdraw_effect }
      : { purpose: p.purpose, version: p.version, label: p.label, text: p.text, withdrawEffect: p.withdrawEffect };
  });
}

/** Saves new wording for a purpose as the next version; consents already given keep the version they agreed. */
export async function saveConsentText(
  db: Kysely<DB>,
  clock: Clock,
  authorId: string,
  purpose: ConsentPurpose,
  text: string,
  withdrawEffect: string,
): Promise<number> {
  const current = (await currentConsentTexts(db)).find((t) => t.purpose === purpose)!;
  const version = current.version + 1;
  await db
    .insertInto('consent_texts')
    .values({ id: crypto.randomUUID(), purpose, version, text, withdraw_effect: withdrawEffect, created_at: clock.now().toISOString(), created_by: authorId })
    .execute();
  return version;
}

/** The version of the wording each current consent was given to. */
export async function agreedVersions(db: Kysely<DB>, userId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('consent_records')
    .select(['purpose', 'text_version'])
    .where('user_id', '=', userId)
    .where('withdrawn_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.purpose, r.text_version]));
}

/** The purposes a person currently consents to. */
export async function activeConsents(db: Kysely<DB>, userId: string): Promise<Set<ConsentPurpose>> {
  const rows = await db.selectFrom('consent_records').select('purpose').where('user_id', '=', userId).where('withdrawn_at', 'is', null).execute();
  return new Set(rows.map((r) => r.purpose as ConsentPurpose));
}

/** Records consents given and withdrawn; returns the purposes withdrawn now. */
export async function setConsents(db: Kysely<DB>, clock: Clock, userId: string, wanted: Set<ConsentPurpose>): Promise<ConsentPurpose[]> {
  const current = await activeConsents(db, userId);
  const agreed = await agreedVersions(db, userId);
  const now = clock.now().toISOString();
  const withdrawn: ConsentPurpose[] = [];
  const close = (purpose: string) =>
    db
      .updateTable('consent_records')
      .set({ withdrawn_at: now })
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('withdrawn_at', 'is', null)
      .execute();
  const give = (purpose: string, version: number) =>
    db
      .insertInto('consent_records')
      .values({ id: crypto.randomUUID(), user_id: userId, purpose, text_version: version, given_at: now, withdrawn_at: null })
      .execute();
  for (const p of await currentConsentTexts(db)) {
    if (wanted.has(p.purpose) && !current.has(p.purpose)) {
      await give(p.purpose, p.version);
    } else if (wanted.has(p.purpose) && agreed.get(p.purpose) !== p.version) {
      // Agreeing again to new wording: the old record closes and a new one names the new version.
      await close(p.purpose);
      await give(p.purpose, p.version);
    } else if (!wanted.has(p.purpose) && current.has(p.purpose)) {
      await close(p.purpose);
      withdrawn.push(p.purpose);
    }
  }
  return withdrawn;
}
