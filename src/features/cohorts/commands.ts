import type { Deps } from '../../types.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/index.ts';
import { canManageCohorts, canMarkAttendance } from '../../policies/cohorts.ts';
import { toDbBool, toNumber } from '../../db/helpers.ts';
import { normaliseEmail } from '../../auth/commands.ts';
import { createInvitedUser, sendInvitation } from '../admin-users/commands.ts';
import { getPublishedVersion } from '../curriculum/queries.ts';
import { readParticipantsCsv, type CsvRow } from './csv.ts';
import { cohortMembers, cohortPlan, getCohort, ATTENDANCE_STATUSES, type AttendanceStatus } from './queries.ts';
import { formatInZone, localToUtc } from './time.ts';

export interface CohortInput {
  name: string;
  programmeId: string;
  moduleIds: string[];
  startsOn: string;
  endsOn: string;
  mode: 'in_person' | 'online' | 'hybrid';
  venue: string;
  joiningLink: string;
  capacity: number | null;
  attendanceThreshold: number;
}

/** Creates a cohort on the programme's latest published version, with a session row for each session of the chosen modules in the chosen order. */
export async function createCohort(deps: Deps, actor: Actor, input: CohortInput): Promise<{ ok: true; id: string } | { ok: false; error: string }> {
  authorize(canManageCohorts(actor));
  const version = await getPublishedVersion(deps.db, input.programmeId);
  if (!version) return { ok: false, error: 'That programme has no published version yet.' };
  const modules = input.moduleIds.map((id) => version.programme.modules.find((m) => m.id === id));
  if (modules.some((m) => !m)) return { ok: false, error: 'Choose modules from the programme.' };
  const id = crypto.randomUUID();
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('cohorts')
      .values({
        id,
        name: input.name,
        programme_id: input.programmeId,
        version_number: version.number,
        plan_modules: input.moduleIds.join(','),
        mode: input.mode,
        venue: input.venue,
        joining_link: input.joiningLink,
        capacity: input.capacity,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        attendance_threshold: input.attendanceThreshold,
        time_zone: 'Europe/London',
        created_at: now,
        updated_at: now,
        created_by: actor.id,
      })
      .execute();
    let position = 0;
    const rows = modules.flatMap((m) =>
      m!.sessions.map((s) => ({
        id: crypto.randomUUID(),
        cohort_id: id,
        position: ++position,
        module_id: m!.id,
        session_id: s.id,
        starts_at: null,
        duration_minutes: s.durationMinutes,
        place: '',
        bring: '',
        sequence: 0,
        updated_at: now,
      })),
    );
    if (rows.length) await trx.insertInto('cohort_sessions').values(rows).execute();
  });
  return { ok: true, id };
}

export type MemberRole = 'facilitator' | 'participant' | 'assessor';

async function participantCount(deps: Deps, cohortId: string): Promise<number> {
  const r = await deps.db
    .selectFrom('cohort_members')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('cohort_id', '=', cohortId)
    .where('role', '=', 'participant')
    .executeTakeFirstOrThrow();
  return toNumber(r.n);
}

/**
 * Adds someone to a cohort: an existing account is added at once, anyone else is invited by email.
 * Returns what happened, or why it could not.
 */
export async function addMember(
  deps: Deps,
  actor: Actor,
  cohortId: string,
  input: { name: string; email: string; role: MemberRole; isLead: boolean; livedExperience: boolean },
): Promise<{ ok: true; outcome: 'added' | 'invited' } | { ok: false; error: string }> {
  authorize(canManageCohorts(actor));
  const cohort = await getCohort(deps.db, cohortId);
  if (!cohort) return { ok: false, error: 'No such cohort' };
  if (input.role === 'participant' && cohort.capacity !== null && (await participantCount(deps, cohortId)) >= cohort.capacity) {
    return { ok: false, error: `The cohort is full (${cohort.capacity} places).` };
  }
  const email = normaliseEmail(input.email);
  const result = await deps.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'status']).where('email', '=', email).executeTakeFirst();
    let invitation: { userId: string; secret: string } | null = null;
    let userId = user?.id;
    if (!userId) {
      invitation = await createInvitedUser(trx, deps.clock, actor.id, { name: input.name, email, role: null });
      userId = invitation.userId;
    } else {
      const existing = await trx
        .selectFrom('cohort_members')
        .select('id')
        .where('cohort_id', '=', cohortId)
        .where('user_id', '=', userId)
        .where('role', '=', input.role)
        .executeTakeFirst();
      if (existing) return { ok: false as const, error: 'They are already in this cohort in that role.' };
    }
    await trx
      .insertInto('cohort_members')
      .values({
        id: crypto.randomUUID(),
        cohort_id: cohortId,
        user_id: userId,
        role: input.role,
        is_lead: toDbBool(input.isLead),
        lived_experience: toDbBool(input.livedExperience),
        created_at: deps.clock.now().toISOString(),
      })
      .execute();
    return { ok: true as const, invitation };
  });
  if (!result.ok) return result;
  if (result.invitation) {
    await sendInvitation(deps, { email, name: input.name, role: null }, actor, result.invitation.secret, cohort.name);
    return { ok: true, outcome: 'invited' };
  }
  await deps.mailer.send({
    to: email,
    subject: `You have been added to ${cohort.name}`,
    text: `Hello,\n\n${actor.name} has added you to ${cohort.name} on Peer Toolbox as a ${input.role}.\n\nSign in to see the schedule: ${deps.config.baseUrl}/cohorts/${cohortId}\n`,
  });
  return { ok: true, outcome: 'added' };
}

