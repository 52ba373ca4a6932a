import type { Kysely } from 'kysely';
import type { Deps } from '../../types.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/index.ts';
import { canEditCrisisContacts } from '../../policies/help.ts';
import { recordAudit } from '../../audit/audit.ts';
import { NATIONS, type ContactInput } from './forms.ts';

const row = (input: ContactInput) => ({
  name: input.name,
  how_to_reach: input.howToReach,
  hours: input.hours,
  nations: NATIONS.filter((n) => input.nations.includes(n)).join(', '),
  notes: input.notes || null,
  last_checked_on: input.lastCheckedOn,
});

type Change = 'added' | 'edited' | 'checked' | 'removed';

/** Every change to the contacts: permission first, then the change and its audit event in one transaction. */
async function changeContact<T>(deps: Deps, actor: Actor, id: string, change: Change, apply: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  authorize(canEditCrisisContacts(actor));
  return deps.db.transaction().execute(async (trx) => {
    const result = await apply(trx);
    if (result !== false) {
      await recordAudit(trx, deps.clock, {
        action: 'crisis_contact_changed',
        actorUserId: actor.id,
        targetType: 'crisis_contact',
        targetId: id,
        details: { change },
      });
    }
    return result;
  });
}

/** Adds a crisis contact at the end of the list. */
export async function addCrisisContact(deps: Deps, actor: Actor, input: ContactInput): Promise<string> {
  const id = crypto.randomUUID();
  await changeContact(deps, actor, id, 'added', async (trx) => {
    const last = await trx.selectFrom('crisis_contacts').select('position').orderBy('position', 'desc').limit(1).executeTakeFirst();
    await trx
      .insertInto('crisis_contacts')
      .values({ id, ...row(input), position: (last?.position ?? 0) + 1, updated_at: deps.clock.now().toISOString() })
      .execute();
  });
  return id;
}

/** Updates a crisis contact's details; false if there is no such contact. */
export function updateCrisisContact(deps: Deps, actor: Actor, id: string, input: ContactInput): Promise<boolean> {
  return changeContact(deps, actor, id, 'edited', async (trx) => {
    const r = await trx
      .updateTable('crisis_contacts')
      .set({ ...row(input), updated_at: deps.clock.now().toISOString() })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  });
}

/** Records that a contact's details were checked today and are still right; false if there is no such contact. */
export function markCrisisContactChecked(deps: Deps, actor: Actor, id: string): Promise<boolean> {
  const now = deps.clock.now();
  return changeContact(deps, actor, id, 'checked', async (trx) => {
    const r = await trx
      .updateTable('crisis_contacts')
      .set({ last_checked_on: now.toISOString().slice(0, 10), updated_at: now.toISOString() })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  });
}

/** Removes a contact that no longer exists; false if there is no such contact. */
export function removeCrisisContact(deps: Deps, actor: Actor, id: string): Promise<boolean> {
  return changeContact(deps, actor, id, 'removed', async (trx) => {
    const r = await trx.deleteFrom('crisis_contacts').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  });
}
