import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { CONSENT_PURPOSES, type ConsentPurpose, type ConsentText } from './model.ts';

/** The current wording of each purpose: the newest version coordinators saved, or the first version in the code. */
export async function currentConsentTexts(db: Kysely<DB>): Promise<ConsentText[]> {
  const rows = await db.selectFrom('consent_texts').selectAll().orderBy('version', 'desc').execute();
  return CONSENT_PURPOSES.map((p) => {
    const latest = rows.find((r) => r.purpose === p.purpose);
    return latest
      ? { purpose: p.purpose, version: latest.version, label: p.label, text: latest.text, withdrawEffect: latest.withdraw_effect }
      : { purpose: p.purpose, version: p.version, label: p.label, text: p.text, withdrawEffect: p.withdrawEffect };
  });
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

/** Whether a person consents to a purpose right now. */
export async function hasConsent(db: Kysely<DB>, userId: string, purpose: ConsentPurpose): Promise<boolean> {
  return (await activeConsents(db, userId)).has(purpose);
}

/** What the consent page shows: the current wording, the choices made, and which wording each was agreed to. */
export async function consentChoices(db: Kysely<DB>, userId: string) {
  return { texts: await currentConsentTexts(db), given: await activeConsents(db, userId), agreed: await agreedVersions(db, userId) };
}
