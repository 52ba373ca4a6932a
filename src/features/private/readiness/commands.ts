import type { Deps } from '../../../types.ts';
import { authorize, canRecordReadinessConversation, type Actor } from '../../../policies/index.ts';
import type { ReadinessInput } from './forms.ts';
import type { ReadinessTarget } from './queries.ts';

/** Records the outcome of a readiness conversation and the note agreed with the participant, who sees both. */
export async function recordConversation(deps: Deps, actor: Actor, target: ReadinessTarget, input: ReadinessInput): Promise<void> {
  authorize(canRecordReadinessConversation(actor, target.cohort.id));
  await deps.db
    .insertInto('readiness_conversations')
    .values({
      id: crypto.randomUUID(),
      cohort_id: target.cohort.id,
      participant_id: target.participant.user_id,
      facilitator_id: actor.id,
      outcome: input.outcome,
      signposted_to: input.signpostedTo,
      agreed_note: input.agreedNote,
      created_at: deps.clock.now().toISOString(),
    })
    .execute();
}
