import type { Deps } from '../../../types.ts';
import type { Actor } from '../../../policies/actor.ts';
import { authorize } from '../../../policies/index.ts';
import { canMarkAttendance } from '../../../policies/cohorts.ts';
import { cohortParticipants } from '../queries.ts';
import { hasStarted, isAttendanceStatus, type AttendanceStatus } from './model.ts';

export type MarkResult = { ok: true } | { ok: false; reason: 'not_started' };

/**
 * Records the register of one session. Only the cohort's facilitators and managers may, only for its
 * participants, and only once the session has started: a mark for a session still to come would
 * count in the attendance percentage as if it had happened.
 */
export async function markAttendance(
  deps: Deps,
  actor: Actor,
  cohortSessionId: string,
  marks: readonly { userId: string; status: AttendanceStatus }[],
): Promise<MarkResult> {
  const cs = await deps.db.selectFrom('cohort_sessions').select(['id', 'cohort_id', 'starts_at']).where('id', '=', cohortSessionId).executeTakeFirst();
  authorize(cs !== undefined && canMarkAttendance(actor, cs.cohort_id));
  const now = deps.clock.now();
  if (!hasStarted({ startsAt: cs.starts_at }, now)) return { ok: false, reason: 'not_started' };
  const participants = new Set((await cohortParticipants(deps.db, cs.cohort_id)).map((p) => p.user_id));
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    for (const m of marks) {
      if (!participants.has(m.userId) || !isAttendanceStatus(m.status)) continue;
      await trx
        .insertInto('attendance_marks')
        .values({ cohort_session_id: cohortSessionId, user_id: m.userId, status: m.status, marked_by: actor.id, marked_at: at })
        .onConflict((oc) => oc.columns(['cohort_session_id', 'user_id']).doUpdateSet({ status: m.status, marked_by: actor.id, marked_at: at }))
        .execute();
    }
  });
  return { ok: true };
}
