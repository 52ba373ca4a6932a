import { sql, type Kysely } from 'kysely';
import { engineOf } from '../src/db/engine.ts';
import type { DB } from '../src/db/schema.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { getProgrammeRow, getPublishedVersion } from '../src/features/curriculum/queries.ts';
import { cohortRows, insertAll, insertCohorts, journalRow, personRow, seededRandom } from '../src/demo/bulk.ts';

export const BENCH_PASSWORD = 'bench password words';

// Every participant has taken two courses, so a cohort holds two blocks of participants: 10,000
// people across 500 cohorts of 40. Three cohorts in four have finished (every session marked) and the
// rest are part way through, which is how the large set reaches about 200,000 attendance marks.
export const SIZES = {
  small: { cohorts: 5, participants: 100, facilitators: 4, journalPerParticipant: 5 },
  large: { cohorts: 500, participants: 10_000, facilitators: 40, journalPerParticipant: 5 },
} as const;
export type Size = keyof typeof SIZES;

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
  const rand = seededRandom(seed);
  const hash = await hashPassword(BENCH_PASSWORD);
  const stamp = now.toISOString();
  const programme = (await getProgrammeRow(db, 'peer-support-training'))!;
  const version = (await getPublishedVersion(db, programme.id))!;
  const sessions = version.programme.modules[0]!.sessions;
  const person = (role: string | null, i: number, kind: string) =>
    personRow({ id: `${kind}-${i}`, email: `${kind}${i}@bench.example`, name: `${kind.charAt(0).toUpperCase()}${kind.slice(1)} ${i}`, role }, hash, stamp);
  const users = [person('coordinator', 0, 'coordinator'), ...Array.from({ length: s.facilitators }, (_, i) => person(null, i, 'facilitator'))];
  const participants = s.participants;
  const block = Math.floor(participants / s.cohorts);
  for (let i = 0; i < participants; i++) users.push(person(null, i, 'participant'));
  await insertAll(db, 'users', users);

  const module = version.programme.modules[0]!;
  const cohorts: ReturnType<typeof cohortRows>[] = [];
  const week = 7 * 24 * 3_600_000;
  let runningCohort = -1;
  for (let c = 0; c < s.cohorts; c++) {
    const finished = c % 4 !== 3;
    if (!finished && runningCohort < 0) runningCohort = c;
    // A finished cohort ended some weeks ago; a running one has held between 5 and 10 of its sessions.
    const held = finished ? sessions.length : 5 + Math.floor(rand() * 6);
    const weeksAgo = finished ? sessions.length + 2 + Math.floor(rand() * 52) : held - 1;
    const first = now.getTime() - weeksAgo * week - 3_600_000 - Math.floor(rand() * 6) * 3_600_000;
    const lead = c % s.facilitators;
    // This cohort's own block of participants, and the block of the cohort half the list away.
    const other = (c + Math.floor(s.cohorts / 2)) % s.cohorts;
    cohorts.push(
      cohortRows({
        id: `cohort-${c}`,
        name: `Cohort ${c}`,
        programmeId: programme.id,
        versionNumber: version.number,
        moduleIds: [module.id],
        sessions: sessions.map((sess) => ({ moduleId: module.id, sessionId: sess.id })),
        firstStartMs: first,
        intervalMs: week,
        durationMinutes: 120,
        venue: 'Community hall',
        place: 'Room 1',
        capacity: 2 * block,
        createdBy: 'coordinator-0',
        facilitators: [lead, (c + 1) % s.facilitators].map((f) => ({ userId: `facilitator-${f}`, lead: f === lead })),
        participants: [c, other].flatMap((b) => Array.from({ length: block }, (_, i) => `participant-${b * block + i}`)),
        now: stamp,
        attendance: () => (rand() < 0.85 ? 'present' : 'absent_notice'),
        markedBy: `facilitator-${lead}`,
        stamp,
      }),
    );
  }
  await insertCohorts(db, cohorts);
  const marks = cohorts.reduce((n, c) => n + c.marks.length, 0);

  const consents = [];
  const journal = [];
  const stories = [];
  const versions = [];
  for (let i = 0; i < participants; i++) {
    const uid = `participant-${i}`;
    consents.push({ id: `consent-${i}`, user_id: uid, purpose: 'keep_writing', text_version: 1, given_at: stamp, withdrawn_at: null });
    for (let j = 0; j < s.journalPerParticipant; j++) {
      journal.push(
        journalRow(
          {
            id: `j-${i}-${j}`,
            userId: uid,
            cohortSessionId: null,
            title: `Reflection ${j}`,
            text: 'Thinking about what helped this week. '.repeat(10),
            shared: rand() < 0.2,
          },
          stamp,
        ),
      );
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
    counts: { users: users.length, cohorts: cohorts.length, attendance: marks, journal: journal.length, storyVersions: versions.length },
    coordinatorEmail: 'coordinator0@bench.example',
    facilitatorEmail: `facilitator${runningCohort % s.facilitators}@bench.example`,
    participantEmail: `participant${runningCohort * block}@bench.example`,
    cohortId: 'cohort-0',
  };
}
