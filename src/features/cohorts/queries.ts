import type { Kysely } from 'kysely';
import { packed, unpack } from '../../db/helpers.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../policies/actor.ts';
import { canManageCohorts } from '../../policies/cohorts.ts';
import { getPublishedVersion, programmeSlug } from '../curriculum/queries.ts';
import { findSession, moduleLabel, type Module, type Programme, type Session } from '../curriculum/model.ts';

export const ATTENDANCE_STATUSES = [
  { value: 'present', label: 'Present', attended: true },
  { value: 'late', label: 'Late', attended: true },
  { value: 'left_early', label: 'Left early', attended: true },
  { value: 'absent_notice', label: 'Absent with notice', attended: false },
  { value: 'absent', label: 'Absent', attended: false },
] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number]['value'];
export const isAttended = (status: string) => ATTENDANCE_STATUSES.some((s) => s.value === status && s.attended);

/** Cohorts a person may see: all of them for coordinators, otherwise those they belong to. */
export async function listCohortsFor(db: Kysely<DB>, actor: Actor) {
  let q = db.selectFrom('cohorts').select(['id', 'name', 'starts_on', 'ends_on', 'mode']).orderBy('starts_on', 'desc').limit(500);
  if (!canManageCohorts(actor)) {
    const ids = [...new Set(actor.cohortRoles.map((g) => g.cohortId))];
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  return q.execute();
}

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
  module: Module;
  session: Session;
  moduleLabel: string;
}

export interface CohortPlan {
  programme: Programme;
  slug: string;
  sessions: PlannedSession[];
}

/** The cohort's programme version and its sessions in the cohort's order, with their curriculum. */
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
    const version = await getPublishedVersion(db, cohort.programme_id, cohort.version_number);
    if (!version) throw new Error('cohort version missing');
    const sessions = rows.flatMap((r) => {
      if (r.cohort_id !== cohort.id) return [];
      const found = findSession(version.programme, r.session_id);
      if (!found) return [];
      return [
        {
          id: r.id,
          position: r.position,
          startsAt: r.starts_at,
          durationMinutes: r.duration_minutes,
          place: r.place,
          bring: r.bring,
          sequence: r.sequence,
          module: found.module,
          session: found.session,
          moduleLabel: moduleLabel(version.programme, found.module),
        },
      ];
    });
    plans.set(cohort.id, { programme: version.programme, slug: await programmeSlug(db, cohort.programme_id), sessions });
  }
  return plans;
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

/** Attendance marks by person, then by cohort session: marks.get(userId)?.get(cohortSessionId). */
export type Marks = Map<string, Map<string, string>>;
export const markOf = (marks: Marks, cohortSessionId: string, userId: string): string => marks.get(userId)?.get(cohortSessionId) ?? '';

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

/** A participant's attendance: sessions held so far (start time passed), how many they attended. */
export function attendanceSummary(sessions: PlannedSession[], marks: Marks, userId: string, now: Date) {
  const held = sessions.filter((s) => s.startsAt && s.startsAt <= now.toISOString());
  const attended = held.filter((s) => isAttended(markOf(marks, s.id, userId))).length;
  return { held: held.length, attended, percent: held.length ? Math.round((attended / held.length) * 100) : null };
}
