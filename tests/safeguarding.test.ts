import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, lastMailTo, signIn } from './support/factories.ts';
import { createCohortThreeThenTwo, seedCourse } from './support/cohorts.ts';
import type { TestClient } from './support/client.ts';
import { unzipSync, strFromU8 } from 'fflate';
import { sql } from 'kysely';

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

  async function concernRaised(opts: { leadRole?: 'administrator' | null } = {}) {
    const cohortId = await createCohortThreeThenTwo(t, coordinator);
    const fran = await join(cohortId, 'facilitator', 'Fran Facilitator');
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const leadUser = await createUser(t.deps, { name: 'Lee Lead', role: opts.leadRole ?? null });
    expect((await admin.post('/admin/safeguarding-leads', { email: leadUser.email })).status).toBe(303);
    const lead = t.client();
    await signIn(lead, leadUser.email);
    const res = await fran.browser.post(`/cohorts/${cohortId}/concerns/new`, {
      participant: pat.user.id,
      whatHappened: 'DETAIL-OF-CONCERN',
      immediateRisk: 'yes',
      actionTaken: 'Stayed with them.',
    });
    expect(res.status).toBe(303);
    return { cohortId, fran, pat, leadUser, lead, path: res.location!.split('?')[0]!, location: res.location! };
  }

  /** Takes the audit log away for one call, so any write that should commit with its audit event cannot. */
  async function withoutAuditLog<T>(run: () => Promise<T>): Promise<T> {
    await sql`alter table audit_events rename to audit_events_away`.execute(t.deps.db);
    try {
      return await run();
    } finally {
      await sql`alter table audit_events_away rename to audit_events`.execute(t.deps.db);
    }
  }

  it('records a concern and its audit event together, or neither', async () => {
    const { cohortId, fran, pat, path } = await concernRaised();
    const id = path.split('/').pop()!;
    const raised = await t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'safeguarding_concern_raised').execute();
    expect(raised.map((e) => [e.target_type, e.target_id, e.subject_user_id, e.actor_user_id])).toEqual([
      ['safeguarding_concern', id, pat.user.id, fran.user.id],
    ]);

    const failed = await withoutAuditLog(() =>
      fran.browser.post(`/cohorts/${cohortId}/concerns/new`, { participant: pat.user.id, whatHappened: 'SECOND', immediateRisk: 'no', actionTaken: 'None.' }),
    );
    expect(failed.status).toBe(500);
    const concerns = await t.deps.db.selectFrom('safeguarding_concerns').select('what_happened').execute();
    expect(concerns).toEqual([{ what_happened: 'DETAIL-OF-CONCERN' }]);
  });

  it('shows the raiser the immediate-risk reminder and offers the risk answers as radios', async () => {
    const { fran, cohortId, location } = await concernRaised();
    const page = await fran.browser.get(location);
    expect(page.text).toContain('Sent. The safeguarding leads have been alerted.');
    expect(page.text).toContain('If someone is in immediate danger, call 999 now.');
    const form = await fran.browser.get(`/cohorts/${cohortId}/concerns/new`);
    expect(form.text).toMatch(/<legend>Is there immediate risk\?<\/legend>/);
    expect(form.text.match(/type="radio"[^>]*name="immediateRisk"/g)).toHaveLength(3);
  });

  it('keeps the concern when the alert cannot be sent, and logs the failure without its detail', async () => {
    const cohortId = await createCohortThreeThenTwo(t, coordinator);
    const fran = await join(cohortId, 'facilitator', 'Fran Facilitator');
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const leadUser = await createUser(t.deps, { name: 'Lee Lead' });
    await admin.post('/admin/safeguarding-leads', { email: leadUser.email });
    t.deps.mailer = {
      usesOutbox: true,
      send: () => Promise.reject(new Error('mail server down')),
    };
    const res = await fran.browser.post(`/cohorts/${cohortId}/concerns/new`, {
      participant: pat.user.id,
      whatHappened: 'DETAIL-OF-CONCERN',
      immediateRisk: 'no',
      actionTaken: 'Listened.',
    });
    expect(res.status).toBe(303);
    expect(await t.deps.db.selectFrom('safeguarding_concerns').select('what_happened').execute()).toEqual([{ what_happened: 'DETAIL-OF-CONCERN' }]);
    const logged = t.logs.join('');
    expect(logged).toContain('safeguarding alert not sent');
    expect(logged).not.toContain('DETAIL-OF-CONCERN');
  });

  it('refuses everyone but a lead, administrators included, the acknowledgement and the outcome', async () => {
    const { fran, pat, path } = await concernRaised();
    for (const who of [fran.browser, pat.browser, coordinator, admin]) {
      expect((await who.post(`${path}/acknowledge`)).status).toBe(403);
      expect((await who.post(`${path}/outcome`, { outcome: 'Closed by someone else.' })).status).toBe(403);
      expect((await who.post(`${path}/outcome`, { outcome: '' })).status).toBe(403);
    }
    const row = await t.deps.db.selectFrom('safeguarding_concerns').select(['acknowledged_at', 'outcome']).executeTakeFirstOrThrow();
    expect(row).toEqual({ acknowledged_at: null, outcome: null });
  });

  it('lets an administrator who is also a lead read as a lead, with the read audited', async () => {
    const { lead, leadUser, path } = await concernRaised({ leadRole: 'administrator' });
    expect((await lead.get(path)).text).toContain('DETAIL-OF-CONCERN');
    const views = await t.deps.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'target_type'])
      .where('action', '=', 'safeguarding_concern_viewed')
      .execute();
    expect(views).toEqual([{ actor_user_id: leadUser.id, target_type: 'safeguarding_concern' }]);
  });

  it('stops a removed lead reading concerns at once', async () => {
    const { lead, leadUser, path } = await concernRaised();
    expect((await lead.get(path)).status).toBe(200);
    const removed = await admin.post(`/admin/safeguarding-leads/${leadUser.id}/remove`);
    expect(removed.status).toBe(303);
    expect((await admin.get(removed.location!)).text).toContain('Safeguarding lead removed.');
    const after = await lead.get(path);
    expect(after.status).toBe(404);
    expect(after.text).not.toContain('DETAIL-OF-CONCERN');
    expect((await lead.get('/safeguarding')).text).not.toContain('About Pat Participant');
    expect((await admin.post(`/admin/safeguarding-leads/${leadUser.id}/remove`)).status).toBe(404);
  });

  it('records an outcome only after acknowledgement, only once, and never silently shortened', async () => {
    const { lead, fran, path } = await concernRaised();
    const early = await lead.post(`${path}/outcome`, { outcome: 'Too soon.' });
    expect(early.status).toBe(422);
    expect(early.text).toContain('Acknowledge the concern before recording its outcome');
    expect(early.text).toContain('Too soon.');

    const ack = await lead.post(`${path}/acknowledge`);
    expect(ack.status).toBe(303);
    expect((await lead.get(ack.location!)).text).toContain('Acknowledged.');
    expect((await fran.browser.get(path)).text).toContain('Lee Lead');

    const empty = await lead.post(`${path}/outcome`, { outcome: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Write the outcome before recording it');

    const long = 'x'.repeat(4001);
    const tooLong = await lead.post(`${path}/outcome`, { outcome: long });
    expect(tooLong.status).toBe(422);
    expect(tooLong.text).toContain('4,000 characters or fewer');
    expect(tooLong.text).toContain(long);
    expect((await t.deps.db.selectFrom('safeguarding_concerns').select('outcome').executeTakeFirstOrThrow()).outcome).toBeNull();

    expect((await lead.post(`${path}/outcome`, { outcome: 'Support plan agreed.' })).status).toBe(303);
    const again = await lead.post(`${path}/outcome`, { outcome: 'A different ending.' });
    expect(again.status).toBe(422);
    expect(again.text).toContain('already recorded the outcome');
    expect(again.text).toContain('A different ending.');
    expect((await t.deps.db.selectFrom('safeguarding_concerns').select('outcome').executeTakeFirstOrThrow()).outcome).toBe('Support plan agreed.');
  });

  it('answers 404 to a lead acting on a concern that does not exist', async () => {
    const { lead } = await concernRaised();
    expect((await lead.post('/safeguarding/no-such-concern/acknowledge')).status).toBe(404);
    expect((await lead.post('/safeguarding/no-such-concern/outcome', { outcome: 'x' })).status).toBe(404);
    expect((await lead.get('/safeguarding/no-such-concern')).status).toBe(404);
  });

  it('names leads with their audit event in one write, once, and keeps a mistyped address', async () => {
    const someone = await createUser(t.deps, { name: 'Sam Someone' });
    const bad = await admin.post('/admin/safeguarding-leads', { email: 'not-an-address' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="not-an-address"');
    const unknown = await admin.post('/admin/safeguarding-leads', { email: 'nobody@example.org' });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Invite them first');

    const failed = await withoutAuditLog(() => admin.post('/admin/safeguarding-leads', { email: someone.email }));
    expect(failed.status).toBe(500);
    expect(await t.deps.db.selectFrom('safeguarding_leads').selectAll().execute()).toEqual([]);

    const added = await admin.post('/admin/safeguarding-leads', { email: `  ${someone.email.toUpperCase()} ` });
    expect(added.status).toBe(303);
    expect((await admin.get(added.location!)).text).toContain('Safeguarding lead added.');
    expect((await admin.post('/admin/safeguarding-leads', { email: someone.email })).status).toBe(303);
    const events = await t.deps.db
      .selectFrom('audit_events')
      .select(['subject_user_id', 'details'])
      .where('action', '=', 'safeguarding_lead_changed')
      .execute();
    expect(events).toEqual([{ subject_user_id: someone.id, details: JSON.stringify({ change: 'added' }) }]);
  });

  it('sends people who are not signed in to sign in, whichever safeguarding page they ask for', async () => {
    const anonymous = t.client();
    for (const path of ['/safeguarding', '/safeguarding/x', '/admin/safeguarding-leads', '/cohorts/x/concerns/new']) {
      const res = await anonymous.get(path);
      expect(res.status, path).toBe(303);
      expect(res.location, path).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
    expect((await anonymous.post('/admin/safeguarding-leads/x/remove')).location).toBe('/sign-in?next=%2F');
  });

  it('does not tell the audit log’s readers whom a concern is about', async () => {
    const { lead, path } = await concernRaised();
    await lead.get(path);
    const log = await admin.get('/admin/audit');
    const rows = [...log.text.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!);
    const about = rows.filter((r) => /a safeguarding concern/.test(r));
    expect(about).toHaveLength(2);
    for (const r of about) {
      expect(r).toContain('Withheld');
      expect(r).not.toContain('Pat Participant');
    }
    expect(rows.some((r) => r.includes('Changed the safeguarding leads') && r.includes('Lee Lead'))).toBe(true);
  });
});
