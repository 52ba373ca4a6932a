import type { Db } from '../../db/index.ts';
import type { CrisisContact } from '../../db/schema.ts';
import { privacyRegistry, type DataCategory } from '../../db/privacy-registry.ts';

/** Six months, counted in calendar months from the last check. */
export const STALE_AFTER_MONTHS = 6;

/** True when a contact was last checked more than six months before `today` (YYYY-MM-DD). */
export function isStale(lastCheckedOn: string, today: Date): boolean {
  const limit = new Date(today);
  limit.setUTCMonth(limit.getUTCMonth() - STALE_AFTER_MONTHS);
  return lastCheckedOn < limit.toISOString().slice(0, 10);
}

/** Every crisis contact, in the order set by the coordinators. */
export function listCrisisContacts(db: Db): Promise<CrisisContact[]> {
  return db.selectFrom('crisis_contacts').selectAll().orderBy('position').orderBy('name').execute();
}

/** One crisis contact, for editing. */
export function getCrisisContact(db: Db, id: string): Promise<CrisisContact | undefined> {
  return db.selectFrom('crisis_contacts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** How many contacts need checking, for the reminder administrators see. */
export async function countStaleContacts(db: Db, today: Date): Promise<number> {
  const contacts = await db.selectFrom('crisis_contacts').select('last_checked_on').execute();
  return contacts.filter((c) => isStale(c.last_checked_on, today)).length;
}

/** The ids of the contacts that need checking on `today`. */
export const staleContactIds = (contacts: readonly CrisisContact[], today: Date): Set<string> =>
  new Set(contacts.filter((x) => isStale(x.last_checked_on, today)).map((x) => x.id));

/** What the privacy notice lists: every table's purpose and kind, from the privacy registry. */
export function privacyNotice(): { purpose: string; category: DataCategory }[] {
  return Object.values(privacyRegistry).map((t) => ({ purpose: t.purpose, category: t.category }));
}
