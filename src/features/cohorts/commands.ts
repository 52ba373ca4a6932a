import type { Deps } from '../../types.ts';
import type { Actor, CohortRole } from '../../policies/actor.ts';
import { authorize } from '../../policies/index.ts';
import { canGrantCohortRole, canManageCohorts, cohortRoleOpensData, dataOpeningRoleIn } from '../../policies/cohorts.ts';
import { recordAudit } from '../../audit/audit.ts';
import { toDbBool, toNumber } from '../../db/helpers.ts';
import { normaliseEmail } from '../../auth/commands.ts';
import { createInvitedUser, sendInvitation } from '../admin-users/index.ts';
import { getPublishedVersion, moduleLabel } from '../curriculum/index.ts';
import { readParticipantsCsv, type CsvRow } from './csv.ts';
import type { ChosenModule, ScheduleEntry } from './forms.ts';
import { readPlanModules, writePlanModules, type PlanModule } from './plan.ts';
import { cohortMembers, cohortMembersByRole, cohortPlan, getCohort } from './queries.ts';
import { formatInZone, localToUtc } from './time.ts';

type PublishedVersion = NonNullable<Awaited<ReturnType<typeof getPublishedVersion>>>;

export interface CohortInput {
  name: string;
  /** The programme the cohort delivers; the plan may add modules of other programmes (a readiness pre-programme). */
  programmeId: string;
  /** The ticked modules, in the cohort's order. */
  modules: ChosenModule[];
  startsOn: string;
  endsOn: string;
  mode: 'in_person' | 'online' | 'hybrid';
  venue: string;
  joiningLink: string;
  capacity: number | null;
  attendanceThreshold: number;
}

export type CreateCohortResult = { ok: true; id: string } | { ok: false; field: 'programmeId' | 'modules'; error: string };

/**
 * Creates a cohort with a session row for each session of the chosen modules in the chosen order.
 * Each programme the plan draws on is pinned to its latest published version. A plan whose modules
 * have no sessions between them is refused: it would have nothing to schedule.
 */

/** A session of the plan not yet given a date: the coordinator schedules it afterwards. */
function unscheduledSession(
  cohortId: string,
  position: number,
  programmeId: string,
  moduleId: string,
  session: { id: string; durationMinutes: number | null },
  now: string,
) {
  return {
    id: crypto.randomUUID(),
    cohort_id: cohortId,
    position,
    programme_id: programmeId,
    module_id: moduleId,
    session_id: session.id,
    starts_at: null,
    duration_minutes: session.durationMinutes,
    place: '',
    bring: '',
    sequence: 0,
    updated_at: now,
  };
}

/** A person's membership of a cohort in one role. */
function memberRow(cohortId: string, userId: string, role: CohortRole, flags: { isLead: boolean; livedExperience: boolean }, now: Date) {
  return {
    id: crypto.randomUUID(),
    cohort_id: cohortId,
    user_id: userId,
    role,
    is_lead: toDbBool(flags.isLead),
    lived_experience: toDbBool(flags.livedExperience),
    created_at: now.toISOString(),
  };
}

export async function createCohort(deps: Deps, actor: Actor, input: CohortInput): Promise<CreateCohortResult> {
  authorize(canManageCohorts(actor));
  if (!input.modules.some((m) => m.programmeId === input.programmeId))
    return { ok: false, field: 'modules', error: 'Tick at least one module of the chosen programme' };
  const versions = new Map<string, PublishedVersion>();
  for (const programmeId of new Set([input.programmeId, ...input.modules.map((m) => m.programmeId)])) {
    const version = await getPublishedVersion(deps.db, programmeId);
    if (!version)
      return { ok: false, field: programmeId === input.programmeId ? 'programmeId' : 'modules', error: 'That programme has no published version yet.' };
    versions.set(programmeId, version);
  }
  const chosen = input.modules.map((c) => {
    const version = versions.get(c.programmeId)!;
    return { version, module: version.programme.modules.find((m) => m.id === c.moduleId) };
  });
  if (chosen.some((c) => !c.module)) return { ok: false, field: 'modules', error: 'Choose modules from the published programmes.' };
  const modules = chosen.map((c) => ({ version: c.version, module: c.module! }));
  if (modules.every((m) => m.module.sessions.length === 0)) {
    const names = modules.map((m) => `${m.version.programme.title}: ${moduleLabel(m.version.programme, m.module)}`).join('; ');
    return {
      ok: false,
      field: 'modules',
      error: `The chosen modules have no sessions between them (${names}), so there would be nothing to schedule. Choose modules with sessions, or add sessions to these in the curriculum and publish it.`,
    };
  }
  const plan: PlanModule[] = input.modules.map((c) => ({ programmeId: c.programmeId, version: versions.get(c.programmeId)!.number, moduleId: c.moduleId }));
  const id = crypto.randomUUID();
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('cohorts')
      .values({
        id,
        name: input.name,
        programme_id: input.programmeId,
        version_number: versions.get(input.programmeId)!.number,
        plan_modules: writePlanModules(plan),
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
    const rows = modules.flatMap(({ module }, i) => module.sessions.map((s) => unscheduledSession(id, ++position, plan[i]!.programmeId, module.id, s, now)));
    await trx.insertInto('cohort_sessions').values(rows).execute();
  });
  return { ok: true, id };
}

