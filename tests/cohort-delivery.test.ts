import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, testEngine, type TestApp } from './support/app.ts';
import { createUser, lastMailTo, signIn } from './support/factories.ts';
import { createCohortThreeThenTwo, seedCourse } from './support/cohorts.ts';
import type { TestClient } from './support/client.ts';
import { acceptPlace } from '../src/features/cohorts/index.ts';

let t: TestApp;
let coordinator: TestClient;
beforeEach(async () => {
  t = await buildTestApp();
  await seedCourse(t);
  const user = await createUser(t.deps, { role: 'coordinator' });
  coordinator = t.client();
  await signIn(coordinator, user.email);
});
afterEach(async () => {
  await t.close();
});

async function join(cohortId: string, role: 'facilitator' | 'participant', name: string) {
  const user = await createUser(t.deps, { name });
  expect((await coordinator.post(`/cohorts/${cohortId}/members`, { name, email: user.email, role })).status).toBe(303);
  const browser = t.client();
  await signIn(browser, user.email);
  return { user, browser };
}

describe('group agreement', () => {
  it('is drafted from a template, revised, and acknowledged by each participant for the current version', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const fran = await join(id, 'facilitator', 'Fran Facilitator');
    const pat = await join(id, 'participant', 'Pat Participant');
    const form = await fran.browser.get(`/cohorts/${id}/agreement`);
    for (const heading of ['Confidentiality and its limits', 'Participation', 'The right to pass', 'Commitment', 'No recording'])
      expect(form.text).toContain(heading);
    expect((await fran.browser.post(`/cohorts/${id}/agreement`, { text: '## Confidentiality\nWhat is said here stays here.' })).status).toBe(303);
    expect((await pat.browser.post(`/cohorts/${id}/agreement/acknowledge`, { version: '1' })).status).toBe(303);
    expect((await fran.browser.get(`/cohorts/${id}/agreement`)).text).toMatch(/Pat Participant: agreed/);

    await fran.browser.post(`/cohorts/${id}/agreement`, { text: '## Confidentiality\nRevised wording.' });
    const after = await fran.browser.get(`/cohorts/${id}/agreement`);
    expect(after.text).toContain('Pat Participant: not yet');
    // Agreeing to an old version does not count for the new one.
    const stale = await pat.browser.post(`/cohorts/${id}/agreement/acknowledge`, { version: '1' });
    expect(stale.text).toContain('The agreement has changed since you opened it');
    expect((await fran.browser.get(`/cohorts/${id}/agreement`)).text).toContain('Pat Participant: not yet');
  });

  it('refuses participants the editing, and facilitators the agreeing', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const fran = await join(id, 'facilitator', 'Fran Facilitator');
    const pat = await join(id, 'participant', 'Pat Participant');
    expect((await pat.browser.post(`/cohorts/${id}/agreement`, { text: 'Hijacked' })).status).toBe(403);
    await fran.browser.post(`/cohorts/${id}/agreement`, { text: 'Agreement' });
    expect((await fran.browser.post(`/cohorts/${id}/agreement/acknowledge`, { version: '1' })).status).toBe(403);
  });
});

describe('facilitators’ plan, notes and debrief', () => {
  it('keeps private notes private to their author and shares the plan with co-facilitators', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const fran = await join(id, 'facilitator', 'Fran Facilitator');
    const gil = await join(id, 'facilitator', 'Gil Facilitator');
    const pat = await join(id, 'participant', 'Pat Participant');
    const [cs] = await t.deps.db.selectFrom('cohort_sessions').select('id').where('cohort_id', '=', id).orderBy('position').execute();
    const base = `/cohorts/${id}/sessions/${cs!.id}/facilitate`;
    await fran.browser.post(`${base}/plan`, { text: 'Fran leads the check-in; Gil leads the activity.' });
    await fran.browser.post(`${base}/notes/private`, { text: 'FRAN-PRIVATE-NOTE' });
    const gilView = await gil.browser.get(base);
    expect(gilView.text).toContain('Fran leads the check-in');
    expect(gilView.text).not.toContain('FRAN-PRIVATE-NOTE');
    expect((await fran.browser.get(base)).text).toContain('FRAN-PRIVATE-NOTE');
    expect((await pat.browser.get(base)).status).toBe(403);
    expect((await pat.browser.post(`${base}/notes/private`, { text: 'x' })).status).toBe(403);
    const coordinatorView = await coordinator.get(base);
    expect(coordinatorView.text).not.toContain('FRAN-PRIVATE-NOTE');
  });
});