/** Checks a participants CSV against the cohort: each row with its problems (already enrolled, capacity). */
export async function previewParticipantsCsv(
  deps: Deps,
  actor: Actor,
  cohortId: string,
  text: string,
): Promise<{ rows: CsvRow[]; fileProblem: string | null }> {
  authorize(canManageCohorts(actor));
  const parsed = readParticipantsCsv(text);
  if (parsed.fileProblem) return parsed;
  const cohort = (await getCohort(deps.db, cohortId))!;
  const enrolled = new Set((await cohortMembers(deps.db, cohortId)).filter((m) => m.role === 'participant').map((m) => m.email));
  for (const row of parsed.rows) if (row.email && enrolled.has(row.email)) row.problems.push('Already enrolled in this cohort');
  const fresh = parsed.rows.filter((r) => r.problems.length === 0).length;
  if (cohort.capacity !== null && enrolled.size + fresh > cohort.capacity) {
    return {
      rows: parsed.rows,
      fileProblem: `Importing ${fresh} people would take the cohort past its ${cohort.capacity} places (${enrolled.size} already enrolled).`,
    };
  }
  return parsed;
}

/** Imports every row of a participants CSV, or none: any problem in any row stops the whole import. */
export async function importParticipantsCsv(
  deps: Deps,
  actor: Actor,
  cohortId: string,
  text: string,
): Promise<{ ok: true; added: number; invited: number } | { ok: false; rows: CsvRow[]; fileProblem: string | null }> {
  const preview = await previewParticipantsCsv(deps, actor, cohortId, text);
  if (preview.fileProblem || preview.rows.some((r) => r.problems.length)) return { ok: false, ...preview };
  const cohort = (await getCohort(deps.db, cohortId))!;
  const invitations = await deps.db.transaction().execute(async (trx) => {
    const sent: { email: string; name: string; secret: string }[] = [];
    for (const row of preview.rows) {
      const user = await trx.selectFrom('users').select('id').where('email', '=', row.email).executeTakeFirst();
      let userId = user?.id;
      if (!userId) {
        const inv = await createInvitedUser(trx, deps.clock, actor.id, { name: row.name, email: row.email, role: null });
        userId = inv.userId;
        sent.push({ email: row.email, name: row.name, secret: inv.secret });
      }
      await trx
        .insertInto('cohort_members')
        .values({
          id: crypto.randomUUID(),
          cohort_id: cohortId,
          user_id: userId,
          role: 'participant',
          is_lead: 0,
          lived_experience: 0,
          created_at: deps.clock.now().toISOString(),
        })
        .execute();
    }
    return sent;
  });
  for (const inv of invitations) await sendInvitation(deps, { email: inv.email, name: inv.name, role: null }, actor, inv.secret, cohort.name);
  return { ok: true, added: preview.rows.length - invitations.length, invited: invitations.length };
}

export interface ScheduleEntry {
  cohortSessionId: string;
  date: string;
  time: string;
  durationMinutes: number | null;
  place: string;
  bring: string;
}

/**
 * Sets dates, times and places. A session whose time or place changes keeps its identity and gets
 * a higher sequence number, so calendars move the event; members are emailed about the changes.
 */
