// The words of attendance and the one rule that turns marks into a percentage and a completion status.
// Pure: given the plan, the marks and the time, so pages, the home page and tests share one answer.

export const ATTENDANCE_STATUSES = [
  { value: 'present', label: 'Present', attended: true },
  { value: 'late', label: 'Late', attended: true },
  { value: 'left_early', label: 'Left early', attended: true },
  { value: 'absent_notice', label: 'Absent with notice', attended: false },
  { value: 'absent', label: 'Absent', attended: false },
] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number]['value'];
export const isAttended = (status: string): boolean => ATTENDANCE_STATUSES.some((s) => s.value === status && s.attended);
export const isAttendanceStatus = (status: string): status is AttendanceStatus => ATTENDANCE_STATUSES.some((s) => s.value === status);

/** Attendance marks by person, then by cohort session: marks.get(userId)?.get(cohortSessionId). */
export type Marks = Map<string, Map<string, string>>;
export const markOf = (marks: Marks, cohortSessionId: string, userId: string): string => marks.get(userId)?.get(cohortSessionId) ?? '';

/**
 * The share of held sessions a participant must attend to complete, unless the coordinator sets
 * another for the cohort. 80% lets someone miss about one session in five (two of the eleven-session
 * course) for illness, care or crisis without losing their place, while still meaning they took part
 * in most of the group's work. See CONTEXT.md.
 */
export const COMPLETION_THRESHOLD_PERCENT = 80;

/**
 * Where a participant stands:
 * - `not_started`: no session has been held yet;
 * - `on_track` / `at_risk`: sessions remain; at or above the threshold so far, or below it but still able to reach it;
 * - `cannot_complete`: sessions remain, but even attending every one of them would not reach the threshold;
 * - `completed` / `not_completed`: every session of the plan has been held; at or above the threshold, or not.
 */
export type Completion = 'not_started' | 'on_track' | 'at_risk' | 'cannot_complete' | 'completed' | 'not_completed';

export const COMPLETION_LABELS: Record<Completion, string> = {
  not_started: 'Not started',
  on_track: 'On track',
  at_risk: 'Below the threshold so far',
  cannot_complete: 'Cannot reach the threshold',
  completed: 'Completed',
  not_completed: 'Did not complete',
};

export interface AttendanceSummary {
  /** Sessions of the plan held so far: scheduled, and started at or before now. */
  held: number;
  /** Of those, the ones the participant attended (present, late or left early). */
  attended: number;
  /** Sessions in the plan, held or not (a session not yet dated counts as still to come). */
  planned: number;
  /** attended / held, rounded to a whole percent; null before any session is held. */
  percent: number | null;
  completion: Completion;
}

/**
 * How is the attendance percentage computed? Here, and only here. A session counts once it has
 * started; present, late and left early count as attended; absent, absent with notice and no mark
 * count as not attended. The percentage is of held sessions, so it is fair mid-course. Completion
 * compares attended with the threshold as whole numbers (no rounding: 79.5% is below 80%).
 */
export function attendanceSummary(
  sessions: readonly { id: string; startsAt: string | null }[],
  marks: Marks,
  userId: string,
  now: Date,
  thresholdPercent: number = COMPLETION_THRESHOLD_PERCENT,
): AttendanceSummary {
  const at = now.toISOString();
  const held = sessions.filter((s) => s.startsAt !== null && s.startsAt <= at);
  const attended = held.filter((s) => isAttended(markOf(marks, s.id, userId))).length;
  const planned = sessions.length;
  const reaches = (count: number, of: number) => count * 100 >= thresholdPercent * of;
  let completion: Completion;
  if (held.length === 0) completion = 'not_started';
  else if (held.length === planned) completion = reaches(attended, planned) ? 'completed' : 'not_completed';
  else if (reaches(attended, held.length)) completion = 'on_track';
  else completion = reaches(attended + (planned - held.length), planned) ? 'at_risk' : 'cannot_complete';
  return { held: held.length, attended, planned, percent: held.length ? Math.round((attended / held.length) * 100) : null, completion };
}

/** Whether a session may have its register taken: it has a date and has started. */
export const hasStarted = (session: { startsAt: string | null }, now: Date): boolean => session.startsAt !== null && session.startsAt <= now.toISOString();
