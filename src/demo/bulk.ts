// Writing many rows straight through the schema: people, and cohorts with their members, weekly
// sessions and attendance. Shared by the demo (`npm run demo`) and the benchmark's generator, which
// need the same shapes at very different sizes; both build from a published programme version, so
// the rows point at sessions that exist.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A small seeded generator, so every run builds the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inserts rows in batches small enough for either engine's limit on bound parameters. */
export async function insertAll<T extends keyof DB>(db: Kysely<DB>, table: T, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 400) as never)
      .execute();
}

export interface PersonSpec {
  id: string;
  email: string;
  name: string;
  /** Organisation role, or null for someone who takes part only through cohorts. */
  role: string | null;
}

/**
 * An active account row. Everyone made in one go shares one password hash, so making thousands of
 * people does not spend minutes hashing.
 */
export const personRow = (p: PersonSpec, passwordHash: string, stamp: string) => ({
  ...p,
  status: 'active',
  password_hash: passwordHash,
  created_at: stamp,
  updated_at: stamp,
  password_changed_at: stamp,
  deactivated_at: null,
});

/** A journal entry row: a participant's reflection, private unless `shared`. */
export const journalRow = (e: { id: string; userId: string; cohortSessionId: string | null; title: string; text: string; shared: boolean }, stamp: string) => ({
  id: e.id,
  user_id: e.userId,
  cohort_session_id: e.cohortSessionId,
  title: e.title,
  text: e.text,
  shared: e.shared ? 1 : 0,
  created_at: stamp,
  updated_at: stamp,
});

export interface CohortSpec {
  id: string;
  name: string;
  programmeId: string;
  versionNumber: number;
  /** The modules taken, in order (ids of the version's modules). */
  moduleIds: string[];
  /** Every session of those modules, in the order the cohort takes them. */
  sessions: { moduleId: string; sessionId: string }[];
  /** When the first session starts, and the gap to each next one, in epoch milliseconds. */
  firstStartMs: number;
  intervalMs: number;
  durationMinutes: number;
  venue: string;
  place: string;
  capacity: number | null;
  createdBy: string;
  facilitators: { userId: string; lead: boolean }[];
  participants: string[];
  /** Members in other cohort roles (assessor, verifier). */
  others?: { userId: string; role: string }[];
  /** Sessions that started before this are held and get a mark for every participant. */
  now: string;
  /** The mark of one participant at one held session, asked session by session, participant by participant. */
  attendance: (sessionIndex: number, participantIndex: number) => string;
  markedBy: string;
  stamp: string;
}

/** The rows of one cohort: the cohort, its members, its scheduled sessions and the marks of those held. */
export function cohortRows(c: CohortSpec) {
  const member = (userId: string, role: string, key: string, lead: boolean, livedExperience: boolean) => ({
    id: `m-${c.id}-${key}`,
    cohort_id: c.id,
    user_id: userId,
    role,
    is_lead: lead ? 1 : 0,
    lived_experience: livedExperience ? 1 : 0,
    created_at: c.stamp,
  });
  const members = [
    ...c.facilitators.map((f) => member(f.userId, 'facilitator', `f-${f.userId}`, f.lead, true)),
    ...c.participants.map((p) => member(p, 'participant', p, false, false)),
    ...(c.others ?? []).map((o) => member(o.userId, o.role, `${o.role}-${o.userId}`, false, false)),
  ];
  const sessions: Record<string, unknown>[] = [];
  const marks: Record<string, unknown>[] = [];
  c.sessions.forEach((s, i) => {
    const id = `${c.id}-s${i}`;
    const startsAt = new Date(c.firstStartMs + i * c.intervalMs).toISOString();
    sessions.push({
      id,
      cohort_id: c.id,
      position: i + 1,
      module_id: s.moduleId,
      session_id: s.sessionId,
      starts_at: startsAt,
      duration_minutes: c.durationMinutes,
      place: c.place,
      bring: '',
      sequence: 0,
      updated_at: c.stamp,
    });
    if (startsAt < c.now)
      c.participants.forEach((p, j) =>
        marks.push({ cohort_session_id: id, user_id: p, status: c.attendance(i, j), marked_by: c.markedBy, marked_at: startsAt }),
      );
  });
  const last = c.firstStartMs + Math.max(c.sessions.length - 1, 0) * c.intervalMs;
  const cohort = {
    id: c.id,
    name: c.name,
    programme_id: c.programmeId,
    version_number: c.versionNumber,
    plan_modules: c.moduleIds.join(','),
    mode: 'in_person',
    venue: c.venue,
    joining_link: '',
    capacity: c.capacity,
    starts_on: new Date(c.firstStartMs).toISOString().slice(0, 10),
    ends_on: new Date(last).toISOString().slice(0, 10),
    attendance_threshold: 80,
    time_zone: 'Europe/London',
    created_at: c.stamp,
    updated_at: c.stamp,
    created_by: c.createdBy,
    interest_open: 0,
  };
  return { cohort, members, sessions, marks };
}

/** Writes the rows of several cohorts, table by table. */
export async function insertCohorts(db: Kysely<DB>, cohorts: ReturnType<typeof cohortRows>[]): Promise<void> {
  await insertAll(
    db,
    'cohorts',
    cohorts.map((c) => c.cohort),
  );
  await insertAll(
    db,
    'cohort_members',
    cohorts.flatMap((c) => c.members),
  );
  await insertAll(
    db,
    'cohort_sessions',
    cohorts.flatMap((c) => c.sessions),
  );
  await insertAll(
    db,
    'attendance_marks',
    cohorts.flatMap((c) => c.marks),
  );
}
