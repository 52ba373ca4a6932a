// The demo: a fictional organisation in a fresh database, so someone looking around sees the app as
// it is used part way through two courses. Only ever run against an empty installation (see the
// refusal below): the example content is published as new versions of the default programmes in
// that database, never into a real one.
import type { Deps } from '../types.ts';
import type { Actor, CohortRole } from '../policies/actor.ts';
import { hashPassword } from '../auth/passwords.ts';
import { getProgrammeRow, getPublishedVersion, loadDefaultContent, publishProgramme, updateDraft } from '../features/curriculum/index.ts';
import { changeConsents, createStory, setStorySharing } from '../features/private/index.ts';
import { addExampleContent, ex } from './content.ts';
import { cohortRows, insertAll, insertCohorts, journalRow, personRow, seededRandom } from './bulk.ts';

/** The example organisation. Its name, like every person's, says it is made up. */
export const ORGANISATION = 'Brightwater Peer Network (a fictional example)';

/** Raised when the database already holds people: the demo never mixes into a real installation. */
export class DemoRefused extends Error {}

export interface DemoPerson {
  key: string;
  /** What they do, in the words the sign-in list shows. */
  does: string;
  name: string;
  email: string;
  orgRole: 'administrator' | 'coordinator' | 'partner' | null;
}

export interface Demo {
  organisation: string;
  /** Every example person signs in with this password. */
  password: string;
  people: DemoPerson[];
  cohorts: { id: string; name: string }[];
}

const person = (key: string, does: string, first: string, orgRole: DemoPerson['orgRole'] = null): DemoPerson => ({
  key,
  does,
  name: `${first} Example`,
  email: `${key}@brightwater.example`,
  orgRole,
});

/** The example people, in the order the sign-in list shows them. */
export const DEMO_PEOPLE: DemoPerson[] = [
  person('administrator', 'Administrator: accounts and settings', 'Ada', 'administrator'),
  person('coordinator', 'Coordinator: runs the programmes and cohorts', 'Cora', 'coordinator'),
  person('partner', 'Partner: sees outcomes only', 'Pat', 'partner'),
  person('safeguarding', 'Safeguarding lead: reads safeguarding concerns', 'Sam'),
  person('facilitator', 'Facilitator: leads the Peer Support Training cohort, co-facilitates Peer 2 Peer', 'Fran'),
  person('facilitator2', 'Facilitator: leads the Peer 2 Peer cohort, co-facilitates Peer Support Training', 'Femi'),
  person('assessor', 'Assessor in the Peer Support Training cohort', 'Asha'),
  person('verifier', 'Internal verifier in the Peer Support Training cohort', 'Vic'),
  person('participant', 'Participant in Peer Support Training (story shared, journal)', 'Priya'),
  person('participant2', 'Participant in Peer Support Training (private story)', 'Tom'),
  person('participant3', 'Participant in Peer Support Training', 'Lena'),
  person('participant4', 'Participant in both cohorts', 'Omar'),
  person('participant5', 'Participant in both cohorts', 'Grace'),
  person('participant6', 'Participant in Peer 2 Peer', 'Ravi'),
  person('participant7', 'Participant in Peer 2 Peer', 'Nell'),
];

const id = (key: string) => `demo-${key}`;
const DAY = 24 * 3_600_000;
const WEEK = 7 * DAY;
const ATTENDANCE = ['present', 'present', 'present', 'present', 'present', 'late', 'absent_notice', 'present', 'absent'];

function actorOf(key: string, grants: { cohortId: string; role: CohortRole }[] = []): Actor {
  const p = DEMO_PEOPLE.find((x) => x.key === key)!;
  return { id: id(key), name: p.name, email: p.email, role: p.orgRole, cohortRoles: grants };
}

/** Publishes a new version of a default programme with the example lesson text and Mini Knowledge. */
async function publishExampleVersion(deps: Deps, author: Actor, slug: string) {
  const row = await getProgrammeRow(deps.db, slug);
  if (!row) throw new Error(`The default programme ${slug} is missing`);
  const edited = await updateDraft(deps, author, row.id, row.draft_revision, addExampleContent);
  if (!edited.ok) throw new Error(`The example content of ${slug} was refused: ${edited.reason === 'invalid' ? edited.message : edited.reason}`);
  await publishProgramme(deps, author, row.id, ex('lesson text and Mini Knowledge written for the demo, not by the programme team.'));
  return { programmeId: row.id, version: (await getPublishedVersion(deps.db, row.id))! };
}

/**
 * Builds the example organisation in an empty database: people in every role, a Peer Support
 * Training and a Peer 2 Peer cohort part way through, example curriculum, private writing, and a
 * safeguarding concern. Refuses (DemoRefused) when anyone already has an account.
 */
