import { strToU8 } from 'fflate';
import type { TestApp } from './app.ts';
import type { TestClient } from './client.ts';
import { createUser, lastMailTo, PASSWORD, signIn } from './factories.ts';
import { createCohortThreeThenTwo, seedCourse } from './cohorts.ts';
import { addActivity, addKnowledge, draftOf, revisionOf } from './curriculum.ts';

/** The people of the world, in the order the fuzz suite tries them for a route. */
export const ROLE_ORDER = ['administrator', 'coordinator', 'facilitatorA', 'participantA', 'safeguardingLead', 'partner'] as const;
export type Who = (typeof ROLE_ORDER)[number];

interface Person {
  id: string;
  email: string;
  client: TestClient;
}

/** Every id a route's path may need, made through the app's own forms wherever a form exists. */
export interface World {
  t: TestApp;
  people: Record<Who, Person>;
  /** Accounts nobody signs in as: the target of the account-management routes, and the other cohort's people. */
  victim: { id: string; email: string };
  /** A deactivated account (for reactivate) and an invited one (for resend). */
  deactivatedId: string;
  invitedId: string;
  facilitatorB: Person;
  participantB: Person;
  slug: string;
  programmeId: string;
  /** Module and session the authoring routes edit; the removable ones are used by nothing else. */
  moduleId: string;
  sessionId: string;
  removableModuleId: string;
  removableSessionId: string;
  knowledgeId: string;
  activityId: string;
  resourceId: string;
  assignmentId: string;
  fileId: string;
  cohortA: string;
  cohortB: string;
  storyId: string;
  journalEntryId: string;
  concernId: string;
  crisisContactId: string;
  interestEntryId: string;
  placeToken: string;
  invitationToken: string;
  resetToken: string;
  /** Participant A's certificate, from a finished cohort of her own (cohort C), and its verification code. */
  certificateId: string;
  certificateCode: string;
  /** Puts back what an earlier route may have undone: login sessions, consent, sharing, the lead, the open interest form. */
  refresh(): Promise<void>;
  /** The first session of cohort A, looked up afresh: rescheduling or moving version may replace it. */
  cohortSessionA(): Promise<string>;
  /** Real ids from the world, for fuzzed fields that expect one. */
  someIds(): string[];
}

const ok = (what: string, res: { status: number; location: string | null }, expected = 303) => {
  if (res.status !== expected) throw new Error(`building the fuzz world: ${what} answered ${res.status} (${res.location ?? ''})`);
  return res;
};

const idFrom = (location: string | null, index: number) => location!.split('?')[0]!.split('/')[index]!;

