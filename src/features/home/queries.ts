import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Deps } from '../../types.ts';
import type { Actor } from '../../policies/actor.ts';
import { canEditCrisisContacts } from '../../policies/help.ts';
import { canSeeJoiningDetails } from '../../policies/cohorts.ts';
import { cohortsFacilitatedBy, cohortsTakenBy } from '../../policies/home.ts';
import {
  attendanceSummary,
  cohortAttendance,
  cohortParticipants,
  cohortPlan,
  cohortPlans,
  getCohort,
  getCohorts,
  preProgrammeModules,
} from '../cohorts/index.ts';
import { sameKnowledge } from '../curriculum/index.ts';
import { countCertificates } from '../certificates/index.ts';
import { countStaleContacts } from '../help/index.ts';

export type Cohort = NonNullable<Awaited<ReturnType<typeof getCohort>>>;
export type PlannedSession = Awaited<ReturnType<typeof cohortPlan>>['sessions'][number];
type Participant = Awaited<ReturnType<typeof cohortParticipants>>[number];

export interface OverlapNote {
  knowledge: string;
  metIn: string;
  module: string;
  on: string;
}

/**
 * Knowledge in this session that the cohort already met in an earlier session of a different module,
 * so facilitators can build on it rather than repeat it (modules taught out of order meet this most).
 */
export function overlapNotes(sessions: PlannedSession[], next: PlannedSession): OverlapNote[] {
  const notes: OverlapNote[] = [];
  const earlier = sessions.filter((s) => s.id !== next.id && s.module.id !== next.module.id && s.startsAt && next.startsAt && s.startsAt < next.startsAt);
  for (const k of next.session.miniKnowledge) {
    for (const e of earlier) {
      if (e.session.miniKnowledge.some((x) => sameKnowledge(k, x)) && !notes.some((n) => n.knowledge === k.title && n.metIn === e.session.title)) {
        notes.push({ knowledge: k.title, metIn: e.session.title, module: e.moduleLabel, on: e.startsAt! });
      }
    }
  }
  return notes;
}

export interface FacilitatorDay {
  cohort: Cohort;
  slug: string;
  next: PlannedSession;
  participants: Participant[];
  notes: OverlapNote[];
}

/** Where to go for a session: shown only to those the cohort policy lets see them. */
export interface JoiningDetails {
  place: string;
  link: string;
}

/** A to-do before the course: not offered (`none`), still to do, or done. */
export type ToDo = 'none' | 'to_do' | 'done';

export interface ParticipantCohort {
  cohort: Cohort;
  slug: string;
  next: PlannedSession | undefined;
  /** Sessions after the next one that carry a content note, so they are known well ahead. */
  laterNotes: PlannedSession[];
  past: PlannedSession[];
  attendance: { held: number; attended: number; percent: number | null };
  joining: JoiningDetails | null;
  agreement: ToDo;
  stocktake: ToDo;
  facilitators: string[];
}

export interface HomeData {
  facilitating: FacilitatorDay[];
  participating: ParticipantCohort[];
  staleContacts: number;
  /** Certificates the person holds, so home can point to them. */
  certificates: number;
}

// A session counts as "next" until three hours after it started, so the register stays at hand.
const NEXT_FOR_MS = 3 * 3_600_000;
const LATER_NOTES = 3;

const upcoming = (sessions: PlannedSession[], cutoff: string) =>
  sessions.filter((s) => s.startsAt && s.startsAt >= cutoff).sort((a, b) => a.startsAt!.localeCompare(b.startsAt!));

/** The facilitator's next session, whichever of their cohorts it belongs to, with who is coming. */
async function facilitatorDay(deps: Deps, actor: Actor, cutoff: string): Promise<FacilitatorDay[]> {
  const facilitated = cohortsFacilitatedBy(actor);
  if (facilitated.length === 0) return [];
  // One indexed query finds the soonest session, so a facilitator of many cohorts does not load every plan.
  const soonest = await deps.db
    .selectFrom('cohort_sessions')
    .select('cohort_id')
    .where('cohort_id', 'in', facilitated)
    .where('starts_at', '>=', cutoff)
    .orderBy('starts_at')
    .limit(1)
    .executeTakeFirst();
  const cohort = soonest ? await getCohort(deps.db, soonest.cohort_id) : undefined;
  if (!cohort) return [];
  const plan = await cohortPlan(deps.db, cohort);
  const next = upcoming(plan.sessions, cutoff)[0];
  if (!next) return [];
  const participants = await cohortParticipants(deps.db, cohort.id);
  return [{ cohort, slug: plan.slug, next, participants, notes: overlapNotes(plan.sessions, next) }];
}