export type MemberRole = 'facilitator' | 'participant' | 'assessor';

/** Roles that take one of the cohort's places (its capacity counts participants only). */
const TAKES_A_PLACE: ReadonlySet<MemberRole> = new Set(['participant']);

async function participantCount(deps: Deps, cohortId: string): Promise<number> {
  const r = await deps.db
    .selectFrom('cohort_members')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('cohort_id', '=', cohortId)
    .where('role', '=', 'participant')
    .executeTakeFirstOrThrow();
  return toNumber(r.n);
}

/** What a role opens, in the words of a refusal to grant it to oneself. */
const WHAT_IT_OPENS: Record<CohortRole, { noun: string; opens: string }> = {
  facilitator: { noun: 'a facilitator', opens: 'read what its participants share with their facilitators' },
  assessor: { noun: 'an assessor', opens: 'read the work its participants hand in for assessment' },
  verifier: { noun: 'a verifier', opens: 'read the work its participants hand in for assessment' },
  participant: { noun: 'a participant', opens: '' },
};

/**
 * Why `canGrantCohortRole` refused a grant, in words: a role that opens data given to oneself, or an
 * existing account enrolled by someone who would then read what it shares elsewhere.
 */
function refusal(actor: Actor, cohortId: string, role: CohortRole): string {
  const held = dataOpeningRoleIn(actor, cohortId);
  if (role === 'participant' && held)
    return `As ${WHAT_IT_OPENS[held].noun} of this cohort you cannot enrol someone who already has an account in it: it would open to you what they share with the facilitators of their other cohorts. Ask another coordinator or an administrator to enrol them.`;
  const { noun, opens } = WHAT_IT_OPENS[role];
  return `You cannot make yourself ${noun} of this cohort: it would let you ${opens}. Ask another coordinator or an administrator to add you.`;
}

/** The audit of a participant's enrolment, which opens what they share to the cohort's facilitators. */
const enrolmentAudit = (actor: Actor, participantId: string, cohortId: string) =>
  ({ action: 'participant_enrolled', actorUserId: actor.id, subjectUserId: participantId, targetType: 'cohort', targetId: cohortId }) as const;