export async function saveSchedule(
  deps: Deps,
  actor: Actor,
  cohortId: string,
  entries: ScheduleEntry[],
): Promise<{ ok: true; rescheduled: number } | { ok: false; errors: Record<string, string> }> {
  authorize(canManageCohorts(actor));
  const cohort = (await getCohort(deps.db, cohortId))!;
  const errors: Record<string, string> = {};
  const wanted = entries.map((e) => {
    if (!e.date && !e.time) return { e, startsAt: null };
    const startsAt = e.date && e.time ? localToUtc(e.date, e.time, cohort.time_zone) : null;
    if (!startsAt) errors[`date_${e.cohortSessionId}`] = 'Enter a real date and a start time, like 2026-10-24 and 10:00';
    return { e, startsAt };
  });
  if (Object.keys(errors).length) return { ok: false, errors };
  const { sessions } = await cohortPlan(deps.db, cohort);
  const current = new Map(sessions.map((s) => [s.id, s]));
  const changes: string[] = [];
  await deps.db.transaction().execute(async (trx) => {
    for (const { e, startsAt } of wanted) {
      const before = current.get(e.cohortSessionId);
      if (!before) continue;
      const moved = before.startsAt !== null && (before.startsAt !== startsAt || before.durationMinutes !== e.durationMinutes || before.place !== e.place);
      if (before.startsAt === startsAt && before.durationMinutes === e.durationMinutes && before.place === e.place && before.bring === e.bring) continue;
      if (moved)
        changes.push(
          `${before.session.title}: now ${startsAt ? formatInZone(startsAt, cohort.time_zone) : 'not yet scheduled'}${e.place ? `, ${e.place}` : ''}`,
        );
      await trx
        .updateTable('cohort_sessions')
        .set({
          starts_at: startsAt,
          duration_minutes: e.durationMinutes,
          place: e.place,
          bring: e.bring,
          sequence: before.sequence + (moved ? 1 : 0),
          updated_at: deps.clock.now().toISOString(),
        })
        .where('id', '=', e.cohortSessionId)
        .where('cohort_id', '=', cohortId)
        .execute();
    }
  });
  if (changes.length) {
    const members = (await cohortMembers(deps.db, cohortId)).filter((m) => m.status !== 'deactivated');
    for (const m of members) {
      await deps.mailer.send({
        to: m.email,
        subject: `Schedule change for ${cohort.name}`,
        text: `Hello ${m.name},\n\nThe schedule for ${cohort.name} has changed:\n\n${changes.map((c) => `- ${c}`).join('\n')}\n\nSee the schedule: ${deps.config.baseUrl}/cohorts/${cohortId}\n`,
      });
    }
  }
  return { ok: true, rescheduled: changes.length };
}

/** Records attendance for one session; only the cohort's facilitators and managers may, and only for its participants. */
export async function markAttendance(deps: Deps, actor: Actor, cohortSessionId: string, marks: { userId: string; status: AttendanceStatus }[]): Promise<void> {
  const cs = await deps.db.selectFrom('cohort_sessions').select(['id', 'cohort_id']).where('id', '=', cohortSessionId).executeTakeFirst();
  authorize(cs !== undefined && canMarkAttendance(actor, cs.cohort_id));
  const participants = new Set((await cohortMembers(deps.db, cs!.cohort_id)).filter((m) => m.role === 'participant').map((m) => m.user_id));
  const now = deps.clock.now().toISOString();
  const valid = new Set<string>(ATTENDANCE_STATUSES.map((s) => s.value));
  await deps.db.transaction().execute(async (trx) => {
    for (const m of marks) {
      if (!participants.has(m.userId) || !valid.has(m.status)) continue;
      await trx
        .insertInto('attendance_marks')
        .values({ cohort_session_id: cohortSessionId, user_id: m.userId, status: m.status, marked_by: actor.id, marked_at: now })
        .onConflict((oc) => oc.columns(['cohort_session_id', 'user_id']).doUpdateSet({ status: m.status, marked_by: actor.id, marked_at: now }))
        .execute();
    }
  });
}

/**
 * Moves a cohort to the programme's latest published version. Sessions it already has keep their
 * schedule and attendance; new sessions of its modules join the plan unscheduled; sessions the new
 * version no longer has drop out of the plan but their attendance records are kept.
 */
export async function moveCohortToLatestVersion(deps: Deps, actor: Actor, cohortId: string): Promise<number | null> {
  authorize(canManageCohorts(actor));
  const cohort = await getCohort(deps.db, cohortId);
  if (!cohort) return null;
  const version = await getPublishedVersion(deps.db, cohort.programme_id);
  if (!version || version.number <= cohort.version_number) return null;
  const moduleIds = cohort.plan_modules.split(',').filter((id) => version.programme.modules.some((m) => m.id === id));
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('cohort_sessions').select(['id', 'session_id']).where('cohort_id', '=', cohortId).execute();
    const bySession = new Map(rows.map((r) => [r.session_id, r.id]));
    let position = 0;
    const kept = new Set<string>();
    for (const m of moduleIds.map((id) => version.programme.modules.find((x) => x.id === id)!)) {
      for (const s of m.sessions) {
        position += 1;
        const existing = bySession.get(s.id);
        if (existing) {
          kept.add(existing);
          await trx.updateTable('cohort_sessions').set({ position, module_id: m.id, updated_at: now }).where('id', '=', existing).execute();
        } else {
          await trx
            .insertInto('cohort_sessions')
            .values({
              id: crypto.randomUUID(),
              cohort_id: cohortId,
              position,
              module_id: m.id,
              session_id: s.id,
              starts_at: null,
              duration_minutes: s.durationMinutes,
              place: '',
              bring: '',
              sequence: 0,
              updated_at: now,
            })
            .execute();
        }
      }
    }
    for (const r of rows.filter((r) => !kept.has(r.id))) {
      position += 1;
      await trx
        .updateTable('cohort_sessions')
        .set({ position: 10_000 + position, updated_at: now })
        .where('id', '=', r.id)
        .execute();
    }
    await trx
      .updateTable('cohorts')
      .set({ version_number: version.number, plan_modules: moduleIds.join(','), updated_at: now })
      .where('id', '=', cohortId)
      .execute();
  });
  return version.number;
}
