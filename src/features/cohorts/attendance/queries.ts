import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { cohortAttendance, cohortParticipants, cohortPlan, type Cohort, type Participant, type PlannedSession } from '../queries.ts';
import { attendanceSummary, type AttendanceSummary, type Marks } from './model.ts';

/** One session's register: the session (null when it is not in the cohort's plan), the participants and their marks. */
export async function sessionRegister(
  db: Kysely<DB>,
  cohort: Cohort,
  cohortSessionId: string,
): Promise<{ planned: PlannedSession; participants: Participant[]; marks: Marks } | null> {
  const plan = await cohortPlan(db, cohort);
  const planned = plan.sessions.find((s) => s.id === cohortSessionId);
  if (!planned) return null;
  return { planned, participants: await cohortParticipants(db, cohort.id), marks: await cohortAttendance(db, cohort.id) };
}

export interface AttendanceGrid {
  sessions: PlannedSession[];
  rows: { participant: Participant; summary: AttendanceSummary }[];
  marks: Marks;
}

/** Every participant's mark in every session of the cohort, with their percentage and completion. */
export async function attendanceGrid(db: Kysely<DB>, cohort: Cohort, now: Date): Promise<AttendanceGrid> {
  const { sessions } = await cohortPlan(db, cohort);
  const marks = await cohortAttendance(db, cohort.id);
  const participants = await cohortParticipants(db, cohort.id);
  return {
    sessions,
    marks,
    rows: participants.map((participant) => ({
      participant,
      summary: attendanceSummary(sessions, marks, participant.user_id, now, cohort.attendance_threshold),
    })),
  };
}
