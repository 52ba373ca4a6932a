import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, lastMailTo, PASSWORD, signIn } from './support/factories.ts';
import { DAY, HOUR, MINUTE } from '../src/lib/clock.ts';
import { rateLimit } from '../src/auth/rate-limit.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.close();
});

const auditActions = async () => (await t.deps.db.selectFrom('audit_events').select('action').orderBy('occurred_at').execute()).map((r) => r.action);

describe('first-run setup', () => {
  it('sends a new installation to setup, creates the first administrator, then disappears', async () => {
    const browser = t.client();
    const home = await browser.get('/');
    expect(home.status).toBe(303);
    expect(home.location).toBe('/setup');

    const bad = await browser.post('/setup', { name: 'Ada Admin', email: 'not-an-email', password: 'short', confirmPassword: 'short' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('There is a problem');
    expect(bad.text).toContain('value="Ada Admin"');
    expect(bad.text).toContain('Password must be at least 10 characters');
    expect(bad.text).toContain('<title>Error: ');

    const ok = await browser.post('/setup', { name: 'Ada Admin', email: 'Ada@Example.org', password: PASSWORD, confirmPassword: PASSWORD });
    expect(ok.status).toBe(303);
    const signedIn = await browser.get('/');
    expect(signedIn.text).toContain('Hello, Ada Admin');

    expect((await t.client().get('/setup')).status).toBe(404);
    const again = await t.client().post('/setup', { name: 'Mallory', email: 'm@example.org', password: PASSWORD, confirmPassword: PASSWORD });
    expect(again.status).toBe(404);
    const admins = await t.deps.db.selectFrom('users').select('email').execute();
    expect(admins).toEqual([{ email: 'ada@example.org' }]);
    expect(await auditActions()).toContain('first_administrator_created');
  });
});

describe('signing in and out', () => {
  it('signs in with the right password, giving a new login session id each time', async () => {
    const user = await createUser(t.deps, { role: 'coordinator' });
    const browser = t.client();
    await signIn(browser, user.email);
    const first = browser.cookies.get('pt_login');
    await signIn(browser, user.email);
    const second = browser.cookies.get('pt_login');
    expect(first).toBeTruthy();
    expect(second).not.toBe(first);
    // The earlier login session was ended, not left behind.
    const other = t.client();
    other.cookies.set('pt_login', first!);
    expect((await other.get('/account')).status).toBe(303);
    expect((await browser.get('/account')).text).toContain(user.email);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const user = await createUser(t.deps);
    const wrongPassword = await t.client().post('/sign-in', { email: user.email, password: 'not the password' });
    const unknown = await t.client().post('/sign-in', { email: 'nobody@example.org', password: 'not the password' });
    expect(wrongPassword.status).toBe(422);
    expect(unknown.status).toBe(422);
    const message = 'The email address or password is not right';
    expect(wrongPassword.text).toContain(message);
    expect(unknown.text).toContain(message);
    expect(wrongPassword.text).toContain(`value="${user.email}"`);
  });

  it('refuses an invited account that has not chosen a password, with the same message', async () => {
    const user = await createUser(t.deps, { status: 'invited' });
    const res = await t.client().post('/sign-in', { email: user.email, password: PASSWORD });
    expect(res.status).toBe(422);
    expect(res.text).toContain('The email address or password is not right');
  });

  it('slows wrong passwords down from an unknown browser, then lets the right password in after the wait', async () => {
    const user = await createUser(t.deps);
    const browser = t.client();
    const responses = [];
    for (let i = 0; i < 10; i++) responses.push(await browser.post('/sign-in', { email: user.email, password: `wrong guess ${i}` }));
    expect(responses.slice(0, 5).map((r) => r.status)).toEqual([422, 422, 422, 422, 422]);
    const last = responses[9]!;
    expect(last.status).toBe(429);
    expect(last.text).toContain('Too many attempts to sign in');
    expect(last.text).toContain('Try again in a few minutes');

    // While paused, even the right password is refused from this browser.
    const during = await browser.post('/sign-in', { email: user.email, password: PASSWORD });
    expect(during.status).toBe(429);

    t.clock.advance(MINUTE);
    const after = await browser.post('/sign-in', { email: user.email, password: PASSWORD, next: '/' });
    expect(after.status).toBe(303);
    expect(await auditActions()).toEqual(expect.arrayContaining(['sign_in_failed', 'sign_in_throttled', 'sign_in']));
  });

  it('doubles the wait with each further failure, up to a cap, and forgets after a quiet day', async () => {
    const user = await createUser(t.deps);
    const browser = t.client();
    const attempt = async (n: number) => (await browser.post('/sign-in', { email: user.email, password: `wrong guess ${n}` })).status;
    for (let n = 0; n < 5; n++) expect(await attempt(n)).toBe(422);
    // The page says only roughly how long; try just before and just after each wait to measure it.
    const waits = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900].map((s) => s * 1000);
    for (const [n, wait] of waits.entries()) {
      const early = await browser.post('/sign-in', { email: user.email, password: PASSWORD });
      expect(early.status).toBe(429);
      t.clock.advance(wait - 500);
      expect(await attempt(100 + n)).toBe(429);
      t.clock.advance(500);
      expect(await attempt(200 + n)).toBe(422);
    }
    t.clock.advance(25 * HOUR);
    expect((await browser.post('/sign-in', { email: user.email, password: 'one more' })).status).toBe(422);
    expect((await browser.post('/sign-in', { email: user.email, password: PASSWORD })).status).toBe(303);
  }, 30_000); // eighteen password checks: slow on a busy machine

  it('says roughly how long to wait, never the exact time', async () => {
    const user = await createUser(t.deps);
    const browser = t.client();
    const fail = () => browser.post('/sign-in', { email: user.email, password: 'wrong guess' });
    for (let n = 0; n < 5; n++) await fail();
    const first = await fail();
    expect(first.status).toBe(429);
    expect(first.text).toContain('Try again in a few minutes, or reset your password.');
    expect(first.text).not.toMatch(/\d+ seconds?/);
    for (let n = 0; n < 12; n++) {
      t.clock.advance(15 * MINUTE);
      await fail();
    }
    const capped = await fail();
    expect(capped.status).toBe(429);
    expect(capped.text).toContain('Try again in about 15 minutes, or reset your password.');
  }, 30_000);

  it('throttles by address too, across many accounts, but not the browsers people signed in on before', async () => {
    const user = await createUser(t.deps);
    const ownBrowser = t.client();
    await signIn(ownBrowser, user.email);
    const browser = t.client();
    let res;
    for (let i = 0; i < 30; i++) res = await browser.post('/sign-in', { email: `guess${i}@example.org`, password: 'wrong password' });
    expect(res!.status).toBe(429);
    expect((await t.client().post('/sign-in', { email: user.email, password: PASSWORD })).status).toBe(429);
    expect((await ownBrowser.post('/sign-in', { email: user.email, password: PASSWORD, next: '/' })).status).toBe(303);
  });

  it('throttles an unknown address exactly like a real one, so throttling reveals nothing', async () => {
    const user = await createUser(t.deps);
    const results: number[][] = [[], []];
    for (const [i, email] of [user.email, 'nobody@example.org'].entries()) {
      for (let n = 0; n < 8; n++) results[i]!.push((await t.client().post('/sign-in', { email, password: 'wrong password' })).status);
    }
    expect(results[0]).toEqual(results[1]);
    expect(results[0]).toContain(429);
  });
});

describe('an attack on someone’s account', () => {
  let p: TestApp;
  beforeEach(async () => {
    p = await buildTestApp({ TRUST_PROXY: 'true' });
  });
  afterEach(async () => {
    await p.close();
  });
  const from = (ip: string) => ({ origin: p.config.baseUrl, 'x-forwarded-for': ip });

  /** Twenty wrong passwords from twenty addresses, a second apart. */
  async function attack(email: string) {
    for (let i = 0; i < 20; i++) {
      const res = await p.client().post('/sign-in', { email, password: `guess number ${i}` }, from(`198.51.100.${i + 1}`));
      expect(res.status).toBe(422);
      p.clock.advance(1000);
    }
  }

  it('lets the owner straight in on a browser they signed in on before, and on a new one elsewhere', async () => {
    const admin = await createUser(p.deps, { role: 'administrator' });
    const ownLaptop = p.client();
    expect((await ownLaptop.post('/sign-in', { email: admin.email, password: PASSWORD, next: '/' }, from('203.0.113.5'))).status).toBe(303);
    expect(ownLaptop.cookies.get('pt_device')).toBeTruthy();
    await ownLaptop.post('/sign-out', {}, from('203.0.113.5'));

    await attack(admin.email);

    const owner = await ownLaptop.post('/sign-in', { email: admin.email, password: PASSWORD, next: '/account' }, from('203.0.113.5'));
    expect(owner.status).toBe(303);
    expect(owner.location).toBe('/account');
    expect((await p.client().post('/sign-in', { email: admin.email, password: PASSWORD, next: '/' }, from('203.0.113.6'))).status).toBe(303);
  });

  it('does not slow the owner at another address, however an attacker times their failures', async () => {
    const user = await createUser(p.deps);
    const attacker = from('198.51.100.7');
    const guess = (n: number) => p.client().post('/sign-in', { email: user.email, password: `guess number ${n}` }, attacker);
    for (let n = 0; n < 5; n++) expect((await guess(n)).status).toBe(422);
    // One failure as soon as each wait is over, for hours on end.
    let failures = 0;
    for (let step = 0; step < 40 && failures < 12; step++) {
      p.clock.advance(MINUTE);
      if ((await guess(100 + step)).status === 422) failures += 1;
    }
    expect(failures).toBeGreaterThan(3);
    expect((await p.client().post('/sign-in', { email: user.email, password: PASSWORD }, attacker)).status).toBe(429);

    const newPhone = p.client();
    expect((await newPhone.post('/sign-in', { email: user.email, password: PASSWORD, next: '/' }, from('203.0.113.6'))).status).toBe(303);
  }, 30_000);

  it('offers a password reset from a browser that must wait, after which that browser gets straight in', async () => {
    const user = await createUser(p.deps);
    const phone = p.client();
    const here = from('203.0.113.6');
    for (let n = 0; n < 6; n++) await phone.post('/sign-in', { email: user.email, password: `mistyped ${n}` }, here);
    const paused = await phone.post('/sign-in', { email: user.email, password: PASSWORD }, here);
    expect(paused.status).toBe(429);
    expect(paused.text).toContain('Too many attempts to sign in');
    expect(paused.text).toContain('reset your password');

    // A reset link proves the person holds the mailbox: that browser becomes known and gets straight in.
    await phone.post('/password-reset', { email: user.email }, here);
    const link = (await lastMailTo(p.deps, user.email)).link!;
    await phone.post(link, { password: 'a fresh passphrase', confirmPassword: 'a fresh passphrase' }, here);
    expect((await phone.post('/sign-in', { email: user.email, password: 'a fresh passphrase', next: '/' }, here)).status).toBe(303);
  });

  it('throttles a known browser’s cookie once it fails itself, without touching the owner’s other browsers', async () => {
    const user = await createUser(p.deps);
    const laptop = p.client();
    const stolen = p.client();
    await laptop.post('/sign-in', { email: user.email, password: PASSWORD, next: '/' }, from('203.0.113.5'));
    await stolen.post('/sign-in', { email: user.email, password: PASSWORD, next: '/' }, from('203.0.113.5'));
    stolen.cookies.delete('pt_login');
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++)
      statuses.push((await stolen.post('/sign-in', { email: user.email, password: `guess ${i}` }, from(`198.51.100.${i + 1}`))).status);
    expect(statuses.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
    expect(statuses).toContain(429);
    expect((await stolen.post('/sign-in', { email: user.email, password: PASSWORD }, from('198.51.100.99'))).status).toBe(429);
    expect((await laptop.post('/sign-in', { email: user.email, password: PASSWORD, next: '/' }, from('203.0.113.5'))).status).toBe(303);
  });

  it('limits reset emails per client address, with the same page', async () => {
    const user = await createUser(p.deps);
    const pages = [];
    for (let i = 0; i < 25; i++) pages.push(await p.client().post('/password-reset', { email: `guess${i}@example.org` }, from('198.51.100.1')));
    pages.push(await p.client().post('/password-reset', { email: user.email }, from('198.51.100.1')));
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.text).toBe(pages[0]!.text);
    }
    expect(await p.deps.db.selectFrom('outbox_messages').select('id').execute()).toHaveLength(0);
    await p.client().post('/password-reset', { email: user.email }, from('198.51.100.2'));
    expect((await lastMailTo(p.deps, user.email)).link).toMatch(/^\/password-reset\//);
  });

  it('still sends a reset email to a browser the owner signed in on, when others used up the address’s allowance', async () => {
    const user = await createUser(p.deps);
    const laptop = p.client();
    await laptop.post('/sign-in', { email: user.email, password: PASSWORD, next: '/' }, from('203.0.113.5'));
    await laptop.post('/sign-out', {}, from('203.0.113.5'));
    for (let i = 0; i < 10; i++) await p.client().post('/password-reset', { email: user.email }, from(`198.51.100.${i + 1}`));
    const sent = async () => (await p.deps.db.selectFrom('outbox_messages').select('id').where('to_address', '=', user.email).execute()).length;
    expect(await sent()).toBe(3);
    await laptop.post('/password-reset', { email: user.email }, from('203.0.113.5'));
    expect(await sent()).toBe(4);
  });

  it('ignores a forged or altered device cookie', async () => {
    const user = await createUser(p.deps);
    const laptop = p.client();
    await laptop.post('/sign-in', { email: user.email, password: PASSWORD, next: '/' }, from('203.0.113.5'));
    const device = laptop.cookies.get('pt_device')!;
    const cafe = from('198.51.100.7');
    const guesses = async (email: string) => {
      for (let n = 0; n < 6; n++) await p.client().post('/sign-in', { email, password: `guess number ${n}` }, cafe);
    };
    await guesses(user.email);
    const forger = p.client();
    forger.cookies.set('pt_device', device.slice(0, -2) + (device.endsWith('AA') ? 'BB' : 'AA'));
    expect((await forger.post('/sign-in', { email: user.email, password: PASSWORD }, cafe)).status).toBe(429);
    expect((await laptop.post('/sign-in', { email: user.email, password: PASSWORD, next: '/' }, cafe)).status).toBe(303);
    // A device cookie is bound to its account: it does not make the browser known for someone else.
    const other = await createUser(p.deps);
    await guesses(other.email);
    expect((await laptop.post('/sign-in', { email: other.email, password: PASSWORD }, cafe)).status).toBe(429);
  });

  it('always lets a reset email through every quarter of an hour, whoever used up the hour’s three', async () => {
    const user = await createUser(p.deps);
    const sent = async () => (await p.deps.db.selectFrom('outbox_messages').select('id').where('to_address', '=', user.email).execute()).length;
    for (let i = 0; i < 10; i++) await p.client().post('/password-reset', { email: user.email }, from(`198.51.100.${i + 1}`));
    expect(await sent()).toBe(3);
    p.clock.advance(15 * MINUTE);
    await p.client().post('/password-reset', { email: user.email }, from('203.0.113.6'));
    expect(await sent()).toBe(4);
    await p.client().post('/password-reset', { email: user.email }, from('198.51.100.1'));
    expect(await sent()).toBe(4);
    // Whoever asked, the newest email holds a link that works, and it is never more than a quarter of an hour old.
    const link = (await lastMailTo(p.deps, user.email)).link!;
    expect((await p.client().get(link)).status).toBe(200);
  });

  it('counts only the reset emails sent against an address’s three an hour', async () => {
    const user = await createUser(p.deps, { status: 'deactivated' });
    for (let i = 0; i < 5; i++) await p.client().post('/password-reset', { email: user.email }, from(`198.51.100.${i + 1}`));
    await p.deps.db.updateTable('users').set({ status: 'active' }).where('id', '=', user.id).execute();
    for (let i = 0; i < 3; i++) await p.client().post('/password-reset', { email: user.email }, from('203.0.113.6'));
    expect(await p.deps.db.selectFrom('outbox_messages').select('id').where('to_address', '=', user.email).execute()).toHaveLength(3);
  });
});

