import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { getProgrammeRow, getPublishedVersion } from '../src/features/curriculum/queries.ts';

export const BENCH_PASSWORD = 'bench password words';

export const SIZES = {
  small: { cohorts: 5, participantsPerCohort: 20, facilitators: 4, journalPerParticipant: 5 },
  large: { cohorts: 500, participantsPerCohort: 20, facilitators: 40, journalPerParticipant: 5 },
} as const;
export type Size = keyof typeof SIZES;

/** A small seeded generator, so every run builds the same data. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertAll<T extends keyof DB>(db: Kysely<DB>, table: T, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 400) as never)
      .execute();
}

export interface Generated {
  coordinatorEmail: string;
  facilitatorEmail: string;
  participantEmail: string;
  cohortId: string;
}

/**
 * Writes a deterministic data set through the app's schema: cohorts of the Peer Support Training
 * course with weekly sessions (half held), members, attendance, journal entries and story versions.
 * Everyone shares one password hash so generation does not spend minutes hashing.
 */
export async function generate(db: Kysely<DB>, size: Size, now: Date, seed = 42): Promise<Generated> {
  const s = SIZES[size];
  const rand = random(seed);
  const hash = await hashPassword(BENCH_PASSWORD);
  const stamp = now.toISOString();
  const programme = (await getProgrammeRow(db, 'peer-support-training'))!;
  const version = (await getPublishedVersion(db, programme.id))!;
  const sessions = version.programme.modules[0]!.sessions;
  const user = (role: string | null, i: number, kind: string) => ({
    id: `${kind}-${i}`,
    email: `${kind}${i}@bench.example`,
    name: `${kind.charAt(0).toUpperCase()}${kind.slice(1)} ${i}`,
    role,
    status: 'active',
    password_hash: hash,
    created_at: stamp,
    updated_at: stamp,
    password_changed_at: stamp,
    deactivated_at: null,
  });
  const users = [user('coordinator', 0, 'coordinator'), ...Array.from({ length: s.facilitators }, (_, i) => user(null, i, 'facilitator'))];
  const participants = s.cohorts * s.participantsPerCohort;
  for (let i = 0; i < participants; i++) users.push(user(null, i, 'participant'));
  await insertAll(db, 'users', users);

  const cohorts: Record<string, unknown>[] = [];
  const cohortSessions: Record<string, unknown>[] = [];
  const members: Record<string, unknown>[] = [];
  const marks: Record<string, unknown>[] = [];
  const week = 7 * 24 * 3_600_000;
  for (let c = 0; c < s.cohorts; c++) {
    const id = `cohort-${c}`;
    // Every cohort is half way through: its first sessions are past, the rest to come.
    const first = now.getTime() - Math.floor(sessions.length / 2) * week + Math.floor(rand() * 6) * 3_600_000;
    cohorts.push({
      id,
      name: `Cohort ${c}`,
      programme_id: programme.id,
      version_number: version.number,
      plan_modules: version.programme.modules[0]!.id,
      mode: 'in_person',
      venue: 'Community hall',
      joining_link: '',
      capacity: 24,
      starts_on: new Date(first).toISOString().slice(0, 10),
      ends_on: new Date(first + sessions.length * week).toISOString().slice(0, 10),
      attendance_threshold: 80,
      time_zone: 'Europe/London',
      created_at: stamp,
      updated_at: stamp,
      created_by: 'coordinator-0',
      interest_open: 0,
    });
    for (const f of [c % s.facilitators, (c + 1) % s.facilitators]) {
      members.push({
        id: `m-${id}-f${f}`,
        cohort_id: id,
        user_id: `facilitator-${f}`,
        role: 'facilitator',
        is_lead: f === c % s.facilitators ? 1 : 0,
        lived_experience: 1,
        created_at: stamp,
      });
    }
    const ps = Array.from({ length: s.participantsPerCohort }, (_, i) => `participant-${c * s.participantsPerCohort + i}`);
    for (const p of ps)
      members.push({ id: `m-${id}-${p}`, cohort_id: id, user_id: p, role: 'participant', is_lead: 0, lived_experience: 0, created_at: stamp });
    sessions.forEach((sess, i) => {
      const csId = `${id}-s${i}`;
      const startsAt = new Date(first + i * week).toISOString();
      cohortSessions.push({
        id: csId,
        cohort_id: id,
        position: i + 1,
        module_id: version.programme.modules[0]!.id,
        session_id: sess.id,
        starts_at: startsAt,
        duration_minutes: 120,
        place: 'Room 1',
        bring: '',
        sequence: 0,
        updated_at: stamp,
      });
      if (startsAt < stamp) {
        for (const p of ps)
          marks.push({
            cohort_session_id: csId,
            user_id: p,
            status: rand() < 0.85 ? 'present' : 'absent_notice',
            marked_by: `facilitator-${c % s.facilitators}`,
            marked_at: startsAt,
          });
      }
    });
  }
  await insertAll(db, 'cohorts', cohorts);
  await insertAll(db, 'cohort_members', members);
  await insertAll(db, 'cohort_sessions', cohortSessions);
  await insertAll(db, 'attendance_marks', marks);

  const consents = [];
  const journal = [];
  const stories = [];
  const versions = [];
  for (let i = 0; i < participants; i++) {
    const uid = `participant-${i}`;
    consents.push({ id: `consent-${i}`, user_id: uid, purpose: 'keep_writing', text_version: 1, given_at: stamp, withdrawn_at: null });
    for (let j = 0; j < s.journalPerParticipant; j++) {
      journal.push({
        id: `j-${i}-${j}`,
        user_id: uid,
        cohort_session_id: null,
        title: `Reflection ${j}`,
        text: 'Thinking about what helped this week. '.repeat(10),
        shared: rand() < 0.2 ? 1 : 0,
        created_at: stamp,
        updated_at: stamp,
      });
      versions.push({
        id: `sv-${i}-${j}`,
        story_id: `story-${i}`,
        user_id: uid,
        number: j + 1,
        text: 'My story, a little further on. '.repeat(20),
        created_at: stamp,
      });
    }
    stories.push({
      id: `story-${i}`,
      user_id: uid,
      title: 'Where I am now',
      shared: 0,
      current_version: s.journalPerParticipant,
      created_at: stamp,
      updated_at: stamp,
    });
  }
  await insertAll(db, 'consent_records', consents);
  await insertAll(db, 'journal_entries', journal);
  await insertAll(db, 'stories', stories);
  await insertAll(db, 'story_versions', versions);
  return {
    coordinatorEmail: 'coordinator0@bench.example',
    facilitatorEmail: 'facilitator0@bench.example',
    participantEmail: 'participant0@bench.example',
    cohortId: 'cohort-0',
  };
}
