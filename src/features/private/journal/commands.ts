import type { Deps } from '../../../types.ts';
import { authorize, canKeepHealthItem, type Actor } from '../../../policies/index.ts';
import { toDbBool } from '../../../db/helpers.ts';
import type { FieldErrors } from '../../../views/form.tsx';
import { hasConsent } from '../consent/queries.ts';
import { getEntry, ownSessions } from './queries.ts';
import type { JournalInput } from './forms.ts';

export type AddEntryResult = { ok: true; entryId: string } | { ok: false; reason: 'no_consent' } | { ok: false; reason: 'invalid'; errors: FieldErrors };

/** Adds a private journal entry, optionally linked to one of the person's sessions. Needs the consent to keep writing. */
export async function addJournalEntry(deps: Deps, actor: Actor, input: JournalInput): Promise<AddEntryResult> {
  if (!(await hasConsent(deps.db, actor.id, 'keep_writing'))) return { ok: false, reason: 'no_consent' };
  if (input.session && !(await ownSessions(deps.db, actor.id)).some((s) => s.id === input.session))
    return { ok: false, reason: 'invalid', errors: { session: 'Choose one of your sessions' } };
  const now = deps.clock.now().toISOString();
  const id = crypto.randomUUID();
  await deps.db
    .insertInto('journal_entries')
    .values({
      id,
      user_id: actor.id,
      cohort_session_id: input.session || null,
      title: input.title,
      text: input.text,
      shared: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { ok: true, entryId: id };
}

/** Shares an entry with the facilitators of the owner's cohorts, or makes it private again. */
export async function setEntrySharing(deps: Deps, actor: Actor, entryId: string, shared: boolean): Promise<'ok' | 'no_consent'> {
  const entry = await getEntry(deps.db, entryId);
  authorize(entry !== undefined && canKeepHealthItem(actor, { ownerId: entry.user_id }));
  if (shared && !(await hasConsent(deps.db, actor.id, 'share_with_facilitators'))) return 'no_consent';
  await deps.db
    .updateTable('journal_entries')
    .set({ shared: toDbBool(shared) })
    .where('id', '=', entryId)
    .execute();
  return 'ok';
}