describe('rateLimit, the helper for public forms', () => {
  it('allows the limit in a window, counts requests made at the same moment exactly, and starts again in the next window', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => rateLimit(t.deps.db, t.clock, 'test-form:ip:192.0.2.1', 5, HOUR)));
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(await rateLimit(t.deps.db, t.clock, 'test-form:ip:192.0.2.2', 5, HOUR)).toBe(true);
    t.clock.advance(HOUR);
    expect(await rateLimit(t.deps.db, t.clock, 'test-form:ip:192.0.2.1', 5, HOUR)).toBe(true);
    const stored = await t.deps.db.selectFrom('rate_limits').select('key').execute();
    expect(stored.map((r) => r.key).join()).not.toContain('192.0.2');
  });
});

describe('the throttles’ own housekeeping', () => {
  // The clean-up of old rows runs on 2% of requests; these make it run on this one.
  const sweepNow = () => vi.spyOn(Math, 'random').mockReturnValue(0.001);

  it('keeps counting a key whose day-old row the same request clears away', async () => {
    expect(await rateLimit(t.deps.db, t.clock, 'test-form:ip:192.0.2.1', 3, HOUR)).toBe(true);
    t.clock.advance(2 * DAY);
    sweepNow();
    expect(await rateLimit(t.deps.db, t.clock, 'test-form:ip:192.0.2.1', 3, HOUR)).toBe(true);
    expect(await rateLimit(t.deps.db, t.clock, 'test-form:ip:192.0.2.1', 3, HOUR)).toBe(true);
    expect(await rateLimit(t.deps.db, t.clock, 'test-form:ip:192.0.2.1', 3, HOUR)).toBe(true);
    expect(await rateLimit(t.deps.db, t.clock, 'test-form:ip:192.0.2.1', 3, HOUR)).toBe(false);
  });

  it('answers a wrong password and a reset request a day after the last ones, while the clean-up runs', async () => {
    const user = await createUser(t.deps);
    const browser = t.client();
    expect((await browser.post('/sign-in', { email: user.email, password: 'wrong guess' })).status).toBe(422);
    await browser.post('/password-reset', { email: user.email });
    t.clock.advance(2 * DAY);
    sweepNow();
    expect((await browser.post('/sign-in', { email: user.email, password: 'wrong again' })).status).toBe(422);
    expect((await browser.post('/password-reset', { email: user.email })).status).toBe(200);
    expect(await t.deps.db.selectFrom('outbox_messages').select('id').where('to_address', '=', user.email).execute()).toHaveLength(2);
    expect((await browser.post('/sign-in', { email: user.email, password: PASSWORD, next: '/' })).status).toBe(303);
  });
});

