import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, lastMailTo, signIn } from './support/factories.ts';
import { createCohortThreeThenTwo, seedCourse } from './support/cohorts.ts';
import type { TestClient } from './support/client.ts';
import { formatDate } from '../src/lib/format.ts';

// Nobody grants themselves a role that opens someone else's health data or the safeguarding records:
// another person with the right has to, the grant is audited, and the people whose writing it opens
// are told in their "Who has read it".

let t: TestApp;
type Person = { user: { id: string; email: string; name: string }; browser: TestClient };
let cora: Person; // coordinator who made the cohort
let cole: Person; // another coordinator
let ada: Person; // administrator
let abe: Person; // another administrator
let pat: Person; // participant who shares a story
let fran: Person; // the cohort's facilitator
let cohortId: string;
let storyId: string;

const SECRET = 'PATS-SHARED-STORY-TEXT';
const CONCERN = 'DETAIL-OF-THE-CONCERN';

async function person(name: string, role: 'administrator' | 'coordinator' | null = null): Promise<Person> {
  const user = await createUser(t.deps, { name, role });
  const browser = t.client();
  await signIn(browser, user.email);
  return { user, browser };
}

async function add(by: Person, who: Person, role: 'facilitator' | 'participant' | 'assessor', cohort = cohortId) {
  return by.browser.post(`/cohorts/${cohort}/members`, { name: who.user.name, email: who.user.email, role });
}

/** The audited grants of data-opening cohort roles to one person. */
const grantsTo = (userId: string) =>
  t.deps.db
    .selectFrom('audit_events')
    .select(['actor_user_id', 'subject_user_id', 'target_type', 'target_id', 'details', 'occurred_at'])
    .where('action', '=', 'cohort_role_granted')
    .where('subject_user_id', '=', userId)
    .execute();

const memberships = (userId: string) => t.deps.db.selectFrom('cohort_members').select(['cohort_id', 'role']).where('user_id', '=', userId).execute();

beforeEach(async () => {
  t = await buildTestApp();
  await seedCourse(t);
  cora = await person('Cora Coordinator', 'coordinator');
  cole = await person('Cole Coordinator', 'coordinator');
  ada = await person('Ada Administrator', 'administrator');
  abe = await person('Abe Administrator', 'administrator');
  pat = await person('Pat Participant');
  fran = await person('Fran Facilitator');
  cohortId = await createCohortThreeThenTwo(t, cora.browser);
  expect((await add(cora, pat, 'participant')).status).toBe(303);
  expect((await add(cora, fran, 'facilitator')).status).toBe(303);
  await pat.browser.post('/my/consent', { keep_writing: 'yes', share_with_facilitators: 'yes' });
  const written = await pat.browser.post('/my/stories/new', { title: 'Where I am now', text: SECRET, baseVersion: '0' });
  storyId = written.location!.split('/')[3]!.split('?')[0]!;
  expect((await pat.browser.post(`/my/stories/${storyId}/share`)).status).toBe(303);
});
afterEach(async () => {
  await t.close();
});