export async function buildDemo(deps: Deps, options: { password?: string } = {}): Promise<Demo> {
  const existing = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) throw new DemoRefused('this database already has people in it. The demo only builds into a new, empty installation.');
  await loadDefaultContent(deps);
  const password = options.password ?? `demo-${crypto.randomUUID().slice(0, 8)}`;
  const now = deps.clock.now();
  const stamp = now.toISOString();
  const hash = await hashPassword(password);
  await insertAll(
    deps.db,
    'users',
    DEMO_PEOPLE.map((p) => personRow({ id: id(p.key), email: p.email, name: p.name, role: p.orgRole }, hash, stamp)),
  );

  const coordinator = actorOf('coordinator');
  const pst = await publishExampleVersion(deps, coordinator, 'peer-support-training');
  const p2p = await publishExampleVersion(deps, coordinator, 'peer-2-peer');

  // Sessions at 17:00 UTC each week. Five of the training's sessions are held and the next is in two
  // days; Peer 2 Peer has held three and meets again in four, so the facilitators' next sessions differ.
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 17);
  const rand = seededRandom(2026);
  const attendance = () => ATTENDANCE[Math.floor(rand() * ATTENDANCE.length)]!;
  const common = {
    intervalMs: WEEK,
    durationMinutes: 120,
    capacity: 12,
    createdBy: coordinator.id,
    now: stamp,
    attendance,
    stamp,
  };
  const pstModules = pst.version.programme.modules;
  const p2pModules = p2p.version.programme.modules.filter((m) => !m.preProgramme);
  const trainingCohort = cohortRows({
    ...common,
    id: 'demo-cohort-training',
    name: ex('Peer Support Training, autumn group'),
    programmeId: pst.programmeId,
    versionNumber: pst.version.number,
    moduleIds: pstModules.map((m) => m.id),
    sessions: pstModules.flatMap((m) => m.sessions.map((s) => ({ moduleId: m.id, sessionId: s.id }))),
    firstStartMs: today - 5 * WEEK + 2 * DAY,
    venue: 'Brightwater Community Hall (example)',
    place: 'Room 2 (example)',
    facilitators: [
      { userId: id('facilitator'), lead: true },
      { userId: id('facilitator2'), lead: false },
    ],
    participants: ['participant', 'participant2', 'participant3', 'participant4', 'participant5'].map(id),
    others: [
      { userId: id('assessor'), role: 'assessor' },
      { userId: id('verifier'), role: 'verifier' },
    ],
    markedBy: id('facilitator'),
  });
  const peerCohort = cohortRows({
    ...common,
    id: 'demo-cohort-peer-2-peer',
    name: ex('Peer 2 Peer, evening group'),
    programmeId: p2p.programmeId,
    versionNumber: p2p.version.number,
    moduleIds: p2pModules.map((m) => m.id),
    sessions: p2pModules.flatMap((m) => m.sessions.map((s) => ({ moduleId: m.id, sessionId: s.id }))),
    firstStartMs: today - 3 * WEEK + 4 * DAY,
    venue: 'Brightwater Library meeting room (example)',
    place: '',
    facilitators: [
      { userId: id('facilitator2'), lead: true },
      { userId: id('facilitator'), lead: false },
    ],
    participants: ['participant4', 'participant5', 'participant6', 'participant7'].map(id),
    markedBy: id('facilitator2'),
  });
  await insertCohorts(deps.db, [trainingCohort, peerCohort]);

  // Private writing goes through the private space's own rules: consent first, then the story.
  const trainingId = trainingCohort.cohort.id;
  const priya = actorOf('participant', [{ cohortId: trainingId, role: 'participant' }]);
  const tom = actorOf('participant2', [{ cohortId: trainingId, role: 'participant' }]);
  await changeConsents(deps, priya, new Set(['keep_writing', 'share_with_facilitators']));
  await changeConsents(deps, tom, new Set(['keep_writing']));
  const shared = await createStory(deps, priya, {
    title: ex('Where I am now'),
    text: ex(
      'This is a made-up recovery story, written for the demo.\n\nA few years ago I could not have imagined standing up in a group. What helped was meeting people who had been there too.',
    ),
  });
  if (!shared.ok) throw new Error('The example story was refused');
  await setStorySharing(deps, priya, shared.storyId, true);
  const kept = await createStory(deps, tom, { title: ex('My story so far'), text: ex('A made-up story that Tom keeps private: only he can read it.') });
  if (!kept.ok) throw new Error('The example story was refused');

  // The journal and safeguarding have no commands to call yet, so their rows are written as their pages write them.
  const heldSession = trainingCohort.sessions[2]!.id as string;
  const journal = (key: string, n: number, title: string, text: string, shared: boolean, cohortSessionId: string | null) =>
    journalRow({ id: `demo-journal-${key}-${n}`, userId: id(key), cohortSessionId, title: ex(title), text: ex(text), shared }, stamp);
  await insertAll(deps.db, 'journal_entries', [
    journal('participant', 1, 'After the personal recovery session', 'Talking about what helped me was harder than I expected, and better.', true, heldSession),
    journal('participant', 2, 'A private note', 'Something I am not ready to share yet.', false, null),
    journal('participant2', 1, 'First week', 'I nearly did not come. I am glad I did.', false, null),
  ]);
  await insertAll(deps.db, 'safeguarding_leads', [{ user_id: id('safeguarding'), added_by: id('administrator'), added_at: stamp }]);
  await insertAll(deps.db, 'safeguarding_concerns', [
    {
      id: 'demo-concern-1',
      cohort_id: trainingId,
      subject_user_id: id('participant2'),
      raised_by: id('facilitator'),
      what_happened: ex('In the break Tom said he had not been sleeping and felt he was struggling to cope. This is made up for the demo.'),
      immediate_risk: 'no',
      action_taken: ex('I listened, showed him the crisis contacts on the Help page, and we agreed to talk again before the next session.'),
      created_at: stamp,
      acknowledged_by: null,
      acknowledged_at: null,
      outcome: null,
      outcome_at: null,
    },
  ]);

  return {
    organisation: ORGANISATION,
    password,
    people: DEMO_PEOPLE,
    cohorts: [trainingCohort, peerCohort].map((c) => ({ id: c.cohort.id, name: c.cohort.name })),
  };
}