describe('interest and places', () => {
  async function offerTwo(capacity: string) {
    const id = await createCohortThreeThenTwo(t, coordinator, { capacity });
    await coordinator.post(`/cohorts/${id}/interest/open`);
    for (const [name, email] of [
      ['Ann Applicant', 'ann@example.org'],
      ['Bo Applicant', 'bo@example.org'],
    ]) {
      const res = await t.client().post(`/interest/${id}`, { name: name!, email: email!, whyNow: 'It feels like the right time.' });
      expect(res.status).toBe(200);
    }
    const list = await coordinator.get(`/cohorts/${id}/interest`);
    expect(list.text.indexOf('Ann Applicant')).toBeLessThan(list.text.indexOf('Bo Applicant'));
    const entries = await t.deps.db.selectFrom('cohort_interest').select(['id', 'email']).where('cohort_id', '=', id).execute();
    for (const e of entries) expect((await coordinator.post(`/cohorts/${id}/interest/${e.id}/offer`)).status).toBe(303);
    const tokens = await Promise.all(['ann@example.org', 'bo@example.org'].map(async (e) => (await lastMailTo(t.deps, e)).link!.split('/').pop()!));
    return { id, tokens };
  }

  it(`never exceeds capacity when two people accept the last place at the same moment (${testEngine})`, async () => {
    const { id, tokens } = await offerTwo('1');
    const results = await Promise.all(tokens.map((tok) => acceptPlace(t.deps, tok)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'full')).toHaveLength(1);
    const participants = await t.deps.db.selectFrom('cohort_members').select('id').where('cohort_id', '=', id).where('role', '=', 'participant').execute();
    expect(participants).toHaveLength(1);
    const statuses = (await t.deps.db.selectFrom('cohort_interest').select('status').where('cohort_id', '=', id).execute()).map((r) => r.status).sort();
    expect(statuses).toEqual(['accepted', 'waiting']);
  });

  it('lets an offer be accepted through the link, shows who accepted, declined or waits, and audits reading the list', async () => {
    const { id, tokens } = await offerTwo('5');
    const accept = await t.client().post(`/places/${tokens[0]}/accept`);
    expect(accept.status).toBe(200);
    expect(accept.text).toContain('Your place is confirmed');
    expect((await t.client().post(`/places/${tokens[1]}/decline`)).status).toBe(200);
    expect((await t.client().get(`/places/${tokens[0]}`)).status).toBe(404);
    const list = await coordinator.get(`/cohorts/${id}/interest`);
    expect(list.text).toContain('Accepted');
    expect(list.text).toContain('Declined');
    const audit = await t.deps.db.selectFrom('audit_events').select('action').where('action', '=', 'interest_viewed').execute();
    expect(audit.length).toBeGreaterThan(0);
    const invite = await lastMailTo(t.deps, 'ann@example.org');
    expect(invite.link).toMatch(/^\/invitation\//);
  });

  it('keeps the interest list from facilitators and the form closed until opened', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    expect((await t.client().get(`/interest/${id}`)).status).toBe(404);
    const fran = await join(id, 'facilitator', 'Fran Facilitator');
    expect((await fran.browser.get(`/cohorts/${id}/interest`)).status).toBe(403);
    expect((await fran.browser.get(`/cohorts/${id}`)).status).toBe(200);
  });
});