/** Per cohort, whether the person has agreed to the latest version of its group agreement. */
async function agreementStates(db: Kysely<DB>, cohortIds: string[], userId: string): Promise<Map<string, ToDo>> {
  const rows = await db
    .selectFrom('group_agreements as g')
    .leftJoin('agreement_acknowledgements as a', (join) => join.onRef('a.agreement_id', '=', 'g.id').on('a.user_id', '=', userId))
    .select(['g.cohort_id', 'g.version', 'a.acknowledged_at'])
    .where('g.cohort_id', 'in', cohortIds)
    .execute();
  const latest = new Map<string, { version: number; agreed: boolean }>();
  for (const r of rows) {
    const seen = latest.get(r.cohort_id);
    if (!seen || r.version > seen.version) latest.set(r.cohort_id, { version: r.version, agreed: r.acknowledged_at !== null });
  }
  return new Map([...latest].map(([cohortId, l]) => [cohortId, l.agreed ? 'done' : 'to_do']));
}

/** The cohorts in which the person has saved a stocktake. */
async function stocktakesStarted(db: Kysely<DB>, userId: string): Promise<Set<string>> {
  return new Set((await db.selectFrom('stocktakes').select('cohort_id').where('user_id', '=', userId).execute()).map((r) => r.cohort_id));
}

/** The names of each cohort's active facilitators: who a participant can ask. */
async function facilitatorNames(db: Kysely<DB>, cohortIds: string[]): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('cohort_members')
    .innerJoin('users', 'users.id', 'cohort_members.user_id')
    .select(['cohort_members.cohort_id', 'users.name'])
    .where('cohort_members.cohort_id', 'in', cohortIds)
    .where('cohort_members.role', '=', 'facilitator')
    .where('users.status', '=', 'active')
    .orderBy('users.name')
    .execute();
  const names = new Map<string, string[]>();
  for (const r of rows) names.set(r.cohort_id, [...(names.get(r.cohort_id) ?? []), r.name]);
  return names;
}

/** Each cohort a participant takes: what is next, what to do before it, and who their facilitators are. */
async function participantCohorts(deps: Deps, actor: Actor, now: Date, cutoff: string): Promise<ParticipantCohort[]> {
  const ids = cohortsTakenBy(actor);
  if (ids.length === 0) return [];
  const { db } = deps;
  // A fixed handful of queries however many cohorts the person takes.
  const mine = await getCohorts(db, ids);
  const plans = await cohortPlans(db, mine);
  const marks = await cohortAttendance(db, ids, actor.id);
  const agreements = await agreementStates(db, ids, actor.id);
  const stocktakes = await stocktakesStarted(db, actor.id);
  const facilitators = await facilitatorNames(db, ids);
  const nowIso = now.toISOString();
  // The newest cohort first: the course under way matters more than one finished.
  return mine
    .sort((a, b) => b.starts_on.localeCompare(a.starts_on))
    .map((cohort) => {
      const plan = plans.get(cohort.id)!;
      const [next, ...later] = upcoming(plan.sessions, cutoff);
      const hasStocktake = preProgrammeModules(plan).some((m) => m.stocktake.length > 0);
      const place = next?.place || cohort.venue;
      return {
        cohort,
        slug: plan.slug,
        next,
        laterNotes: later.filter((s) => s.session.contentNotes.length > 0).slice(0, LATER_NOTES),
        past: plan.sessions.filter((s) => s.startsAt && s.startsAt < nowIso),
        attendance: attendanceSummary(plan.sessions, marks, actor.id, now),
        joining: canSeeJoiningDetails(actor, cohort.id) && (place || cohort.joining_link) ? { place, link: cohort.joining_link } : null,
        agreement: agreements.get(cohort.id) ?? 'none',
        stocktake: hasStocktake ? (stocktakes.has(cohort.id) ? 'done' : 'to_do') : 'none',
        facilitators: facilitators.get(cohort.id) ?? [],
      };
    });
}

/** Everything a person's home page shows: their day as a facilitator, their courses as a participant, and what needs their attention. */
export async function homePage(deps: Deps, actor: Actor): Promise<HomeData> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - NEXT_FOR_MS).toISOString();
  return {
    staleContacts: canEditCrisisContacts(actor) ? await countStaleContacts(deps.db, now) : 0,
    facilitating: await facilitatorDay(deps, actor, cutoff),
    participating: await participantCohorts(deps, actor, now, cutoff),
    certificates: await countCertificates(deps.db, actor.id),
  };
}
