import type { Deps } from '../../types.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/index.ts';
import { canHandleConcern, canManageSafeguardingLeads, canNameSafeguardingLead, canRaiseConcern, canReadConcern } from '../../policies/safeguarding.ts';
import { recordAudit } from '../../audit/audit.ts';
import { normaliseEmail } from '../../auth/commands.ts';
import type { ConcernInput } from './forms.ts';
import { activeLeadEmails, concernSubjects, findConcern, isSafeguardingLead, type Concern } from './queries.ts';

export type RaiseResult = { ok: true; concernId: string } | { ok: false; errors: { participant: string } };

/**
 * Records a concern about a participant of the cohort and its audit event together, then alerts every
 * active lead. The alert names no one and holds no detail: only that there is something to read, and where.
 */
export async function raiseConcern(deps: Deps, actor: Actor, cohortId: string, input: ConcernInput): Promise<RaiseResult> {
  authorize(canRaiseConcern(actor, cohortId));
  const subjects = await concernSubjects(deps.db, cohortId);
  if (!subjects.some((p) => p.user_id === input.participant)) return { ok: false, errors: { participant: 'Choose a participant of this cohort' } };
  const id = crypto.randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('safeguarding_concerns')
      .values({
        id,
        cohort_id: cohortId,
        subject_user_id: input.participant,
        raised_by: actor.id,
        what_happened: input.whatHappened,
        immediate_risk: input.immediateRisk,
        action_taken: input.actionTaken,
        created_at: deps.clock.now().toISOString(),
        acknowledged_by: null,
        acknowledged_at: null,
        outcome: null,
        outcome_at: null,
      })
      .execute();
    await recordAudit(trx, deps.clock, {
      action: 'safeguarding_concern_raised',
      actorUserId: actor.id,
      subjectUserId: input.participant,
      targetType: 'safeguarding_concern',
      targetId: id,
    });
  });
  for (const lead of await activeLeadEmails(deps.db)) {
    // The concern is already saved: a mail server that fails must not turn that into an error page,
    // or the person raising it would send it again. The leads still find it on their list.
    try {
      await deps.mailer.send({
        to: lead.email,
        subject: 'A safeguarding concern has been raised',
        text: `A safeguarding concern has been raised and needs a safeguarding lead to read it.\n\nSign in to read it: ${deps.config.baseUrl}/safeguarding/${id}\n`,
      });
    } catch (err) {
      deps.logger.error({ err: { name: (err as Error).name, message: (err as Error).message }, concernId: id }, 'safeguarding alert not sent');
    }
  }
  return { ok: true, concernId: id };
}

export interface ConcernRead {
  concern: Concern;
  /** Whether the reader may acknowledge it and record its outcome. */
  canHandle: boolean;
}

/**
 * The one way to open a concern: `canReadConcern` decides, and a read by anyone but the person who
 * raised it is audited (against the concern, so a subject-access download holds the event back with it).
 * Undefined when there is no such concern or the reader may not know of it.
 */
export async function readConcern(deps: Deps, actor: Actor, concernId: string): Promise<ConcernRead | undefined> {
  const concern = await findConcern(deps.db, concernId);
  const lead = await isSafeguardingLead(deps.db, actor.id);
  if (!concern || !canReadConcern(actor, { raisedBy: concern.raised_by }, lead)) return undefined;
  if (actor.id !== concern.raised_by) {
    await recordAudit(deps.db, deps.clock, {
      action: 'safeguarding_concern_viewed',
      actorUserId: actor.id,
      subjectUserId: concern.subject_user_id,
      targetType: 'safeguarding_concern',
      targetId: concern.id,
    });
  }
  return { concern, canHandle: canHandleConcern(actor, lead) };
}

/** Marks a concern as seen by a lead; a second acknowledgement keeps the first. False when there is no such concern. */
export async function acknowledgeConcern(deps: Deps, actor: Actor, concernId: string): Promise<boolean> {
  authorize(canHandleConcern(actor, await isSafeguardingLead(deps.db, actor.id)));
  return deps.db.transaction().execute(async (trx) => {
    const concern = await trx.selectFrom('safeguarding_concerns').select(['id', 'acknowledged_at']).where('id', '=', concernId).executeTakeFirst();
    if (!concern) return false;
    if (!concern.acknowledged_at) {
      await trx
        .updateTable('safeguarding_concerns')
        .set({ acknowledged_by: actor.id, acknowledged_at: deps.clock.now().toISOString() })
        .where('id', '=', concernId)
        .execute();
    }
    return true;
  });
}

export type OutcomeResult = { ok: true } | { ok: false; error: 'not_found' | 'not_acknowledged' | 'closed' };

/** Records what was decided and done, which closes the concern. Only after acknowledgement, and only once. */
export async function recordOutcome(deps: Deps, actor: Actor, concernId: string, outcome: string): Promise<OutcomeResult> {
  authorize(canHandleConcern(actor, await isSafeguardingLead(deps.db, actor.id)));
  return deps.db.transaction().execute(async (trx) => {
    const concern = await trx.selectFrom('safeguarding_concerns').select(['id', 'acknowledged_at', 'outcome']).where('id', '=', concernId).executeTakeFirst();
    if (!concern) return { ok: false as const, error: 'not_found' as const };
    if (!concern.acknowledged_at) return { ok: false as const, error: 'not_acknowledged' as const };
    if (concern.outcome) return { ok: false as const, error: 'closed' as const };
    await trx.updateTable('safeguarding_concerns').set({ outcome, outcome_at: deps.clock.now().toISOString() }).where('id', '=', concernId).execute();
    return { ok: true as const };
  });
}

export type AddLeadResult = { ok: true } | { ok: false; error: 'no_active_account' | 'self' };

/**
 * Names an active account as a safeguarding lead, never the administrator naming (`canNameSafeguardingLead`):
 * leads read every concern, so another administrator decides that. The naming and its audit event
 * (who named whom) commit together. Naming someone already named changes nothing and audits nothing.
 */
export async function addLead(deps: Deps, actor: Actor, email: string): Promise<AddLeadResult> {
  authorize(canManageSafeguardingLeads(actor));
  return deps.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('email', '=', normaliseEmail(email)).where('status', '=', 'active').executeTakeFirst();
    if (!user) return { ok: false as const, error: 'no_active_account' as const };
    if (!canNameSafeguardingLead(actor, user.id)) return { ok: false as const, error: 'self' as const };
    const already = await trx.selectFrom('safeguarding_leads').select('user_id').where('user_id', '=', user.id).executeTakeFirst();
    if (already) return { ok: true as const };
    await trx
      .insertInto('safeguarding_leads')
      .values({ user_id: user.id, added_by: actor.id, added_at: deps.clock.now().toISOString() })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    await recordAudit(trx, deps.clock, { action: 'safeguarding_lead_changed', actorUserId: actor.id, subjectUserId: user.id, details: { change: 'added' } });
    return { ok: true as const };
  });
}

/** Stops someone being a safeguarding lead; they can no longer read concerns they did not raise. False when they were not one. */
export async function removeLead(deps: Deps, actor: Actor, userId: string): Promise<boolean> {
  authorize(canManageSafeguardingLeads(actor));
  return deps.db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('safeguarding_leads').where('user_id', '=', userId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return false;
    await recordAudit(trx, deps.clock, { action: 'safeguarding_lead_changed', actorUserId: actor.id, subjectUserId: userId, details: { change: 'removed' } });
    return true;
  });
}
