import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { hashSecret } from '../../../lib/tokens.ts';
import { cohortPlans, getCohorts } from '../queries.ts';
import { calendarCohort, type CalendarCohort } from './ics.ts';

/**
 * Every cohort of the person whose feed address this token is, as calendars show them; null when the
 * token is unknown or its owner's account is not active. The token is the only key: calendar apps cannot sign in.
 */
export async function feedCohorts(db: Kysely<DB>, token: string): Promise<CalendarCohort[] | null> {
  const feed = await db
    .selectFrom('calendar_feeds')
    .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
    .select(['users.id', 'users.status'])
    .where('token_hash', '=', hashSecret(token))
    .executeTakeFirst();
  if (!feed || feed.status !== 'active') return null;
  const ids = (await db.selectFrom('cohort_members').select('cohort_id').where('user_id', '=', feed.id).execute()).map((r) => r.cohort_id);
  const cohorts = await getCohorts(db, [...new Set(ids)]);
  const plans = await cohortPlans(db, cohorts);
  return cohorts.map((c) => calendarCohort(c, plans.get(c.id)!.sessions));
}

/** When the person's feed address was made, or null when they have none. */
export async function feedMadeAt(db: Kysely<DB>, userId: string): Promise<string | null> {
  return (await db.selectFrom('calendar_feeds').select('created_at').where('user_id', '=', userId).executeTakeFirst())?.created_at ?? null;
}
