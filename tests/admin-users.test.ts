import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, signIn } from './support/factories.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

async function signedIn(role: 'administrator' | 'coordinator' | 'partner' | null) {
  const user = await createUser(t.deps, { role, name: `The ${role ?? 'member'}` });
  const browser = t.client();
  await signIn(browser, user.email);
  return { user, browser };
}

describe('managing people', () => {
  it('lets an administrator list people and invite someone with a role', async () => {
    const { browser } = await signedIn('administrator');
    const list = await browser.get('/admin/users');
    expect(list.status).toBe(200);
    expect(list.text).toContain('The administrator');

    const bad = await browser.post('/admin/users/invite', { name: '', email: 'cara@example', role: 'wizard' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter your name');
    expect(bad.text).toContain('Choose a role');
    expect(bad.text).toContain('value="cara@example"');

    expect((await browser.post('/admin/users/invite', { name: 'Cara', email: 'cara@example.org', role: 'coordinator' })).status).toBe(303);
    const dup = await browser.post('/admin/users/invite', { name: 'Cara again', email: 'CARA@example.org', role: '' });
    expect(dup.status).toBe(422);
    expect(dup.text).toContain('already has an account');
    const row = await t.deps.db.selectFrom('users').select(['role', 'status']).where('email', '=', 'cara@example.org').executeTakeFirstOrThrow();
    expect(row).toEqual({ role: 'coordinator', status: 'invited' });
  });

  for (const role of ['coordinator', 'partner', null] as const) {
    it(`refuses a ${role ?? 'person with no organisation role'} every people page and action`, async () => {
      const { browser } = await signedIn(role);
      const target = await createUser(t.deps, { role: 'coordinator' });
      expect((await browser.get('/admin/users')).status).toBe(403);
      expect((await browser.get(`/admin/users/${target.id}`)).status).toBe(403);
      expect((await browser.post('/admin/users/invite', { name: 'X', email: 'x@example.org', role: 'administrator' })).status).toBe(403);
      expect((await browser.post(`/admin/users/${target.id}/role`, { role: 'administrator' })).status).toBe(403);
      expect((await browser.post(`/admin/users/${target.id}/deactivate`)).status).toBe(403);
      const unchanged = await t.deps.db.selectFrom('users').select(['role', 'status']).where('id', '=', target.id).executeTakeFirstOrThrow();
      expect(unchanged).toEqual({ role: 'coordinator', status: 'active' });
      expect(await t.deps.db.selectFrom('users').select('id').where('email', '=', 'x@example.org').executeTakeFirst()).toBeUndefined();
    });
  }

  it('sends someone signed out to sign in', async () => {
    const res = await t.client().get('/admin/users');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/sign-in?next=%2Fadmin%2Fusers');
  });

  it('changes a role and records who did it', async () => {
    const { user: admin, browser } = await signedIn('administrator');
    const target = await createUser(t.deps, { role: null });
    expect((await browser.post(`/admin/users/${target.id}/role`, { role: 'partner' })).status).toBe(303);
    const row = await t.deps.db.selectFrom('users').select('role').where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(row.role).toBe('partner');
    const event = await t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'role_changed').executeTakeFirstOrThrow();
    expect(event.actor_user_id).toBe(admin.id);
    expect(event.subject_user_id).toBe(target.id);
    expect(JSON.parse(event.details!)).toEqual({ from: null, to: 'partner' });
  });

  it('never leaves the organisation without an active administrator', async () => {
    const { user: admin, browser } = await signedIn('administrator');
    const res = await browser.post(`/admin/users/${admin.id}/role`, { role: 'coordinator' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('at least one active administrator');
    const second = await createUser(t.deps, { role: 'administrator' });
    expect((await browser.post(`/admin/users/${second.id}/role`, { role: 'coordinator' })).status).toBe(303);
  });

  it('does not let an administrator deactivate themselves', async () => {
    const { user: admin, browser } = await signedIn('administrator');
    expect((await browser.post(`/admin/users/${admin.id}/deactivate`)).status).toBe(403);
    expect((await browser.get('/account')).status).toBe(200);
  });

  it('reactivates a deactivated account, which can then sign in again', async () => {
    const { browser } = await signedIn('administrator');
    const target = await createUser(t.deps, { role: 'coordinator' });
    await browser.post(`/admin/users/${target.id}/deactivate`);
    expect((await browser.get(`/admin/users/${target.id}`)).text).toContain('Deactivated');
    expect((await browser.post(`/admin/users/${target.id}/reactivate`)).status).toBe(303);
    await signIn(t.client(), target.email);
    const actions = (await t.deps.db.selectFrom('audit_events').select('action').execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user_deactivated', 'user_reactivated']));
  });

  it('sends a new invitation that replaces the old link', async () => {
    const { browser } = await signedIn('administrator');
    await browser.post('/admin/users/invite', { name: 'Dee', email: 'dee@example.org', role: '' });
    const first = await t.deps.db.selectFrom('outbox_messages').select('body_text').where('to_address', '=', 'dee@example.org').executeTakeFirstOrThrow();
    const firstLink = new URL(first.body_text.match(/https?:\/\/\S+/)![0]).pathname;
    const dee = await t.deps.db.selectFrom('users').select('id').where('email', '=', 'dee@example.org').executeTakeFirstOrThrow();
    expect((await browser.post(`/admin/users/${dee.id}/resend`)).status).toBe(303);
    expect((await t.client().get(firstLink)).status).toBe(404);
    const all = await t.deps.db.selectFrom('outbox_messages').select('body_text').where('to_address', '=', 'dee@example.org').execute();
    expect(all).toHaveLength(2);
  });
});

describe('the outbox and the audit log', () => {
  it('shows administrators the outbox with links they can follow', async () => {
    const { browser } = await signedIn('administrator');
    await browser.post('/admin/users/invite', { name: 'Eve', email: 'eve@example.org', role: '' });
    const list = await browser.get('/admin/outbox');
    expect(list.status).toBe(200);
    expect(list.text).toContain('You are invited to Peer Toolbox');
    const id = list.text.match(/href="\/admin\/outbox\/([\w-]+)"/)![1];
    const message = await browser.get(`/admin/outbox/${id}`);
    expect(message.text).toMatch(/<a href="http:\/\/localhost:3000\/invitation\/[\w-]+">/);
  });

  it('refuses the outbox and audit log to a coordinator', async () => {
    const { browser } = await signedIn('coordinator');
    expect((await browser.get('/admin/outbox')).status).toBe(403);
    expect((await browser.get('/admin/audit')).status).toBe(403);
  });

  it('refuses the outbox, its messages and the audit log to someone not signed in, and answers 404 for a missing message', async () => {
    const anonymous = t.client();
    for (const path of ['/admin/outbox', '/admin/outbox/x', '/admin/audit']) expect((await anonymous.get(path)).location, path).toMatch(/^\/sign-in\?next=/);
    const { browser } = await signedIn('administrator');
    expect((await browser.get('/admin/outbox/no-such-message')).status).toBe(404);
  });

  it('lists audit events for administrators', async () => {
    const { browser } = await signedIn('administrator');
    const page = await browser.get('/admin/audit');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Signed in');
  });
});
