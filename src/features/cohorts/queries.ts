import type { Kysely } from 'kysely';
import { packed, unpack } from '../../db/helpers.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../policies/actor.ts';
import { canManageCohorts } from '../../policies/cohorts.ts';
import { cohortsHeldBy } from '../../policies/home.ts';
import {
  findSession,
  getPublishedVersion,
  listProgrammes,
  moduleLabel,
  programmeSlug,
  type Module,
  type Programme,
  type Session,
} from '../curriculum/index.ts';
import type { Marks } from './attendance/model.ts';
import { readPlanModules } from './plan.ts';

// The words of attendance live with the register; they are re-exported here because the home page reads them from here.
export { ATTENDANCE_STATUSES, attendanceSummary, isAttended, markOf, type AttendanceStatus, type Marks } from './attendance/model.ts';

/** Cohorts a person may see: all of them for coordinators, otherwise those they belong to. */
export async function listCohortsFor(db: Kysely<DB>, actor: Actor) {
  let q = db.selectFrom('cohorts').select(['id', 'name', 'starts_on', 'ends_on', 'mode']).orderBy('starts_on', 'desc').limit(500);
  if (!canManageCohorts(actor)) {
    const ids = cohortsHeldBy(actor);
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  return q.execute();
}

/** One cohort by id. */
export function getCohort(db: Kysely<DB>, id: string) {
  return db.selectFrom('cohorts').selectAll().where('id', '=', id).executeTakeFirst();
}
export type Cohort = NonNullable<Awaited<ReturnType<typeof getCohort>>>;

export interface PlannedSession {
  id: string;
  position: number;
  startsAt: string | null;
  durationMinutes: number | null;
  place: string;
  bring: string;
  sequence: number;
  /** The programme, its slug and the pinned version this session comes from: a plan may mix programmes. */
  programmeId: string;
  slug: string;
  version: number;
  module: Module;
  session: Session;
  moduleLabel: string;
}

/** A module of the plan, with the programme it comes from; modules without sessions are listed too. */
export interface PlannedModule {
  programmeId: string;
  programmeTitle: string;
  slug: string;
  version: number;
  module: Module;
  label: string;
}

export interface CohortPlan {
  /** The programme the cohort delivers (`cohorts.programme_id`), at its pinned version. */
  programme: Programme;
  slug: string;
  /** Every programme the plan draws on, the cohort's own first, each at its pinned version. */
  programmes: { id: string; title: string; slug: string; version: number }[];
  modules: PlannedModule[];
  sessions: PlannedSession[];
}

/**
 * The pre-programme (readiness: stocktake questions and guidance for the conversations) that applies
 * to a cohort: the pre-programme modules its plan includes, from whichever programme; when the plan
 * includes none, the pre-programme of the programme the cohort delivers. Home, the stocktake and the
 * readiness pages all ask this, so they agree.
 */
export function preProgrammeModules(plan: CohortPlan): Module[] {
  const planned = plan.modules.map((m) => m.module).filter((m) => m.preProgramme);
  return planned.length > 0 ? planned : plan.programme.modules.filter((m) => m.preProgramme);
}

/** The cohort's plan: its modules and sessions in the cohort's order, with their curriculum. */
export async function cohortPlan(db: Kysely<DB>, cohort: Cohort): Promise<CohortPlan> {
  return (await cohortPlans(db, [cohort])).get(cohort.id)!;
}

/** The plans of several cohorts with one query for all their sessions (a person's home shows each of theirs). */
export async function cohortPlans(db: Kysely<DB>, cohorts: Cohort[]): Promise<Map<string, CohortPlan>> {
  const plans = new Map<string, CohortPlan>();
  if (cohorts.length === 0) return plans;
  const rows = await db
    .selectFrom('cohort_sessions')
    .selectAll()
    .where(
      'cohort_id',
      'in',
      cohorts.map((c) => c.id),
    )
    .orderBy('cohort_id')
    .orderBy('position')
    .execute();
  for (const cohort of cohorts) {
    const entries = readPlanModules(cohort);
    // Published versions are cached in the process, so each programme costs a query only once.
    const pinned = new Map<string, number>([[cohort.programme_id, cohort.version_number], ...entries.map((e) => [e.programmeId, e.version] as const)]);
    const sources = new Map<string, { programme: Programme; slug: string; version: number }>();
    for (const [programmeId, number] of pinned) {
      const version = await getPublishedVersion(db, programmeId, number);
      if (!version) throw new Error('cohort version missing');
      sources.set(programmeId, { programme: version.programme, slug: await programmeSlug(db, programmeId), version: number });
    }
    const modules = entries.flatMap((e) => {
      const source = sources.get(e.programmeId)!;
      const module = source.programme.modules.find((m) => m.id === e.moduleId);
      if (!module) return [];
      return [
        {
          programmeId: e.programmeId,
          programmeTitle: source.programme.title,
          slug: source.slug,
          version: source.version,
          module,
          label: moduleLabel(source.programme, module),
        },
      ];
    });
    const sessions = rows.flatMap((r) => {
      if (r.cohort_id !== cohort.id) return [];
      // Rows written before plans could mix programmes carry no programme: theirs is the cohort's.
      const programmeId = r.programme_id ?? cohort.programme_id;
      const source = sources.get(programmeId);
      const found = source ? findSession(source.programme, r.session_id) : null;
      if (!source || !found) return [];
      return [
        {
          id: r.id,
          position: r.position,
          startsAt: r.starts_at,
          durationMinutes: r.duration_minutes,
          place: r.place,
          bring: r.bring,
          sequence: r.sequence,
          programmeId,
          slug: source.slug,
          version: source.version,
          module: found.module,
          session: found.session,
          moduleLabel: moduleLabel(source.programme, found.module),
        },
      ];
    });
    const main = sources.get(cohort.programme_id)!;
    plans.set(cohort.id, {
      programme: main.programme,
      slug: main.slug,
      programmes: [...sources].map(([id, s]) => ({ id, title: s.programme.title, slug: s.slug, version: s.version })),
      modules,
      sessions,
    });
  }
  return plans;
}

/** Modules of the plan that bring no sessions: they give the schedule no dates and the calendar no events. */
export const modulesWithoutSessions = (plan: CohortPlan): PlannedModule[] => plan.modules.filter((m) => m.module.sessions.length === 0);

/** Programmes of the plan with a newer published version than the one the cohort is pinned to. */
export async function newerVersions(db: Kysely<DB>, plan: CohortPlan): Promise<{ title: string; from: number; to: number }[]> {
  const out: { title: string; from: number; to: number }[] = [];
  for (const p of plan.programmes) {
    const latest = await getPublishedVersion(db, p.id);
    if (latest && latest.number > p.version) out.push({ title: p.title, from: p.version, to: latest.number });
  }
  return out;
}

export interface ProgrammeChoice {
  id: string;
  title: string;
  version: number;
  modules: { id: string; label: string; sessions: number }[];
}

/** Every published programme at its latest version, with its modules: what a plan may be made from. */
export async function programmeChoices(db: Kysely<DB>): Promise<ProgrammeChoice[]> {
  const out: ProgrammeChoice[] = [];
  for (const p of await listProgrammes(db)) {
    if (p.latest_version === 0) continue;
    const v = await getPublishedVersion(db, p.id);
    if (!v) continue;
    out.push({
      id: p.id,
      title: p.title,
      version: v.number,
      modules: v.programme.modules.map((m) => ({ id: m.id, label: moduleLabel(v.programme, m), sessions: m.sessions.length })),
    });
  }
  return out;
}

/** Several cohorts by id, in one query. */
export function getCohorts(db: Kysely<DB>, ids: string[]): Promise<Cohort[]> {
  return ids.length ? db.selectFrom('cohorts').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]);
}