const PDF = strToU8('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** Builds the realistic world the fuzz suite resolves path parameters against, once per engine. */
export async function buildWorld(t: TestApp): Promise<World> {
  const { programmeId, slug } = await seedCourse(t);

  const person = async (role: 'administrator' | 'coordinator' | 'partner' | null, name: string): Promise<Person> => {
    const user = await createUser(t.deps, { role, name });
    const client = t.client();
    await signIn(client, user.email);
    return { id: user.id, email: user.email, client };
  };
  const administrator = await person('administrator', 'Ada Administrator');
  const coordinator = await person('coordinator', 'Cole Coordinator');
  const partner = await person('partner', 'Parker Partner');
  const safeguardingLead = await person(null, 'Lee Lead');
  ok('naming the lead', await administrator.client.post('/admin/safeguarding-leads', { email: safeguardingLead.email }));
  const victimUser = await createUser(t.deps, { name: 'Vic Target' });

  const cohortA = await createCohortThreeThenTwo(t, coordinator.client, { name: 'Cohort A' });
  const cohortB = await createCohortThreeThenTwo(t, coordinator.client, { name: 'Cohort B' });
  const member = async (cohortId: string, role: 'facilitator' | 'participant', name: string): Promise<Person> => {
    const p = await person(null, name);
    ok(`adding ${name}`, await coordinator.client.post(`/cohorts/${cohortId}/members`, { name, email: p.email, role }));
    return p;
  };
  const facilitatorA = await member(cohortA, 'facilitator', 'Fran FacilitatorA');
  const participantA = await member(cohortA, 'participant', 'Pat ParticipantA');
  const facilitatorB = await member(cohortB, 'facilitator', 'Gil FacilitatorB');
  const participantB = await member(cohortB, 'participant', 'Bea ParticipantB');

  // Participant A's private space: consent, a shared story, a shared journal entry, a wellbeing plan and a stocktake.
  const pat = participantA.client;
  const consent = { keep_writing: 'yes', share_with_facilitators: 'yes' };
  ok('giving consent', await pat.post('/my/consent', consent));
  const story = ok('writing a story', await pat.post('/my/stories/new', { title: 'Where I am now', text: 'My story, in my words.', baseVersion: '0' }));
  const storyId = idFrom(story.location, 3);
  // A second version, so the first can be restored.
  ok('saving the story again', await pat.post(`/my/stories/${storyId}/save`, { title: 'Where I am now', text: 'A second draft.', baseVersion: '1' }));
  ok('sharing the story', await pat.post(`/my/stories/${storyId}/share`));
  const entry = ok('writing a journal entry', await pat.post('/my/journal', { title: 'A reflection', text: 'What helped this week.', session: '' }));
  const journalEntryId = idFrom(entry.location, 3);
  ok('sharing the journal entry', await pat.post(`/my/journal/${journalEntryId}/sharing`, { shared: 'yes' }));
  ok(
    'writing a wellbeing plan',
    await pat.post('/my/wellbeing', { keepsMeWell: 'Walking.', earlySigns: 'Sleeping badly.', whatHelps: 'Talking.', whoToContact: 'My sister.' }),
  );
  ok('sharing the wellbeing plan', await pat.post('/my/wellbeing/sharing', { shared: 'yes' }));
  ok('writing a stocktake', await pat.post(`/my/stocktake/${cohortA}`, {}));
  ok('sharing the stocktake', await pat.post(`/my/stocktake/${cohortA}/sharing`, { shared: 'yes' }));

  const concern = ok(
    'raising a concern',
    await facilitatorA.client.post(`/cohorts/${cohortA}/concerns/new`, {
      participant: participantA.id,
      whatHappened: 'Said something worrying.',
      immediateRisk: 'no',
      actionTaken: 'Listened.',
    }),
  );
  const concernId = idFrom(concern.location, 2);

  ok(
    'adding a crisis contact',
    await administrator.client.post('/admin/crisis-contacts/new', {
      name: 'Local crisis line',
      howToReach: 'Call 01234 567890',
      hours: 'Evenings',
      nations: ['England'],
      lastCheckedOn: '2026-11-20',
    }),
  );
  const crisisContactId = (await t.deps.db.selectFrom('crisis_contacts').select('id').where('name', '=', 'Local crisis line').executeTakeFirstOrThrow()).id;

  // Expressions of interest: one left waiting for the offer route, one offered to get a place link.
  ok('opening interest', await coordinator.client.post(`/cohorts/${cohortA}/interest/open`));
  for (const [name, email] of [
    ['Ann Applicant', 'ann.applicant@example.org'],
    ['Bo Applicant', 'bo.applicant@example.org'],
  ] as const)
    ok('expressing interest', await t.client().post(`/interest/${cohortA}`, { name, email, whyNow: 'It feels like the right time.' }), 200);
  const entries = await t.deps.db.selectFrom('cohort_interest').select(['id', 'email']).where('cohort_id', '=', cohortA).execute();
  const interestEntryId = entries.find((e) => e.email === 'ann.applicant@example.org')!.id;
  const bo = entries.find((e) => e.email === 'bo.applicant@example.org')!.id;
  ok('offering a place', await coordinator.client.post(`/cohorts/${cohortA}/interest/${bo}/offer`));
  const placeToken = (await lastMailTo(t.deps, 'bo.applicant@example.org')).link!.split('/')[2]!;

  ok('inviting someone', await administrator.client.post('/admin/users/invite', { name: 'Ivy Invitee', email: 'ivy.invitee@example.org', role: '' }));
  const invitationToken = (await lastMailTo(t.deps, 'ivy.invitee@example.org')).link!.split('/')[2]!;
  ok('inviting someone else', await administrator.client.post('/admin/users/invite', { name: 'Rae Resend', email: 'rae.resend@example.org', role: '' }));
  const invitedId = (await t.deps.db.selectFrom('users').select('id').where('email', '=', 'rae.resend@example.org').executeTakeFirstOrThrow()).id;
  const deactivated = await createUser(t.deps, { name: 'Dee Deactivated' });
  ok('deactivating someone', await administrator.client.post(`/admin/users/${deactivated.id}/deactivate`));
  const reset = await t.client().post('/password-reset', { email: victimUser.email });
  if (reset.status >= 400) throw new Error(`building the fuzz world: asking for a password reset answered ${reset.status}`);
  const resetToken = (await lastMailTo(t.deps, victimUser.email)).link!.split('/')[2]!;

  // A started draft: Mini Knowledge, an activity, a resource and a file on a session of Module three.
  const draft = await draftOf(t, slug);
  const three = draft.modules.find((m) => m.id === 'three') ?? draft.modules[2]!;
  const two = draft.modules.find((m) => m.id === 'two') ?? draft.modules[1]!;
  const one = draft.modules.find((m) => m.id === 'one') ?? draft.modules[0]!;
  const session = three.sessions[0]!;
  const author = coordinator.client;
  await addKnowledge(t, author, slug, session.id, {
    title: 'Fuzz knowledge',
    body: 'Background.',
    intentions: [session.learningIntentions[0]!.id],
  });
  await addActivity(t, author, slug, session.id, { title: 'Fuzz activity', participant: 'Talk in pairs.', facilitator: 'Keep time.' });
  ok(
    'adding a resource',
    await author.post(`/programmes/${slug}/draft/sessions/${session.id}/resources/new`, {
      revision: await revisionOf(t, slug),
      intent: 'save',
      title: 'Fuzz resource',
      url: 'https://example.org/resource',
      description: 'Useful.',
    }),
  );
  const upload = new FormData();
  upload.append('title', 'Fuzz worksheet');
  upload.append('file', new File([PDF], 'worksheet.pdf', { type: 'application/pdf' }));
  ok(
    'uploading a file',
    await author.request(`/programmes/${slug}/draft/sessions/${session.id}/files`, { method: 'POST', body: upload, headers: { origin: t.config.baseUrl } }),
  );
  ok(
    'adding an assignment',
    await author.post(`/programmes/${slug}/draft/sessions/${session.id}/assignments/new`, {
      revision: await revisionOf(t, slug),
      intent: 'save',
      title: 'Fuzz assignment',
      brief: 'Write about it.',
      criterionCount: '1',
      criterionText_0: 'Shows understanding.',
    }),
  );
  const edited = (await draftOf(t, slug)).modules.find((m) => m.id === three.id)!.sessions.find((s) => s.id === session.id)!;

  // Cohort C has finished: participant A attended every session and holds its certificate of completion.
  const cohortC = await createCohortThreeThenTwo(t, coordinator.client, { name: 'Cohort C' });
  ok(
    'adding participant A to cohort C',
    await coordinator.client.post(`/cohorts/${cohortC}/members`, { name: 'Pat ParticipantA', email: participantA.email, role: 'participant' }),
  );
  const sessionsC = await t.deps.db.selectFrom('cohort_sessions').select('id').where('cohort_id', '=', cohortC).orderBy('position').execute();
  const scheduleC: Record<string, string> = {};
  sessionsC.forEach((s, i) => {
    scheduleC[`date_${s.id}`] = `2026-11-${String(1 + 7 * i).padStart(2, '0')}`;
    scheduleC[`time_${s.id}`] = '10:00';
    scheduleC[`duration_${s.id}`] = '120';
  });
  ok('scheduling cohort C in the past', await coordinator.client.post(`/cohorts/${cohortC}/schedule`, scheduleC));
  for (const s of sessionsC)
    ok(
      'marking participant A present',
      await coordinator.client.post(`/cohorts/${cohortC}/sessions/${s.id}/register`, { [`mark_${participantA.id}`]: 'present' }),
    );
  ok('issuing a certificate', await coordinator.client.post(`/cohorts/${cohortC}/certificates`, { participant: participantA.id }));
  const certificate = await t.deps.db.selectFrom('certificates').select(['id', 'code']).where('cohort_id', '=', cohortC).executeTakeFirstOrThrow();

  const people: Record<Who, Person> = { administrator, coordinator, facilitatorA, participantA, safeguardingLead, partner };
  const cohortSessionA = async () =>
    (await t.deps.db.selectFrom('cohort_sessions').select('id').where('cohort_id', '=', cohortA).orderBy('position').executeTakeFirstOrThrow()).id;

  const world: World = {
    t,
    people,
    victim: { id: victimUser.id, email: victimUser.email },
    deactivatedId: deactivated.id,
    invitedId,
    facilitatorB,
    participantB,
    slug,
    programmeId,
    moduleId: three.id,
    sessionId: session.id,
    removableModuleId: one.id,
    removableSessionId: two.sessions[two.sessions.length - 1]!.id,
    knowledgeId: edited.miniKnowledge.find((k) => k.title === 'Fuzz knowledge')!.id,
    activityId: edited.activities.find((a) => a.title === 'Fuzz activity')!.id,
    resourceId: edited.resources.find((r) => r.title === 'Fuzz resource')!.id,
    assignmentId: edited.assignments.find((a) => a.title === 'Fuzz assignment')!.id,
    fileId: edited.files[0]!.id,
    cohortA,
    cohortB,
    storyId,
    journalEntryId,
    concernId,
    crisisContactId,
    interestEntryId,
    placeToken,
    invitationToken,
    resetToken,
    certificateId: certificate.id,
    certificateCode: certificate.code,
    cohortSessionA,
    someIds: () => [
      administrator.id,
      participantA.id,
      participantB.id,
      facilitatorB.id,
      victimUser.id,
      cohortA,
      cohortB,
      programmeId,
      storyId,
      journalEntryId,
      concernId,
      three.id,
      session.id,
    ],
    async refresh() {
      // Fuzzing the sign-in and reset forms slows the shared test address down; the world's own sign-ins must still work.
      await t.deps.db.deleteFrom('sign_in_backoffs').execute();
      await t.deps.db.deleteFrom('rate_limits').execute();
      for (const p of Object.values(people)) {
        const res = await p.client.get('/account');
        if (res.status !== 200) await signIn(p.client, p.email, PASSWORD);
      }
      await pat.post('/my/consent', consent);
      await pat.post(`/my/stories/${storyId}/share`);
      await pat.post(`/my/journal/${journalEntryId}/sharing`, { shared: 'yes' });
      await pat.post('/my/wellbeing/sharing', { shared: 'yes' });
      await pat.post(`/my/stocktake/${cohortA}/sharing`, { shared: 'yes' });
      const lead = await t.deps.db.selectFrom('safeguarding_leads').select('user_id').where('user_id', '=', safeguardingLead.id).executeTakeFirst();
      if (!lead) await administrator.client.post('/admin/safeguarding-leads', { email: safeguardingLead.email });
      await coordinator.client.post(`/cohorts/${cohortA}/interest/open`);
    },
  };
  return world;
}

/**
 * The real value for a path parameter of a POST route, keyed on the parameter's name (and the path where a name means
 * different things). An unknown name fails loudly, so a new route cannot slip through the fuzz suite unfuzzed.
 */
export async function resolveParam(world: World, path: string, name: string): Promise<string> {
  const under = (segment: string) => path.includes(`/${segment}/`);
  switch (name) {
    case 'slug':
      return world.slug;
    case 'moduleId':
      return world.moduleId;
    case 'sessionId':
      return world.sessionId;
    case 'partId':
      if (under('modules')) return world.removableModuleId;
      if (under('sessions')) return world.removableSessionId;
      break;
    case 'itemId':
      if (under('knowledge')) return world.knowledgeId;
      if (under('activities')) return world.activityId;
      if (under('resources')) return world.resourceId;
      if (under('shared-items')) return world.journalEntryId;
      break;
    case 'type':
    case 'kind':
      if (under('shared-items')) return 'journal';
      break;
    case 'assignmentId':
      return world.assignmentId;
    case 'fileId':
      return world.fileId;
    case 'cohortId':
      return world.cohortA;
    case 'csId':
      return world.cohortSessionA();
    case 'entryId':
      if (under('interest')) return world.interestEntryId;
      if (under('journal')) return world.journalEntryId;
      break;
    case 'userId':
      if (under('readiness')) return world.people.participantA.id;
      if (under('safeguarding-leads')) return world.people.safeguardingLead.id;
      break;
    case 'id':
      if (under('crisis-contacts')) return world.crisisContactId;
      if (under('users') && path.endsWith('/reactivate')) return world.deactivatedId;
      if (under('users') && path.endsWith('/resend')) return world.invitedId;
      if (under('users')) return world.victim.id;
      break;
    case 'storyId':
      return world.storyId;
    case 'n':
      return '1';
    case 'token':
      if (under('invitation')) return world.invitationToken;
      if (under('password-reset')) return world.resetToken;
      if (under('places')) return world.placeToken;
      break;
    case 'purpose':
      return 'keep_writing';
    case 'concernId':
      return world.concernId;
    case 'certificateId':
      return world.certificateId;
    case 'code':
      if (under('verify')) return world.certificateCode;
      break;
    case 'keyId':
      // The key that signed participant A's certificate, made when the world issued it.
      return (await world.t.deps.db.selectFrom('certificates').select('key_id').where('id', '=', world.certificateId).executeTakeFirstOrThrow()).key_id;
  }
  throw new Error(
    `No fuzz resolver for the path parameter :${name} of POST ${path}. Add one to resolveParam in tests/support/world.ts, ` +
      `returning a real id from the world (build the record in buildWorld through the app's own forms if it does not exist yet).`,
  );
}

/**
 * A route whose parameter is one of a few literal words (`:kind{knowledge|activities|resources}`)
 * stands for one route per word, each fuzzed with its own form and records.
 */
export function expandAlternatives(pattern: string): string[] {
  const match = pattern.match(/:\w+\{([\w-]+(?:\|[\w-]+)+)\}/);
  if (!match) return [pattern];
  return match[1]!.split('|').flatMap((word) => expandAlternatives(pattern.replace(match[0], word)));
}

/** A route pattern with its parameters filled from the world. */
export async function fillPath(world: World, pattern: string): Promise<string> {
  let out = '';
  for (const segment of pattern.split('/').slice(1)) {
    if (segment.startsWith(':')) {
      const name = segment.slice(1).replace(/\{.*$/, '').replace(/\?$/, '');
      out += `/${encodeURIComponent(await resolveParam(world, pattern, name))}`;
    } else out += `/${segment}`;
  }
  return out || '/';
}