/**
 * Adds someone to a cohort: an existing account is added at once, anyone else is invited by email.
 * A role that opens the participants' data is never granted by the person receiving it, nor an
 * existing account enrolled as a participant by someone holding such a role in the cohort
 * (`canGrantCohortRole`). Grants of those roles and every participant's enrolment are audited with the
 * membership, and shown in the participants' "Who has read it". Returns what happened, or why not.
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
  if (TAKES_A_PLACE.has(input.role) && cohort.capacity !== null && (await participantCount(deps, cohortId)) >= cohort.capacity) {
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
    if (!canGrantCohortRole(actor, { cohortId, granteeId: userId, role: input.role, existingAccount: user !== undefined }))
      return { ok: false as const, error: refusal(actor, cohortId, input.role) };
    await trx
      .insertInto('cohort_members')
      .values(memberRow(cohortId, userId, input.role, { isLead: input.isLead, livedExperience: input.livedExperience }, deps.clock.now()))
      .execute();
    if (cohortRoleOpensData(input.role))
      await recordAudit(trx, deps.clock, {
        action: 'cohort_role_granted',
        actorUserId: actor.id,
        subjectUserId: userId,
        targetType: 'cohort',
        targetId: cohortId,
        details: { role: input.role },
      });
    if (input.role === 'participant') await recordAudit(trx, deps.clock, enrolmentAudit(actor, userId, cohortId));
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

/** The accounts the rows' addresses already belong to: address → user id. */
async function existingAccounts(deps: Deps, rows: readonly CsvRow[]): Promise<Map<string, string>> {
  const emails = rows.filter((r) => r.problems.length === 0).map((r) => r.email);
  if (emails.length === 0) return new Map();
  const found = await deps.db.selectFrom('users').select(['id', 'email']).where('email', 'in', emails).execute();
  return new Map(found.map((u) => [u.email, u.id]));
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
  const enrolled = new Set((await cohortMembersByRole(deps.db, cohortId)).participant.map((m) => m.email));
  const accounts = await existingAccounts(deps, parsed.rows);
  for (const row of parsed.rows) {
    if (row.problems.length) continue;
    if (enrolled.has(row.email)) row.problems.push('Already enrolled in this cohort');
    else if (
      accounts.has(row.email) &&
      !canGrantCohortRole(actor, { cohortId, granteeId: accounts.get(row.email)!, role: 'participant', existingAccount: true })
    )
      row.problems.push(
        `Already has an account: as ${WHAT_IT_OPENS[dataOpeningRoleIn(actor, cohortId)!].noun} of this cohort you cannot enrol them, as it would open to you what they share with their other cohorts; ask another coordinator or an administrator`,
      );
  }
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
      // The file enrols participants only, whatever its other columns say, so it is no way round the rule;
      // the preview has already named any row the rule refuses.
      authorize(canGrantCohortRole(actor, { cohortId, granteeId: userId, role: 'participant', existingAccount: user !== undefined }));
      await trx
        .insertInto('cohort_members')
        .values(memberRow(cohortId, userId, 'participant', { isLead: false, livedExperience: false }, deps.clock.now()))
        .execute();
      await recordAudit(trx, deps.clock, enrolmentAudit(actor, userId, cohortId));
    }
    return sent;
  });
  for (const inv of invitations) await sendInvitation(deps, { email: inv.email, name: inv.name, role: null }, actor, inv.secret, cohort.name);
  return { ok: true, added: preview.rows.length - invitations.length, invited: invitations.length };
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

/**
 * Moves a cohort to the latest published version of every programme its plan draws on. Sessions it
 * already has keep their schedule and attendance; new sessions of its modules join the plan
 * unscheduled; modules and sessions the new versions no longer have drop out of the plan, but their
 * attendance records are kept. Returns false when there is nothing newer.
 */
export async function moveCohortToLatestVersion(deps: Deps, actor: Actor, cohortId: string): Promise<boolean> {
  authorize(canManageCohorts(actor));
  const cohort = await getCohort(deps.db, cohortId);
  if (!cohort) return false;
  const entries = readPlanModules(cohort);
  const pinned = new Map<string, number>([[cohort.programme_id, cohort.version_number], ...entries.map((e) => [e.programmeId, e.version] as const)]);
  const latest = new Map<string, PublishedVersion>();
  for (const programmeId of pinned.keys()) {
    const version = await getPublishedVersion(deps.db, programmeId);
    if (version) latest.set(programmeId, version);
  }
  if (![...latest].some(([programmeId, v]) => v.number > pinned.get(programmeId)!)) return false;
  const plan = entries.flatMap((e) => {
    const version = latest.get(e.programmeId);
    const module = version?.programme.modules.find((m) => m.id === e.moduleId);
    return version && module ? [{ entry: { ...e, version: version.number }, module }] : [];
  });
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('cohort_sessions').select(['id', 'programme_id', 'session_id']).where('cohort_id', '=', cohortId).execute();
    const key = (programmeId: string, sessionId: string) => `${programmeId}#${sessionId}`;
    const existing = new Map(rows.map((r) => [key(r.programme_id ?? cohort.programme_id, r.session_id), r.id]));
    let position = 0;
    const kept = new Set<string>();
    for (const { entry, module } of plan) {
      for (const s of module.sessions) {
        position += 1;
        const id = existing.get(key(entry.programmeId, s.id));
        if (id) {
          kept.add(id);
          await trx
            .updateTable('cohort_sessions')
            .set({ position, programme_id: entry.programmeId, module_id: module.id, updated_at: now })
            .where('id', '=', id)
            .execute();
        } else {
          await trx
            .insertInto('cohort_sessions')
            .values(unscheduledSession(cohortId, position, entry.programmeId, module.id, s, now))
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
      .set({
        version_number: latest.get(cohort.programme_id)?.number ?? cohort.version_number,
        plan_modules: writePlanModules(plan.map((p) => p.entry)),
        updated_at: now,
      })
      .where('id', '=', cohortId)
      .execute();
  });
  return true;
}