describe('cohort roles that open health data', () => {
  it('a coordinator cannot make themselves a facilitator, and so cannot read what participants share', async () => {
    const typed = { name: 'Cora the facilitator', email: `  ${cora.user.email.toUpperCase()} `, role: 'facilitator', isLead: 'yes' };
    const refused = await cora.browser.post(`/cohorts/${cohortId}/members`, typed);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('You cannot make yourself a facilitator of this cohort');
    expect(refused.text).toContain('Ask another coordinator or an administrator');
    expect(refused.text).toContain('Cora the facilitator');
    expect(refused.text).toContain(cora.user.email.toUpperCase());
    expect(await memberships(cora.user.id)).toEqual([]);
    expect(await grantsTo(cora.user.id)).toEqual([]);

    const list = await cora.browser.get(`/cohorts/${cohortId}/shared`);
    expect(list.status).toBe(403);
    const story = await cora.browser.get(`/cohorts/${cohortId}/shared/${storyId}`);
    expect(story.status).toBe(403);
    expect(story.text).not.toContain(SECRET);
  });

  it('nor an assessor; an administrator cannot make themselves one either', async () => {
    const refused = await cora.browser.post(`/cohorts/${cohortId}/members`, { name: cora.user.name, email: cora.user.email, role: 'assessor' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('You cannot make yourself an assessor of this cohort');
    const byAdmin = await add(ada, ada, 'facilitator');
    expect(byAdmin.status).toBe(422);
    expect(await memberships(cora.user.id)).toEqual([]);
    expect(await memberships(ada.user.id)).toEqual([]);
    expect((await ada.browser.get(`/cohorts/${cohortId}/shared/${storyId}`)).status).toBe(403);
  });

  it('a coordinator may still enrol themselves as a participant: that opens no one else’s writing', async () => {
    expect((await add(cora, cora, 'participant')).status).toBe(303);
    expect(await memberships(cora.user.id)).toEqual([{ cohort_id: cohortId, role: 'participant' }]);
    expect((await cora.browser.get(`/cohorts/${cohortId}/shared/${storyId}`)).status).toBe(403);
    expect(await grantsTo(cora.user.id)).toEqual([]);
  });

  it('another coordinator may add them: the grant is audited and the participants are told in their read log', async () => {
    const added = await add(cole, cora, 'facilitator');
    expect(added.status).toBe(303);
    expect(await memberships(cora.user.id)).toEqual([{ cohort_id: cohortId, role: 'facilitator' }]);
    const audited = await grantsTo(cora.user.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actor_user_id: cole.user.id, subject_user_id: cora.user.id, target_type: 'cohort', target_id: cohortId });
    expect(JSON.parse(audited[0]!.details!)).toEqual({ role: 'facilitator' });

    const story = await cora.browser.get(`/cohorts/${cohortId}/shared/${storyId}`);
    expect(story.status).toBe(200);
    expect(story.text).toContain(SECRET);

    const own = await pat.browser.get(`/my/stories/${storyId}`);
    expect(own.text).toContain(
      `Cora Coordinator became a facilitator of Autumn cohort on ${formatDate(audited[0]!.occurred_at)}: they can read what you share with your facilitators`,
    );
    expect(own.text).toContain('Cora Coordinator read it on');
  });

  it('a grant is shown to that cohort’s participants only, and an assessor’s in words of its own', async () => {
    const other = await createCohortThreeThenTwo(t, cora.browser, { name: 'Spring cohort' });
    const sam = await person('Sam Elsewhere');
    expect((await add(cora, sam, 'participant', other)).status).toBe(303);
    await sam.browser.post('/my/consent', { keep_writing: 'yes', share_with_facilitators: 'yes' });
    const samsStory = (await sam.browser.post('/my/stories/new', { title: 'Mine', text: 'x', baseVersion: '0' })).location!.split('/')[3]!.split('?')[0]!;

    expect((await add(cole, cora, 'facilitator')).status).toBe(303);
    expect((await add(cora, cole, 'assessor')).status).toBe(303);

    const pats = await pat.browser.get(`/my/stories/${storyId}`);
    expect(pats.text).toContain('Cora Coordinator became a facilitator of Autumn cohort');
    expect(pats.text).toContain('Cole Coordinator became an assessor of Autumn cohort');
    const sams = await sam.browser.get(`/my/stories/${samsStory}`);
    expect(sams.status).toBe(200);
    expect(sams.text).not.toContain('Cora Coordinator became');
    expect(sams.text).not.toContain('Cole Coordinator became');
  });

  it('the facilitator added before this participant joined is listed for them too', async () => {
    const late = await person('Lou Latecomer');
    expect((await add(cole, cora, 'facilitator')).status).toBe(303);
    // Cora now facilitates the cohort, so another coordinator enrols an existing account into it.
    expect((await add(cole, late, 'participant')).status).toBe(303);
    await late.browser.post('/my/consent', { keep_writing: 'yes', share_with_facilitators: 'yes' });
    const id = (await late.browser.post('/my/journal', { title: 'First', text: 'x', session: '' })).location!.split('/').pop()!;
    expect((await late.browser.get(`/my/journal/${id}`)).text).toContain('Cora Coordinator became a facilitator of Autumn cohort');
  });

  it('readiness notes list the grants of their own cohort only, as they reach only its facilitators', async () => {
    const spring = await createCohortThreeThenTwo(t, cora.browser, { name: 'Spring cohort' });
    expect((await add(cora, pat, 'participant', spring)).status).toBe(303);
    expect((await add(cole, cora, 'facilitator', spring)).status).toBe(303);
    const held = await fran.browser.post(`/cohorts/${cohortId}/readiness/${pat.user.id}`, { outcome: 'ready', signpostedTo: '', agreedNote: 'Agreed.' });
    expect(held.status).toBe(303);

    const readiness = await pat.browser.get('/my/readiness');
    expect(readiness.text).toContain('Fran Facilitator became a facilitator of Autumn cohort');
    expect(readiness.text).not.toContain('Cora Coordinator became a facilitator of Spring cohort');
    const story = await pat.browser.get(`/my/stories/${storyId}`);
    expect(story.text).toContain('Fran Facilitator became a facilitator of Autumn cohort');
    expect(story.text).toContain('Cora Coordinator became a facilitator of Spring cohort');
  });

  it('a participants CSV cannot make its importer anything but a participant', async () => {
    const csv = `name,email,role\nCora Coordinator,${cora.user.email},facilitator\n`;
    const imported = await cora.browser.post(`/cohorts/${cohortId}/import`, { csv, confirm: 'yes' });
    expect(imported.status).toBe(303);
    expect(await memberships(cora.user.id)).toEqual([{ cohort_id: cohortId, role: 'participant' }]);
    expect((await cora.browser.get(`/cohorts/${cohortId}/shared/${storyId}`)).status).toBe(403);
  });

  it('accepting an offered place still enrols a coordinator who asked for one, as a participant', async () => {
    expect((await cora.browser.post(`/cohorts/${cohortId}/interest/open`)).status).toBe(303);
    expect((await t.client().post(`/interest/${cohortId}`, { name: cora.user.name, email: cora.user.email, whyNow: '' })).status).toBe(200);
    const entry = await t.deps.db.selectFrom('cohort_interest').select('id').where('cohort_id', '=', cohortId).executeTakeFirstOrThrow();
    expect((await cora.browser.post(`/cohorts/${cohortId}/interest/${entry.id}/offer`)).status).toBe(303);
    const token = (await lastMailTo(t.deps, cora.user.email)).link!.split('/').pop()!;
    expect((await t.client().post(`/places/${token}/accept`)).status).toBe(200);
    expect(await memberships(cora.user.id)).toEqual([{ cohort_id: cohortId, role: 'participant' }]);
  });
});

describe('safeguarding leads', () => {
  async function raiseConcern(): Promise<string> {
    const res = await fran.browser.post(`/cohorts/${cohortId}/concerns/new`, {
      participant: pat.user.id,
      whatHappened: CONCERN,
      immediateRisk: 'no',
      actionTaken: 'Talked after the session.',
    });
    expect(res.status).toBe(303);
    return res.location!.split('?')[0]!;
  }

  it('an administrator cannot name themselves, and so cannot read concerns', async () => {
    const path = await raiseConcern();
    const typed = ` ${ada.user.email.toUpperCase()}`;
    const refused = await ada.browser.post('/admin/safeguarding-leads', { email: typed });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('You cannot name yourself a safeguarding lead');
    expect(refused.text).toContain('Ask another administrator');
    expect(refused.text).toContain(ada.user.email.toUpperCase());
    expect(await t.deps.db.selectFrom('safeguarding_leads').select('user_id').execute()).toEqual([]);
    expect((await ada.browser.get(path)).status).toBe(404);
    expect((await ada.browser.get('/safeguarding')).text).not.toContain(CONCERN);
  });

  it('another administrator may name them: audited in the same step, and then they read concerns', async () => {
    const path = await raiseConcern();
    expect((await abe.browser.post('/admin/safeguarding-leads', { email: ada.user.email })).status).toBe(303);
    const audited = await t.deps.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'subject_user_id', 'details'])
      .where('action', '=', 'safeguarding_lead_changed')
      .execute();
    expect(audited).toEqual([{ actor_user_id: abe.user.id, subject_user_id: ada.user.id, details: JSON.stringify({ change: 'added' }) }]);
    const read = await ada.browser.get(path);
    expect(read.status).toBe(200);
    expect(read.text).toContain(CONCERN);
    // The participant a concern is about is not told of it, nor of who may read concerns.
    expect((await pat.browser.get(`/my/stories/${storyId}`)).text).not.toContain('Ada Administrator');
  });

  it('a lead may still stop being one themselves', async () => {
    expect((await abe.browser.post('/admin/safeguarding-leads', { email: ada.user.email })).status).toBe(303);
    expect((await ada.browser.post(`/admin/safeguarding-leads/${ada.user.id}/remove`)).status).toBe(303);
    expect(await t.deps.db.selectFrom('safeguarding_leads').select('user_id').execute()).toEqual([]);
  });
});

describe('an outcome sent for a concern already closed', () => {
  it('comes back with what was typed even when it is also too long', async () => {
    expect((await abe.browser.post('/admin/safeguarding-leads', { email: ada.user.email })).status).toBe(303);
    const raised = await fran.browser.post(`/cohorts/${cohortId}/concerns/new`, {
      participant: pat.user.id,
      whatHappened: CONCERN,
      immediateRisk: 'no',
      actionTaken: 'Talked after the session.',
    });
    const path = raised.location!.split('?')[0]!;
    expect((await ada.browser.post(`${path}/acknowledge`)).status).toBe(303);
    expect((await ada.browser.post(`${path}/outcome`, { outcome: 'Met and agreed support.' })).status).toBe(303);
    const typed = `${'x'.repeat(4001)}TYPED-AFTER-CLOSING`;
    const late = await ada.browser.post(`${path}/outcome`, { outcome: typed });
    expect(late.status).toBe(422);
    expect(late.text).toContain('TYPED-AFTER-CLOSING');
    expect(late.text).toContain('Your outcome (not saved)');
  });
});
