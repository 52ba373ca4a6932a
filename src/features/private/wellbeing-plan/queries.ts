import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { itemComments, itemReadLog } from '../queries.ts';

/** A person's wellbeing plan (one each, known by its owner's id): for its owner, `readHealthItem()` and the commands. */
export function getPlan(db: Kysely<DB>, userId: string) {
  return db.selectFrom('wellbeing_plans').selectAll().where('user_id', '=', userId).executeTakeFirst();
}
export type WellbeingPlan = NonNullable<Awaited<ReturnType<typeof getPlan>>>;

/** The owner's plan with who read it and what facilitators said. */
export async function ownPlanPage(db: Kysely<DB>, userId: string) {
  const plan = await getPlan(db, userId);
  return {
    plan,
    views: plan ? await itemReadLog(db, 'wellbeing', userId, { id: userId }) : [],
    comments: plan ? await itemComments(db, 'wellbeing', userId) : [],
  };
}
