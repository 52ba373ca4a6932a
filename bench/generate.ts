import { sql, type Kysely } from 'kysely';
import { engineOf } from '../src/db/engine.ts';
import type { DB } from '../src/db/schema.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { getProgrammeRow, getPublishedVersion } from '../src/features/curriculum/queries.ts';

export const BENCH_PASSWORD = 'bench password words';

// Every participant has taken two courses, so a cohort holds two blocks of participants: 10,000
// people across 500 cohorts of 40. Three cohorts in four have finished (every session marked) and the
// rest are part way through, which is how the large set reaches about 200,000 attendance marks.
export const SIZES = {
  small: { cohorts: 5, participants: 100, facilitators: 4, journalPerParticipant: 5 },
  large: { cohorts: 500, participants: 10_000, facilitators: 40, journalPerParticipant: 5 },
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
  counts: Record<string, number>;
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
  const participants = s.participants;
  const block = Math.floor(participants / s.cohorts);
  for (let i = 0; i < participants; i++) users.push(user(null, i, 'participant'));
  await insertAll(db, 'users', users);

  const cohorts: Record<string, unknown>[] = [];
  const cohortSessions: Record<string, unknown>[] = [];
  const members: Record<string, unknown>[] = [];
  const marks: Record<string, unknown>[] = [];
  const week = 7 * 24 * 3_600_000;
  let runningCohort = -1;
  for (let c = 0; c < s.cohorts; c++) {
    const id = `cohort-${c}`;
    const finished = c % 4 !== 3;
    if (!finished && runningCohort < 0) runningCohort = c;
    // A finished cohort ended some weeks ago; a running one has held between 5 and 10 of its sessions.
    const held = finished ? sessions.length : 5 + Math.floor(rand() * 6);
    const weeksAgo = finished ? sessions.length + 2 + Math.floor(rand() * 52) : held - 1;
    const first = now.getTime() - weeksAgo * week - 3_600_000 - Math.floor(rand() * 6) * 3_600_000;
    cohorts.push({
      id,
      name: `Cohort ${c}`,
      programme_id: programme.id,
      version_number: version.number,
      plan_modules: version.programme.modules[0]!.id,
      mode: 'in_person',
      venue: 'Community hall',
      joining_link: '',
      capacity: 2 * block,
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
    // This cohort's own block of participants, and the block of the cohort half the list away.
    const other = (c + Math.floor(s.cohorts / 2)) % s.cohorts;
    const ps = [c, other].flatMap((b) => Array.from({ length: block }, (_, i) => `participant-${b * block + i}`));
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
  // A live PostgreSQL gathers planner statistics by itself (autovacuum) within a minute of a bulk load;
  // a freshly loaded benchmark database must not be measured before it has them.
  if (engineOf(db as Kysely<unknown>) === 'postgres') await sql`analyze`.execute(db);
  // The people the runner signs in as: someone in a running cohort, and that cohort's lead facilitator.
  return {
    counts: { users: users.length, cohorts: cohorts.length, attendance: marks.length, journal: journal.length, storyVersions: versions.length },
    coordinatorEmail: 'coordinator0@bench.example',
    facilitatorEmail: `facilitator${runningCohort % s.facilitators}@bench.example`,
    participantEmail: `participant${runningCohort * block}@bench.example`,
    cohortId: 'cohort-0',
  };
}
