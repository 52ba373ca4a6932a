import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { cohortPlan, getCohort, preProgrammeModules } from '../../cohorts/index.ts';
import { itemReadLog } from '../queries.ts';

/** The stocktake questions for a cohort: those of the pre-programme that applies to it. */
export async function stocktakeQuestions(db: Kysely<DB>, cohortId: string) {
  const cohort = await getCohort(db, cohortId);
  if (!cohort) return [];
  const plan = await cohortPlan(db, cohort);
  return preProgrammeModules(plan).flatMap((m) => m.stocktake);
}
export type StocktakeQuestion = Awaited<ReturnType<typeof stocktakeQuestions>>[number];

/** A stocktake by id, whoever owns it: for `readHealthItem()`, which applies the policy. */
export function getStocktake(db: Kysely<DB>, id: string) {
  return db.selectFrom('stocktakes').selectAll().where('id', '=', id).executeTakeFirst();
}
export type Stocktake = NonNullable<Awaited<ReturnType<typeof getStocktake>>>;

/** The person's own stocktake row for a cohort, if they started one. */
export function getOwnStocktake(db: Kysely<DB>, userId: string, cohortId: string) {
  return db.selectFrom('stocktakes').selectAll().where('user_id', '=', userId).where('cohort_id', '=', cohortId).executeTakeFirst();
}

/** A stocktake's answers by question id; none before it is started. */
export const stocktakeAnswers = (row: Stocktake | undefined): Record<string, string> => (row ? (JSON.parse(row.answers_json) as Record<string, string>) : {});

/** The owner's stocktake for a cohort: the questions, their answers so far, and who read them. */
export async function ownStocktakePage(db: Kysely<DB>, userId: string, cohortId: string) {
  const row = await getOwnStocktake(db, userId, cohortId);
  return {
    cohortId,
    questions: await stocktakeQuestions(db, cohortId),
    row,
    answers: stocktakeAnswers(row),
    views: row ? await itemReadLog(db, 'stocktake', row.id, { id: userId }) : [],
  };
}
export type OwnStocktakePage = Awaited<ReturnType<typeof ownStocktakePage>>;
