import type { Deps } from '../../../types.ts';
import { authorize, canKeepStocktake, type Actor } from '../../../policies/index.ts';
import { toDbBool } from '../../../db/helpers.ts';
import { hasConsent } from '../consent/queries.ts';
import { getOwnStocktake } from './queries.ts';

/** Saves the person's answers to a cohort's stocktake, starting it if need be. Needs the consent to keep writing. */
export async function saveStocktake(deps: Deps, actor: Actor, cohortId: string, answers: Record<string, string>): Promise<'ok' | 'no_consent'> {
  authorize(canKeepStocktake(actor, cohortId));
  if (!(await hasConsent(deps.db, actor.id, 'keep_writing'))) return 'no_consent';
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const row = await getOwnStocktake(trx, actor.id, cohortId);
    if (row)
      await trx
        .updateTable('stocktakes')
        .set({ answers_json: JSON.stringify(answers), updated_at: now })
        .where('id', '=', row.id)
        .execute();
    else
      await trx
        .insertInto('stocktakes')
        .values({ id: crypto.randomUUID(), user_id: actor.id, cohort_id: cohortId, answers_json: JSON.stringify(answers), shared: 0, updated_at: now })
        .execute();
  });
  return 'ok';
}

/** Shares the person's stocktake for a cohort with the facilitators of their cohorts, or makes it private again. */
export async function setStocktakeSharing(deps: Deps, actor: Actor, cohortId: string, shared: boolean): Promise<'ok' | 'no_consent' | 'no_stocktake'> {
  authorize(canKeepStocktake(actor, cohortId));
  const row = await getOwnStocktake(deps.db, actor.id, cohortId);
  if (!row) return 'no_stocktake';
  if (shared && !(await hasConsent(deps.db, actor.id, 'share_with_facilitators'))) return 'no_consent';
  await deps.db
    .updateTable('stocktakes')
    .set({ shared: toDbBool(shared) })
    .where('id', '=', row.id)
    .execute();
  return 'ok';
}
