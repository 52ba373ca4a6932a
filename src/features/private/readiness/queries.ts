import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { cohortPlan, getCohort, preProgrammeModules } from '../../cohorts/index.ts';
import { itemReadLog } from '../queries.ts';

/** A readiness conversation by id: for `readHealthItem()`, which applies the policy. */
export function getConversation(db: Kysely<DB>, id: string) {
  return db.selectFrom('readiness_conversations').selectAll().where('id', '=', id).executeTakeFirst();
}
export type ReadinessConversation = NonNullable<Awaited<ReturnType<typeof getConversation>>>;

/** The cohort and the participant of it a conversation is about, or undefined when either is not there. */
export async function readinessTarget(db: Kysely<DB>, cohortId: string, userId: string) {
  const cohort = await getCohort(db, cohortId);
  if (!cohort) return undefined;
  const participant = await db
    .selectFrom('cohort_members')
    .innerJoin('users', 'users.id', 'cohort_members.user_id')
    .select(['cohort_members.user_id', 'users.name'])
    .where('cohort_members.cohort_id', '=', cohort.id)
    .where('cohort_members.user_id', '=', userId)
    .where('cohort_members.role', '=', 'participant')
    .executeTakeFirst();
  return participant ? { cohort, participant } : undefined;
}
export type ReadinessTarget = NonNullable<Awaited<ReturnType<typeof readinessTarget>>>;

/** The Mini Knowledge of the pre-programme module that applies to the cohort: guidance for holding the conversation. */
export async function readinessGuidance(db: Kysely<DB>, target: ReadinessTarget): Promise<string> {
  const plan = await cohortPlan(db, target.cohort);
  const pre = preProgrammeModules(plan)[0];
  return pre
    ? [pre.facilitatorNotes, ...pre.sessions.flatMap((s) => s.miniKnowledge.map((k) => `**${k.title}**\n\n${k.body}`))].filter(Boolean).join('\n\n')
    : '';
}

/** The ids of the conversations held with a participant for a cohort, newest first; each is read through `readHealthItem()`. */
export async function conversationIds(db: Kysely<DB>, target: ReadinessTarget): Promise<string[]> {
  const rows = await db
    .selectFrom('readiness_conversations')
    .select('id')
    .where('participant_id', '=', target.participant.user_id)
    .where('cohort_id', '=', target.cohort.id)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => r.id);
}

/** A participant's own readiness conversations, newest first, each with who other than them has read it. */
export async function ownConversations(db: Kysely<DB>, userId: string) {
  const rows = await db
    .selectFrom('readiness_conversations')
    .innerJoin('users', 'users.id', 'readiness_conversations.facilitator_id')
    .select([
      'readiness_conversations.id',
      'readiness_conversations.cohort_id',
      'readiness_conversations.outcome',
      'readiness_conversations.signposted_to',
      'readiness_conversations.agreed_note',
      'readiness_conversations.created_at',
      'users.name',
    ])
    .where('participant_id', '=', userId)
    .orderBy('readiness_conversations.created_at', 'desc')
    .execute();
  return Promise.all(rows.map(async (r) => ({ ...r, views: await itemReadLog(db, 'readiness', r.id, { id: userId, cohortId: r.cohort_id }) })));
}
export type OwnConversation = Awaited<ReturnType<typeof ownConversations>>[number];
