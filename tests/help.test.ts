import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, signIn } from './support/factories.ts';
import { isStale } from '../src/features/help/queries.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const HELP_LINK = '<a class="help-link" href="/help">Get help now</a>';

describe('crisis help', () => {
  it('lists the seeded UK contacts to anyone, signed in or not', async () => {
    const page = await t.client().get('/help');
    expect(page.status).toBe(200);
    for (const expected of [
      'Samaritans',
      '116 123',
      'Text SHOUT to 85258',
      'NHS 24',
      'Breathing Space',
      '0800 83 85 87',
      'Lifeline',
      '0808 808 8000',
      'mental health option',
    ]) {
      expect(page.text).toContain(expected);
    }
  });

  it('puts "Get help now" in the header of every page, signed in or not, and on error pages', async () => {
    const admin = await createUser(t.deps, { role: 'administrator' });
    const anonymous = t.client();
    for (const path of ['/sign-in', '/password-reset', '/help', '/privacy', '/no-such-page']) {
      expect((await anonymous.get(path)).text, path).toContain(HELP_LINK);
    }
    const browser = t.client();
    await signIn(browser, admin.email);
    for (const path of ['/', '/account', '/admin/users', '/admin/crisis-contacts', '/admin/outbox', '/admin/audit']) {
      const page = await browser.get(path);
      expect(page.status, path).toBe(200);
      expect(page.text, path).toContain(HELP_LINK);
    }
    const coordinator = await createUser(t.deps, { role: 'coordinator' });
    const refused = t.client();
    await signIn(refused, coordinator.email);
    expect((await refused.get('/admin/users')).text).toContain(HELP_LINK);
  });

  it('flags contacts last checked more than six months ago to administrators', async () => {
    const admin = await createUser(t.deps, { role: 'administrator' });
    const browser = t.client();
    await signIn(browser, admin.email);
    expect((await browser.get('/')).text).not.toContain('crisis contacts need checking');

    t.clock.set('2027-06-01T09:00:00Z');
    await signIn(browser, admin.email);
    const home = await browser.get('/');
    expect(home.text).toMatch(/\d+ crisis contacts need checking/);
    const list = await browser.get('/admin/crisis-contacts');
    expect(list.text).toContain('Needs checking');

    const samaritans = await t.deps.db.selectFrom('crisis_contacts').select('id').where('name', '=', 'Samaritans').executeTakeFirstOrThrow();
    expect((await browser.post(`/admin/crisis-contacts/${samaritans.id}/checked`)).status).toBe(303);
    const row = await t.deps.db.selectFrom('crisis_contacts').select('last_checked_on').where('id', '=', samaritans.id).executeTakeFirstOrThrow();
    expect(row.last_checked_on).toBe('2027-06-01');
  });

  it('does not show the reminder to people who cannot act on it', async () => {
    t.clock.set('2027-06-01T09:00:00Z');
    const partner = await createUser(t.deps, { role: 'partner' });
    const browser = t.client();
    await signIn(browser, partner.email);
    expect((await browser.get('/')).text).not.toContain('need checking');
  });

  it('lets an administrator add and edit a contact, keeping what was typed when the form is wrong', async () => {
    const admin = await createUser(t.deps, { role: 'administrator' });
    const browser = t.client();
    await signIn(browser, admin.email);
    const bad = await browser.post('/admin/crisis-contacts/new', { name: 'Local crisis line', howToReach: '', hours: 'Evenings', lastCheckedOn: 'yesterday' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter how to reach them');
    expect(bad.text).toContain('Choose at least one nation');
    expect(bad.text).toContain('value="Local crisis line"');
    expect(bad.text).toContain('value="Evenings"');

    const ok = await browser.post('/admin/crisis-contacts/new', {
      name: 'Local crisis line',
      howToReach: 'Call 01234 567890',
      hours: 'Evenings 6pm to midnight',
      nations: ['Wales', 'England'],
      lastCheckedOn: '2026-11-20',
    });
    expect(ok.status).toBe(303);
    const help = await t.client().get('/help');
    expect(help.text).toContain('Call 01234 567890');
    expect(help.text).toContain('England, Wales');

    const row = await t.deps.db.selectFrom('crisis_contacts').select('id').where('name', '=', 'Local crisis line').executeTakeFirstOrThrow();
    const editForm = await browser.get(`/admin/crisis-contacts/${row.id}`);
    expect(editForm.text).toContain('value="Call 01234 567890"');
    await browser.post(`/admin/crisis-contacts/${row.id}`, {
      name: 'Local crisis line',
      howToReach: 'Call 01234 000000',
      hours: 'Evenings',
      nations: 'Wales',
      lastCheckedOn: '2026-11-21',
    });
    expect((await t.client().get('/help')).text).toContain('Call 01234 000000');
  });

  it('lets a coordinator keep contacts current too', async () => {
    const coordinator = await createUser(t.deps, { role: 'coordinator' });
    const browser = t.client();
    await signIn(browser, coordinator.email);
    expect((await browser.get('/admin/crisis-contacts')).status).toBe(200);
  });

  for (const role of ['partner', null] as const) {
    it(`refuses a ${role ?? 'person with no organisation role'} any change to contacts`, async () => {
      const user = await createUser(t.deps, { role });
      const browser = t.client();
      await signIn(browser, user.email);
      const contact = await t.deps.db.selectFrom('crisis_contacts').selectAll().where('name', '=', 'Samaritans').executeTakeFirstOrThrow();
      expect((await browser.get('/admin/crisis-contacts')).status).toBe(403);
      expect(
        (
          await browser.post(`/admin/crisis-contacts/${contact.id}`, {
            name: 'Changed',
            howToReach: 'x',
            hours: 'x',
            nations: 'Wales',
            lastCheckedOn: '2026-11-21',
          })
        ).status,
      ).toBe(403);
      expect((await browser.post(`/admin/crisis-contacts/${contact.id}/remove`)).status).toBe(403);
      const after = await t.deps.db.selectFrom('crisis_contacts').selectAll().where('id', '=', contact.id).executeTakeFirstOrThrow();
      expect(after).toEqual(contact);
    });
  }

  it('offers the nations as a checkbox group that keeps the ticked ones when the form is wrong, and refuses others', async () => {
    const admin = await createUser(t.deps, { role: 'administrator' });
    const browser = t.client();
    await signIn(browser, admin.email);
    const form = await browser.get('/admin/crisis-contacts/new');
    expect(form.text).toMatch(/<fieldset[^>]*>\s*<legend>Where they help<\/legend>/);
    expect(form.text.match(/type="checkbox"[^>]*name="nations"/g)).toHaveLength(5);
    const bad = await browser.post('/admin/crisis-contacts/new', {
      name: 'Local line',
      howToReach: '',
      hours: 'Evenings',
      nations: ['Wales'],
      lastCheckedOn: '2026-11-20',
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/value="Wales" checked/);
    expect(bad.text).not.toMatch(/value="England" checked/);
    const foreign = await browser.post('/admin/crisis-contacts/new', {
      name: 'Local line',
      howToReach: 'Call 01234 567890',
      hours: 'Evenings',
      nations: ['Atlantis'],
      lastCheckedOn: '2026-11-20',
    });
    expect(foreign.status).toBe(422);
    expect(foreign.text).toContain('Choose from the nations listed');
    expect(foreign.text).toContain('href="#field-nations"');
  });

  it('confirms each change to the contacts, and answers 404 without an audit event for a contact that does not exist', async () => {
    const admin = await createUser(t.deps, { role: 'administrator' });
    const browser = t.client();
    await signIn(browser, admin.email);
    const added = await browser.post('/admin/crisis-contacts/new', {
      name: 'Local line',
      howToReach: 'Call 01234 567890',
      hours: 'Evenings',
      nations: 'Wales',
      lastCheckedOn: '2026-11-20',
    });
    expect(added.location).toBe('/admin/crisis-contacts?notice=added');
    expect((await browser.get(added.location!)).text).toContain('Contact added.');
    const row = await t.deps.db.selectFrom('crisis_contacts').select('id').where('name', '=', 'Local line').executeTakeFirstOrThrow();
    const checked = await browser.post(`/admin/crisis-contacts/${row.id}/checked`);
    expect((await browser.get(checked.location!)).text).toContain('Marked as checked today.');
    const removed = await browser.post(`/admin/crisis-contacts/${row.id}/remove`);
    expect((await browser.get(removed.location!)).text).toContain('Contact removed.');

    const before = await t.deps.db.selectFrom('audit_events').select('id').where('action', '=', 'crisis_contact_changed').execute();
    expect((await browser.post(`/admin/crisis-contacts/${row.id}/checked`)).status).toBe(404);
    expect((await browser.post(`/admin/crisis-contacts/${row.id}/remove`)).status).toBe(404);
    const after = await t.deps.db.selectFrom('audit_events').select('id').where('action', '=', 'crisis_contact_changed').execute();
    expect(after).toHaveLength(before.length);
  });

  it('shows the privacy notice to anyone, from the privacy registry', async () => {
    const page = await t.client().get('/privacy');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Who the organisation’s named safeguarding leads are.');
    expect(page.text).toContain('health information (kept with extra care)');
  });

  it('counts six calendar months from the last check', () => {
    expect(isStale('2026-05-22', new Date('2026-11-23T00:00:00Z'))).toBe(true);
    expect(isStale('2026-05-23', new Date('2026-11-23T00:00:00Z'))).toBe(false);
    expect(isStale('2026-11-23', new Date('2026-11-23T00:00:00Z'))).toBe(false);
  });
});
