import type { Db } from '../../db/index.ts';
import type { Actor } from '../../policies/actor.ts';
import { cohortParticipants } from '../cohorts/index.ts';

/** Whether this person is one of the organisation's named safeguarding leads. */
export async function isSafeguardingLead(db: Db, userId: string): Promise<boolean> {
  return (await db.selectFrom('safeguarding_leads').select('user_id').where('user_id', '=', userId).executeTakeFirst()) !== undefined;
}

/** The concerns this person may see listed: every one for a lead, otherwise only those they raised. */
export function listConcernsFor(db: Db, actor: Actor, isLead: boolean) {
  let q = db
    .selectFrom('safeguarding_concerns')
    .innerJoin('users as subject', 'subject.id', 'safeguarding_concerns.subject_user_id')
    .select([
      'safeguarding_concerns.id',
      'safeguarding_concerns.created_at',
      'safeguarding_concerns.immediate_risk',
      'safeguarding_concerns.acknowledged_at',
      'safeguarding_concerns.outcome',
      'subject.name',
    ])
    .orderBy('safeguarding_concerns.created_at', 'desc')
    .limit(200);
  if (!isLead) q = q.where('safeguarding_concerns.raised_by', '=', actor.id);
  return q.execute();
}
export type ConcernSummary = Awaited<ReturnType<typeof listConcernsFor>>[number];

/**
 * One concern with the names of the people it involves, with no permission check: only
 * `readConcern` (commands.ts), which applies `canReadConcern` and audits the read, may call it for a page.
 */
export function findConcern(db: Db, id: string) {
  return db
    .selectFrom('safeguarding_concerns')
    .innerJoin('users as subject', 'subject.id', 'safeguarding_concerns.subject_user_id')
    .innerJoin('users as raiser', 'raiser.id', 'safeguarding_concerns.raised_by')
    .leftJoin('users as acknowledger', 'acknowledger.id', 'safeguarding_concerns.acknowledged_by')
    .selectAll('safeguarding_concerns')
    .select(['subject.name as subject_name', 'raiser.name as raised_by_name', 'acknowledger.name as acknowledged_by_name'])
    .where('safeguarding_concerns.id', '=', id)
    .executeTakeFirst();
}
export type Concern = NonNullable<Awaited<ReturnType<typeof findConcern>>>;

/** The participants a concern raised in this cohort may be about. */
export const concernSubjects = (db: Db, cohortId: string) => cohortParticipants(db, cohortId);

/** The named safeguarding leads, by name; for administrators (the route checks). */
export function listLeads(db: Db) {
  return db
    .selectFrom('safeguarding_leads')
    .innerJoin('users', 'users.id', 'safeguarding_leads.user_id')
    .select(['users.id', 'users.name', 'users.email'])
    .orderBy('users.name')
    .execute();
}
export type Lead = Awaited<ReturnType<typeof listLeads>>[number];

/** Where to send a concern's alert: the leads whose accounts are active. */
export function activeLeadEmails(db: Db): Promise<{ email: string }[]> {
  return db
    .selectFrom('safeguarding_leads')
    .innerJoin('users', 'users.id', 'safeguarding_leads.user_id')
    .select(['users.email'])
    .where('users.status', '=', 'active')
    .execute();
}
