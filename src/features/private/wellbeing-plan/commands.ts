import type { Deps } from '../../../types.ts';
import type { Actor } from '../../../policies/index.ts';
import { toDbBool } from '../../../db/helpers.ts';
import { hasConsent } from '../consent/queries.ts';
import { getPlan } from './queries.ts';
import type { PlanInput } from './forms.ts';

/** Saves the person's own wellbeing plan, keeping whether it is shared. Needs the consent to keep writing. */
export async function savePlan(deps: Deps, actor: Actor, input: PlanInput): Promise<'ok' | 'no_consent'> {
  if (!(await hasConsent(deps.db, actor.id, 'keep_writing'))) return 'no_consent';
  const row = {
    keeps_me_well: input.keepsMeWell,
    early_signs: input.earlySigns,
    what_helps: input.whatHelps,
    who_to_contact: input.whoToContact,
    updated_at: deps.clock.now().toISOString(),
  };
  await deps.db
    .insertInto('wellbeing_plans')
    .values({ user_id: actor.id, ...row, shared: 0 })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
    .execute();
  return 'ok';
}

/** Shares the person's own plan with the facilitators of their cohorts, or makes it private again. */
export async function setPlanSharing(deps: Deps, actor: Actor, shared: boolean): Promise<'ok' | 'no_consent' | 'no_plan'> {
  if (!(await getPlan(deps.db, actor.id))) return 'no_plan';
  if (shared && !(await hasConsent(deps.db, actor.id, 'share_with_facilitators'))) return 'no_consent';
  await deps.db
    .updateTable('wellbeing_plans')
    .set({ shared: toDbBool(shared) })
    .where('user_id', '=', actor.id)
    .execute();
  return 'ok';
}
