import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, lastMailTo, PASSWORD, signIn } from './support/factories.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>/i;

describe('security baseline', () => {
  it('sends a strict Content-Security-Policy on every response and no inline script on any page', async () => {
    const admin = await createUser(t.deps, { role: 'administrator' });
    const browser = t.client();
    await signIn(browser, admin.email);
    const paths = [
      '/',
      '/help',
      '/privacy',
      '/account',
      '/account/password',
      '/admin/users',
      '/admin/users/invite',
      '/admin/crisis-contacts',
      '/admin/crisis-contacts/new',
      '/admin/outbox',
      '/admin/audit',
      '/nope',
      '/static/styles.css',
    ];
    for (const path of paths) {
      const res = await browser.get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.text, path).not.toMatch(INLINE_SCRIPT);
      expect(res.text, path).not.toMatch(/\son[a-z]+="/i);
    }
    for (const path of ['/sign-in', '/password-reset', '/setup']) {
      const res = await t.client().get(path);
      expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'");
    }
  });

  it('refuses a state-changing request from another site, or with no origin at all', async () => {
    const user = await createUser(t.deps);
    const noOrigin = await t.client().post('/sign-in', { email: user.email, password: PASSWORD }, {});
    expect(noOrigin.status).toBe(403);
    const otherSite = await t.client().post('/sign-in', { email: user.email, password: PASSWORD }, { origin: 'https://evil.example' });
    expect(otherSite.status).toBe(403);
    const crossSite = await t.client().post('/sign-in', { email: user.email, password: PASSWORD }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await t.client().post('/sign-in', { email: user.email, password: PASSWORD }, { 'sec-fetch-site': 'same-origin' });
    expect(sameOrigin.status).toBe(303);
  });

  it('refuses a JSON body from another site too', async () => {
    const admin = await createUser(t.deps, { role: 'administrator' });
    const browser = t.client();
    await signIn(browser, admin.email);
    const res = await browser.request('/admin/users/invite', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ name: 'x', email: 'x@example.org', role: 'administrator' }),
    });
    expect(res.status).toBe(403);
  });

  it('sets the login cookie HttpOnly and SameSite=Lax, and Secure only over HTTPS', async () => {
    const user = await createUser(t.deps);
    const res = await t.client().post('/sign-in', { email: user.email, password: PASSWORD });
    const cookie = res.headers.getSetCookie().find((c) => c.includes('pt_login='))!;
    expect(cookie).toMatch(/^pt_login=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);

    const https = await buildTestApp({ BASE_URL: 'https://training.example.org' });
    try {
      const u = await createUser(https.deps);
      const r = await https.client().post('/sign-in', { email: u.email, password: PASSWORD });
      expect(r.headers.get('set-cookie')).toMatch(/Secure/);
      expect(r.headers.get('strict-transport-security')).toContain('max-age=');
    } finally {
      await https.close();
    }
  });

  it('names the login and device cookies with the __Host- prefix over HTTPS, and keeps the plain names over HTTP', async () => {
    const user = await createUser(t.deps);
    const plain = t.client();
    await signIn(plain, user.email);
    expect([...plain.cookies.keys()].sort()).toEqual(['pt_device', 'pt_login']);
    expect((await plain.get('/account')).status).toBe(200);

    const https = await buildTestApp({ BASE_URL: 'https://training.example.org' });
    try {
      const u = await createUser(https.deps);
      const browser = https.client();
      const res = await browser.post('/sign-in', { email: u.email, password: PASSWORD, next: '/' });
      expect(res.status).toBe(303);
      for (const line of res.headers.getSetCookie()) {
        expect(line).toMatch(/^__Host-pt_(login|device)=/);
        expect(line).toMatch(/; Secure/);
        expect(line).toMatch(/; Path=\//);
        expect(line).not.toMatch(/Domain=/i);
      }
      expect([...browser.cookies.keys()].sort()).toEqual(['__Host-pt_device', '__Host-pt_login']);
      expect((await browser.get('/account')).status).toBe(200);

      // A cookie without the prefix could have been planted by a neighbouring subdomain: not accepted.
      const planted = https.client();
      planted.cookies.set('pt_login', browser.cookies.get('__Host-pt_login')!);
      expect((await planted.get('/account')).status).toBe(303);

      const out = await browser.post('/sign-out');
      expect(out.headers.getSetCookie().join()).toMatch(/__Host-pt_login=;/);
      expect((await browser.get('/account')).status).toBe(303);
    } finally {
      await https.close();
    }
  });

  it('refuses a request body over the size limit', async () => {
    const res = await t.client().post('/password-reset', { email: 'x'.repeat(t.config.bodyLimitBytes + 10) });
    expect(res.status).toBe(413);
    expect(res.text).toContain('too large');
  });

  it('shows 404 and 500 pages that reveal nothing internal', async () => {
    // Registered before the first request: Hono builds its router then.
    t.app.get('/test-failure', () => {
      throw new Error('connection to db at 10.1.2.3 failed: secret-internal-detail');
    });
    const missing = await t.client().get('/admin/../../etc/passwd');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Page not found');

    const broken = await t.client().get('/test-failure');
    expect(broken.status).toBe(500);
    expect(broken.text).toContain('Sorry, something went wrong');
    expect(broken.text).not.toContain('secret-internal-detail');
    expect(broken.text).not.toContain('at ');
    expect(broken.text).not.toMatch(/\.ts\b/);
    expect(t.logs.join('')).toContain('secret-internal-detail');
  });

  it('never writes passwords, tokens or email addresses to the log', async () => {
    const user = await createUser(t.deps, { email: 'private.person@example.org' });
    const browser = t.client();
    await browser.post('/sign-in', { email: user.email, password: 'a wrong password here' });
    await signIn(browser, user.email);
    await browser.post('/password-reset', { email: user.email });
    const mail = await lastMailTo(t.deps, user.email);
    const token = mail.link!.split('/').pop()!;
    await t.client().get(mail.link!);
    await t.client().post(mail.link!, { password: 'fresh password words', confirmPassword: 'fresh password words' });
    const log = t.logs.join('\n');
    expect(log).toContain('"route":"/password-reset/:token"');
    for (const secret of [PASSWORD, 'a wrong password here', 'fresh password words', token, user.email, browser.cookies.get('pt_login') ?? 'no-cookie']) {
      expect(log).not.toContain(secret);
    }
  });
});
