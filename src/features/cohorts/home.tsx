import type { Deps } from '../../types.ts';
import type { Actor } from '../../policies/actor.ts';
import { sameKnowledge } from '../curriculum/model.ts';
import { ContentNotes } from '../curriculum/views.tsx';
import {
  attendanceSummary,
  cohortAttendance,
  cohortParticipants,
  cohortPlan,
  cohortPlans,
  getCohort,
  getCohorts,
  type Cohort,
  type Participant,
  type PlannedSession,
} from './queries.ts';
import { formatInZone } from './time.ts';

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

interface FacilitatorDay {
  cohort: Cohort;
  slug: string;
  next: PlannedSession;
  participants: Participant[];
  notes: OverlapNote[];
}

interface ParticipantCohort {
  cohort: Cohort;
  slug: string;
  next: PlannedSession | undefined;
  past: PlannedSession[];
  attendance: { held: number; attended: number; percent: number | null };
}

/** What a person's home page needs from their cohorts. */
export async function homeData(deps: Deps, actor: Actor): Promise<{ facilitating: FacilitatorDay[]; participating: ParticipantCohort[] }> {
  const now = deps.clock.now();
  // A session counts as "next" until three hours after it started, so the register stays at hand.
  const cutoff = new Date(now.getTime() - 3 * 3_600_000).toISOString();
  const facilitating: FacilitatorDay[] = [];
  const participating: ParticipantCohort[] = [];
  // The facilitator's day is about the next session, whichever cohort it belongs to: one indexed query
  // finds it, so a facilitator of many cohorts does not load every cohort's plan.
  const facilitated = actor.cohortRoles.filter((g) => g.role === 'facilitator').map((g) => g.cohortId);
  if (facilitated.length) {
    const soonest = await deps.db
      .selectFrom('cohort_sessions')
      .select('cohort_id')
      .where('cohort_id', 'in', facilitated)
      .where('starts_at', '>=', cutoff)
      .orderBy('starts_at')
      .limit(1)
      .executeTakeFirst();
    const cohort = soonest ? await getCohort(deps.db, soonest.cohort_id) : undefined;
    if (cohort) {
      const plan = await cohortPlan(deps.db, cohort);
      const next = plan.sessions.filter((s) => s.startsAt && s.startsAt >= cutoff).sort((a, b) => a.startsAt!.localeCompare(b.startsAt!))[0];
      if (next) {
        const participants = await cohortParticipants(deps.db, cohort.id);
        facilitating.push({ cohort, slug: plan.slug, next, participants, notes: overlapNotes(plan.sessions, next) });
      }
    }
  }
  // Each of a participant's cohorts, their plans and the participant's own marks: three queries however many.
  const mine = await getCohorts(
    deps.db,
    actor.cohortRoles.filter((g) => g.role === 'participant').map((g) => g.cohortId),
  );
  const plans = await cohortPlans(deps.db, mine);
  const marks = mine.length
    ? await cohortAttendance(
        deps.db,
        mine.map((c) => c.id),
        actor.id,
      )
    : new Map();
  // The newest cohort first: the course under way matters more than one finished.
  for (const cohort of mine.sort((a, b) => b.starts_on.localeCompare(a.starts_on))) {
    const plan = plans.get(cohort.id)!;
    const next = plan.sessions.filter((s) => s.startsAt && s.startsAt >= cutoff).sort((a, b) => a.startsAt!.localeCompare(b.startsAt!))[0];
    const past = plan.sessions.filter((s) => s.startsAt && s.startsAt < now.toISOString());
    participating.push({ cohort, slug: plan.slug, next, past, attendance: attendanceSummary(plan.sessions, marks, actor.id, now) });
  }
  return { facilitating, participating };
}

export function FacilitatorDayView({ days }: { days: FacilitatorDay[] }) {
  return (
    <>
      {days.map(({ cohort, slug, next, participants, notes }) => (
        <section class="day" aria-labelledby={`day-${cohort.id}`}>
          <h2 id={`day-${cohort.id}`}>Your next session: {next.session.title}</h2>
          <p>
            <strong>{formatInZone(next.startsAt!, cohort.time_zone)}</strong> · {cohort.name}
            {next.place || cohort.venue ? ` · ${next.place || cohort.venue}` : ''}
          </p>
          <ContentNotes notes={next.session.contentNotes} />
          <p class="actions">
            <a href={`/programmes/${slug}/sessions/${next.session.id}/guide?version=${cohort.version_number}`}>Facilitator guide</a>
            <a href={`/programmes/${slug}/sessions/${next.session.id}/present?version=${cohort.version_number}`}>Present</a>
            <a href={`/cohorts/${cohort.id}/sessions/${next.id}/register`}>Register</a>
            <a href={`/cohorts/${cohort.id}/sessions/${next.id}/facilitate`}>Co-facilitation plan, notes and debrief</a>
          </p>
          {notes.length ? (
            <div class="overlap-notes">
              <h3>Your group has met some of this before</h3>
              <ul>
                {notes.map((n) => (
                  <li>
                    “{n.knowledge}” came up in {n.metIn} ({n.module}) on {formatInZone(n.on, cohort.time_zone)}. Build on it rather than repeat it.
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <h3>Who is coming ({participants.length})</h3>
          {participants.length === 0 ? <p>No participants yet.</p> : null}
          <ul>
            {participants.map((p) => (
              <li>{p.name}</li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function ParticipantHomeView({ cohorts }: { cohorts: ParticipantCohort[] }) {
  return (
    <>
      {cohorts.map(({ cohort, slug, next, past, attendance }) => (
        <section class="day" aria-labelledby={`mine-${cohort.id}`}>
          <h2 id={`mine-${cohort.id}`}>
            Your cohort: <a href={`/cohorts/${cohort.id}`}>{cohort.name}</a>
          </h2>
          {next ? (
            <>
              <h3>Next session: {next.session.title}</h3>
              <p>
                <strong>{formatInZone(next.startsAt!, cohort.time_zone)}</strong>
              </p>
              <ContentNotes notes={next.session.contentNotes} />
              <p>
                <a href={`/cohorts/${cohort.id}/sessions/${next.id}`}>What to expect</a>
              </p>
            </>
          ) : (
            <p>No upcoming sessions are scheduled yet.</p>
          )}
          <h3>Your attendance</h3>
          {attendance.percent === null ? (
            <p>No sessions have been held yet.</p>
          ) : (
            <p class="attendance">
              You have attended {attendance.attended} of {attendance.held} sessions so far: <strong>{attendance.percent}%</strong>. The course asks for at least{' '}
              {cohort.attendance_threshold}%.
              {attendance.percent < cohort.attendance_threshold
                ? ' If you missed a session, its lesson is below. Talk to your facilitator if something is getting in the way.'
                : ''}
            </p>
          )}
          {past.length ? (
            <>
              <h3>Past sessions</h3>
              <ul>
                {past.map((s) => (
                  <li>
                    <a href={`/programmes/${slug}/sessions/${s.session.id}?version=${cohort.version_number}`}>{s.session.title}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}
    </>
  );
}