/** Members with their accounts, by role then name. */
export function cohortMembers(db: Kysely<DB>, cohortId: string) {
  return db
    .selectFrom('cohort_members')
    .innerJoin('users', 'users.id', 'cohort_members.user_id')
    .select([
      'cohort_members.id',
      'cohort_members.user_id',
      'cohort_members.role',
      'cohort_members.is_lead',
      'cohort_members.lived_experience',
      'users.name',
      'users.email',
      'users.status',
    ])
    .where('cohort_members.cohort_id', '=', cohortId)
    .orderBy('cohort_members.role')
    .orderBy('users.name')
    .execute();
}
export type Member = Awaited<ReturnType<typeof cohortMembers>>[number];

/** The cohort's members split by their role in it, for pages that show them in groups. */
export async function cohortMembersByRole(db: Kysely<DB>, cohortId: string): Promise<Record<'facilitator' | 'participant' | 'assessor', Member[]>> {
  const out: Record<string, Member[]> = { facilitator: [], participant: [], assessor: [] };
  for (const m of await cohortMembers(db, cohortId)) (out[m.role] ??= []).push(m);
  return out as Record<'facilitator' | 'participant' | 'assessor', Member[]>;
}

/** A cohort's participants, by name: just what registers, the attendance grid and the facilitator's day show. */
export function cohortParticipants(db: Kysely<DB>, cohortId: string) {
  return db
    .selectFrom('cohort_members')
    .innerJoin('users', 'users.id', 'cohort_members.user_id')
    .select(['cohort_members.user_id', 'users.name'])
    .where('cohort_members.cohort_id', '=', cohortId)
    .where('cohort_members.role', '=', 'participant')
    .orderBy('users.name')
    .execute();
}
export type Participant = Awaited<ReturnType<typeof cohortParticipants>>[number];

/** Every attendance mark in a cohort (or in several), or only one person's. */
export async function cohortAttendance(db: Kysely<DB>, cohortId: string | string[], userId?: string): Promise<Marks> {
  let query = db
    .selectFrom('attendance_marks')
    .innerJoin('cohort_sessions', 'cohort_sessions.id', 'attendance_marks.cohort_session_id')
    // One packed string rather than a row per mark: a grid of 40 people over 11 sessions is 440 rows.
    .select(packed('attendance_marks.user_id', 'attendance_marks.cohort_session_id', 'attendance_marks.status').as('marks'))
    .where('cohort_sessions.cohort_id', 'in', ([] as string[]).concat(cohortId));
  // A participant's own page needs their marks only: a dozen rather than the whole group's.
  if (userId !== undefined) query = query.where('attendance_marks.user_id', '=', userId);
  const marks: Marks = new Map();
  for (const [user, session, status] of unpack((await query.executeTakeFirst())?.marks)) {
    let person = marks.get(user!);
    if (!person) marks.set(user!, (person = new Map()));
    person.set(session!, status!);
  }
  return marks;
}

/** What the cohort's own page shows: its plan, facilitators and participants, and any newer versions of its programmes (for managers). */
export async function cohortOverview(db: Kysely<DB>, cohort: Cohort, withNewerVersions: boolean) {
  const plan = await cohortPlan(db, cohort);
  const members = await cohortMembersByRole(db, cohort.id);
  return {
    plan,
    facilitators: members.facilitator,
    participants: members.participant,
    newerVersions: withNewerVersions ? await newerVersions(db, plan) : [],
  };
}
