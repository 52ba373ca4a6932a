import type { Deps } from '../../../types.ts';
import type { Actor } from '../../../policies/actor.ts';
import { authorize } from '../../../policies/index.ts';
import { canAcknowledgeAgreement, canEditAgreement, canKeepSessionNotes } from '../../../policies/cohorts.ts';
import type { NoteKind } from './forms.ts';
import { currentAgreement } from './queries.ts';

/** Saves the group agreement as its next version; everyone is then asked to agree again. */
export async function saveAgreement(deps: Deps, actor: Actor, cohortId: string, text: string): Promise<number> {
  authorize(canEditAgreement(actor, cohortId));
  return deps.db.transaction().execute(async (trx) => {
    const version = ((await currentAgreement(trx, cohortId))?.version ?? 0) + 1;
    await trx
      .insertInto('group_agreements')
      .values({ id: crypto.randomUUID(), cohort_id: cohortId, version, text, created_by: actor.id, created_at: deps.clock.now().toISOString() })
      .execute();
    return version;
  });
}

/**
 * A participant agrees to the group agreement. Agreeing counts only for the version they read: if it
 * has changed meanwhile, nothing is recorded and they are shown the new one.
 */
export async function acknowledgeAgreement(
  deps: Deps,
  actor: Actor,
  cohortId: string,
  version: number,
): Promise<{ ok: true } | { ok: false; reason: 'changed' }> {
  authorize(canAcknowledgeAgreement(actor, cohortId));
  const agreement = await currentAgreement(deps.db, cohortId);
  if (!agreement || agreement.version !== version) return { ok: false, reason: 'changed' };
  await deps.db
    .insertInto('agreement_acknowledgements')
    .values({ agreement_id: agreement.id, user_id: actor.id, acknowledged_at: deps.clock.now().toISOString() })
    .onConflict((oc) => oc.columns(['agreement_id', 'user_id']).doNothing())
    .execute();
  return { ok: true };
}

/** Whether the cohort session belongs to the cohort, so a note can never be filed against another cohort's session. */
async function sessionOf(deps: Deps, cohortId: string, cohortSessionId: string): Promise<boolean> {
  const cs = await deps.db.selectFrom('cohort_sessions').select('id').where('id', '=', cohortSessionId).where('cohort_id', '=', cohortId).executeTakeFirst();
  return cs !== undefined;
}

/** Saves the co-facilitation plan of a session, shared by its facilitators. False when the session is not the cohort's. */
export async function saveSessionPlan(deps: Deps, actor: Actor, cohortId: string, cohortSessionId: string, text: string): Promise<boolean> {
  authorize(canKeepSessionNotes(actor, cohortId));
  if (!(await sessionOf(deps, cohortId, cohortSessionId))) return false;
  const now = deps.clock.now().toISOString();
  await deps.db
    .insertInto('session_plans')
    .values({ cohort_session_id: cohortSessionId, text, updated_by: actor.id, updated_at: now })
    .onConflict((oc) => oc.column('cohort_session_id').doUpdateSet({ text, updated_by: actor.id, updated_at: now }))
    .execute();
  return true;
}

/** Saves a facilitator's own private notes or debrief for a session: readable by its author only. False when the session is not the cohort's. */
export async function saveSessionNote(deps: Deps, actor: Actor, cohortId: string, cohortSessionId: string, kind: NoteKind, text: string): Promise<boolean> {
  authorize(canKeepSessionNotes(actor, cohortId));
  if (!(await sessionOf(deps, cohortId, cohortSessionId))) return false;
  const now = deps.clock.now().toISOString();
  await deps.db
    .insertInto('session_notes')
    .values({ cohort_session_id: cohortSessionId, user_id: actor.id, kind, text, updated_at: now })
    .onConflict((oc) => oc.columns(['cohort_session_id', 'user_id', 'kind']).doUpdateSet({ text, updated_at: now }))
    .execute();
  return true;
}
