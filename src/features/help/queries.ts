import type { Db } from '../../db/index.ts';
import type { CrisisContact } from '../../db/schema.ts';

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

export function getCrisisContact(db: Db, id: string): Promise<CrisisContact | undefined> {
  return db.selectFrom('crisis_contacts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** How many contacts need checking, for the reminder administrators see. */
export async function countStaleContacts(db: Db, today: Date): Promise<number> {
  const contacts = await db.selectFrom('crisis_contacts').select('last_checked_on').execute();
  return contacts.filter((c) => isStale(c.last_checked_on, today)).length;
}