describe('guesses sent all at once', () => {
  it('checks no more of them than the back-off allows, and the owner’s known browser still gets in', async () => {
    const user = await createUser(t.deps);
    const laptop = t.client();
    await signIn(laptop, user.email);
    await laptop.post('/sign-out', {});
    const statuses = (
      await Promise.all(Array.from({ length: 40 }, (_, i) => t.client().post('/sign-in', { email: user.email, password: `guess number ${i}` })))
    ).map((r) => r.status);
    expect(statuses.filter((s) => s === 422)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    expect(await t.deps.db.selectFrom('audit_events').select('id').where('action', '=', 'sign_in_failed').execute()).toHaveLength(5);
    expect((await laptop.post('/sign-in', { email: user.email, password: PASSWORD, next: '/' })).status).toBe(303);
  }, 30_000);
});

describe('signing in, continued', () => {
  it('signs out, ending the login session', async () => {
    const user = await createUser(t.deps);
    const browser = t.client();
    await signIn(browser, user.email);
    const cookie = browser.cookies.get('pt_login')!;
    const out = await browser.post('/sign-out');
    expect(out.status).toBe(303);
    const replay = t.client();
    replay.cookies.set('pt_login', cookie);
    expect((await replay.get('/account')).status).toBe(303);
    expect(await auditActions()).toContain('sign_out');
  });

  it('only returns to local pages after signing in', async () => {
    const user = await createUser(t.deps);
    const res = await t.client().post('/sign-in', { email: user.email, password: PASSWORD, next: '//evil.example/' });
    expect(res.location).toBe('/');
    const res2 = await t.client().post('/sign-in', { email: user.email, password: PASSWORD, next: '/account' });
    expect(res2.location).toBe('/account');
  });
});

describe('login session lifetime', () => {
  it('ends a login session left idle too long', async () => {
    const user = await createUser(t.deps);
    const browser = t.client();
    await signIn(browser, user.email);
    t.clock.advance(t.config.sessionIdleMs - MINUTE);
    expect((await browser.get('/account')).status).toBe(200);
    t.clock.advance(t.config.sessionIdleMs + MINUTE);
    const res = await browser.get('/account');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/sign-in?next=%2Faccount');
  });

  it('ends a login session at its absolute lifetime, however active', async () => {
    const user = await createUser(t.deps);
    const browser = t.client();
    await signIn(browser, user.email);
    const steps = Math.ceil(t.config.sessionAbsoluteMs / HOUR);
    for (let i = 0; i < steps - 1; i++) {
      t.clock.advance(HOUR);
      expect((await browser.get('/account')).status).toBe(200);
    }
    t.clock.advance(HOUR);
    expect((await browser.get('/account')).status).toBe(303);
  });

  it('stops a deactivated person on their very next request', async () => {
    const admin = await createUser(t.deps, { role: 'administrator' });
    const person = await createUser(t.deps, { role: 'coordinator' });
    const theirs = t.client();
    await signIn(theirs, person.email);
    expect((await theirs.get('/account')).status).toBe(200);

    const adminBrowser = t.client();
    await signIn(adminBrowser, admin.email);
    expect((await adminBrowser.post(`/admin/users/${person.id}/deactivate`)).status).toBe(303);

    const next = await theirs.get('/account');
    expect(next.status).toBe(303);
    expect(next.location).toContain('/sign-in');
    expect((await t.client().post('/sign-in', { email: person.email, password: PASSWORD })).status).toBe(422);
    const sessions = await t.deps.db.selectFrom('login_sessions').select('id').where('user_id', '=', person.id).execute();
    expect(sessions).toHaveLength(0);
  });
});

describe('changing and resetting a password', () => {
  it('ends every other login session when the password changes, keeping this browser signed in', async () => {
    const user = await createUser(t.deps);
    const phone = t.client();
    const laptop = t.client();
    await signIn(phone, user.email);
    await signIn(laptop, user.email);

    const wrong = await laptop.post('/account/password', {
      currentPassword: 'not it at all',
      password: 'new words for me',
      confirmPassword: 'new words for me',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Your current password is not right');

    const ok = await laptop.post('/account/password', { currentPassword: PASSWORD, password: 'new words for me', confirmPassword: 'new words for me' });
    expect(ok.status).toBe(303);
    expect((await laptop.get('/account')).status).toBe(200);
    expect((await phone.get('/account')).status).toBe(303);
    await signIn(t.client(), user.email, 'new words for me');
  });

  it('resets a forgotten password by a single-use, expiring emailed link', async () => {
    const user = await createUser(t.deps);
    const signedInElsewhere = t.client();
    await signIn(signedInElsewhere, user.email);

    const unknown = await t.client().post('/password-reset', { email: 'nobody@example.org' });
    const known = await t.client().post('/password-reset', { email: user.email });
    expect(unknown.status).toBe(200);
    expect(known.status).toBe(200);
    expect(unknown.text).toContain('If that address belongs to an account');
    expect(known.text).toContain('If that address belongs to an account');
    const count = await t.deps.db.selectFrom('outbox_messages').select('to_address').execute();
    expect(count.map((m) => m.to_address)).toEqual([user.email]);

    const mail = await lastMailTo(t.deps, user.email);
    expect(mail.link).toMatch(/^\/password-reset\/[\w-]{20,}$/);
    const browser = t.client();
    expect((await browser.get(mail.link!)).status).toBe(200);
    const mismatch = await browser.post(mail.link!, { password: 'a brand new one', confirmPassword: 'something else' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.text).toContain('The passwords do not match');
    const done = await browser.post(mail.link!, { password: 'a brand new one', confirmPassword: 'a brand new one' });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/sign-in?notice=password-reset');

    expect((await signedInElsewhere.get('/account')).status).toBe(303);
    expect((await t.client().post(mail.link!, { password: 'another new one', confirmPassword: 'another new one' })).status).toBe(404);
    await signIn(t.client(), user.email, 'a brand new one');
    expect(await auditActions()).toEqual(expect.arrayContaining(['password_reset_requested', 'password_reset']));
  });

  it('sends at most three reset emails an hour to one address, with the same page whatever happens', async () => {
    const user = await createUser(t.deps);
    const pages = [];
    for (let i = 0; i < 31; i++) pages.push(await t.client().post('/password-reset', { email: user.email }));
    const unknown = await t.client().post('/password-reset', { email: 'nobody@example.org' });
    for (const page of [...pages, unknown]) {
      expect(page.status).toBe(200);
      expect(page.text).toBe(unknown.text);
    }
    const sent = async () => (await t.deps.db.selectFrom('outbox_messages').select('id').where('to_address', '=', user.email).execute()).length;
    expect(await sent()).toBe(3);
    t.clock.advance(HOUR);
    await t.client().post('/password-reset', { email: user.email });
    expect(await sent()).toBe(4);
  });

  it('refuses a reset link after an hour', async () => {
    const user = await createUser(t.deps);
    await t.client().post('/password-reset', { email: user.email });
    const mail = await lastMailTo(t.deps, user.email);
    t.clock.advance(HOUR + MINUTE);
    const res = await t.client().get(mail.link!);
    expect(res.status).toBe(404);
    expect(res.text).toContain('This link no longer works');
  });
});

describe('invitations', () => {
  it('lets an invited person choose a password from the emailed link and start', async () => {
    const admin = await createUser(t.deps, { role: 'administrator', name: 'Ada Admin' });
    const adminBrowser = t.client();
    await signIn(adminBrowser, admin.email);
    const invite = await adminBrowser.post('/admin/users/invite', { name: 'Cara Coordinator', email: 'cara@example.org', role: 'coordinator' });
    expect(invite.status).toBe(303);

    const mail = await lastMailTo(t.deps, 'cara@example.org');
    expect(mail.text).toContain('Ada Admin has invited you');
    expect(mail.link).toMatch(/^\/invitation\//);

    const cara = t.client();
    const form = await cara.get(mail.link!);
    expect(form.status).toBe(200);
    expect(form.text).toContain('cara@example.org');
    const accepted = await cara.post(mail.link!, { name: 'Cara C.', password: 'lighthouse morning tea', confirmPassword: 'lighthouse morning tea' });
    expect(accepted.status).toBe(303);
    const home = await cara.get('/');
    expect(home.text).toContain('Hello, Cara C.');
    expect(home.text).toContain('Organisation role: Coordinator');
    expect((await t.client().get(mail.link!)).status).toBe(404);
  });

  it('refuses an invitation link after seven days', async () => {
    const admin = await createUser(t.deps, { role: 'administrator' });
    const browser = t.client();
    await signIn(browser, admin.email);
    await browser.post('/admin/users/invite', { name: 'Late', email: 'late@example.org', role: '' });
    const mail = await lastMailTo(t.deps, 'late@example.org');
    t.clock.advance(8 * 24 * HOUR);
    expect((await t.client().get(mail.link!)).status).toBe(404);
  });
});
