import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, lastMailTo, signIn } from './support/factories.ts';
import { createCohortThreeThenTwo, seedCourse } from './support/cohorts.ts';
import type { TestClient } from './support/client.ts';
import { unzipSync, strFromU8 } from 'fflate';

let t: TestApp;
let coordinator: TestClient;
let admin: TestClient;
beforeEach(async () => {
  t = await buildTestApp();
  await seedCourse(t);
  const c = await createUser(t.deps, { role: 'coordinator' });
  coordinator = t.client();
  await signIn(coordinator, c.email);
  const a = await createUser(t.deps, { role: 'administrator' });
  admin = t.client();
  await signIn(admin, a.email);
});
afterEach(async () => {
  await t.close();
});

async function join(cohortId: string, role: 'facilitator' | 'participant' | 'assessor', name: string) {
  const user = await createUser(t.deps, { name });
  expect((await coordinator.post(`/cohorts/${cohortId}/members`, { name, email: user.email, role })).status).toBe(303);
  const browser = t.client();
  await signIn(browser, user.email);
  return { user, browser };
}

describe('safeguarding concerns', () => {
  it('reach only the named leads and the person who raised them; the alert carries no detail', async () => {
    const cohortId = await createCohortThreeThenTwo(t, coordinator);
    const fran = await join(cohortId, 'facilitator', 'Fran Facilitator');
    const gil = await join(cohortId, 'facilitator', 'Gil Facilitator');
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const leadUser = await createUser(t.deps, { name: 'Lee Lead' });
    expect((await admin.post('/admin/safeguarding-leads', { email: leadUser.email })).status).toBe(303);
    const lead = t.client();
    await signIn(lead, leadUser.email);

    const bad = await fran.browser.post(`/cohorts/${cohortId}/concerns/new`, { participant: pat.user.id, whatHappened: '', actionTaken: 'Kept text' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Say briefly what you saw or heard');
    expect(bad.text).toContain('Kept text');

    const res = await fran.browser.post(`/cohorts/${cohortId}/concerns/new`, {
      participant: pat.user.id,
      whatHappened: 'DETAIL-OF-CONCERN',
      immediateRisk: 'unsure',
      actionTaken: 'Talked with them after the session.',
    });
    expect(res.status).toBe(303);
    const path = res.location!.split('?')[0]!;

    const alert = await lastMailTo(t.deps, leadUser.email);
    expect(alert.text).not.toContain('DETAIL-OF-CONCERN');
    expect(alert.text).not.toContain('Pat');
    expect(alert.link).toBe(path);

    expect((await fran.browser.get(path)).text).toContain('DETAIL-OF-CONCERN');
    const asLead = await lead.get(path);
    expect(asLead.text).toContain('DETAIL-OF-CONCERN');
    for (const who of [gil.browser, pat.browser, coordinator, admin]) {
      const r = await who.get(path);
      expect(r.status).toBe(404);
      expect(r.text).not.toContain('DETAIL-OF-CONCERN');
      expect((await who.get('/safeguarding')).text).not.toContain('About Pat Participant');
    }
    const views = await t.deps.db.selectFrom('audit_events').select('actor_user_id').where('action', '=', 'safeguarding_concern_viewed').execute();
    expect(views).toEqual([{ actor_user_id: leadUser.id }]);

    // Only a lead acknowledges and records the outcome.
    expect((await fran.browser.post(`${path}/acknowledge`)).status).toBe(403);
    expect((await lead.post(`${path}/acknowledge`)).status).toBe(303);
    expect((await lead.post(`${path}/outcome`, { outcome: 'Support plan agreed.' })).status).toBe(303);
    expect((await fran.browser.get(path)).text).toContain('Support plan agreed.');
  });

  it('does not reveal a concern through the participant’s own data download', async () => {
    const cohortId = await createCohortThreeThenTwo(t, coordinator);
    const fran = await join(cohortId, 'facilitator', 'Fran Facilitator');
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const leadUser = await createUser(t.deps, { name: 'Lee Lead' });
    await admin.post('/admin/safeguarding-leads', { email: leadUser.email });
    const res = await fran.browser.post(`/cohorts/${cohortId}/concerns/new`, {
      participant: pat.user.id,
      whatHappened: 'DETAIL-OF-CONCERN',
      immediateRisk: 'no',
      actionTaken: 'Listened.',
    });
    const lead = t.client();
    await signIn(lead, leadUser.email);
    await lead.get(res.location!.split('?')[0]!);
    const zip = unzipSync(new Uint8Array(await (await pat.browser.raw('/my/data')).arrayBuffer()));
    const everything = Object.values(zip)
      .map((b) => strFromU8(b))
      .join('\n');
    expect(everything).not.toContain('DETAIL-OF-CONCERN');
    expect(everything).not.toMatch(/safeguarding_concern_(raised|viewed)/);
  });

  it('cannot be raised by a participant, or about someone outside the facilitator’s cohort', async () => {
    const a = await createCohortThreeThenTwo(t, coordinator);
    const b = await createCohortThreeThenTwo(t, coordinator, { name: 'Other' });
    const fran = await join(a, 'facilitator', 'Fran Facilitator');
    const pat = await join(a, 'participant', 'Pat Participant');
    const bea = await join(b, 'participant', 'Bea Participant');
    const form = { whatHappened: 'x', immediateRisk: 'no', actionTaken: 'y' };
    expect((await pat.browser.post(`/cohorts/${a}/concerns/new`, { ...form, participant: pat.user.id })).status).toBe(403);
    expect((await fran.browser.post(`/cohorts/${b}/concerns/new`, { ...form, participant: bea.user.id })).status).toBe(403);
    const wrong = await fran.browser.post(`/cohorts/${a}/concerns/new`, { ...form, participant: bea.user.id });
    expect(wrong.status).toBe(422);
    expect(await t.deps.db.selectFrom('safeguarding_concerns').selectAll().execute()).toEqual([]);
  });

  it('lets only administrators name the leads', async () => {
    const someone = await createUser(t.deps);
    expect((await coordinator.post('/admin/safeguarding-leads', { email: someone.email })).status).toBe(403);
    expect((await coordinator.get('/admin/safeguarding-leads')).status).toBe(403);
    expect(await t.deps.db.selectFrom('safeguarding_leads').selectAll().execute()).toEqual([]);
  });
});
