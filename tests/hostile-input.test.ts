import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, PASSWORD, signIn } from './support/factories.ts';
import { safeNext } from '../src/auth/guards.ts';
import { cleanFormText, formStrings } from '../src/views/form.tsx';

let t: TestApp;
/** Gives each test of the enclosing describe a fresh app; the table-driven safeNext cases need none. */
function withApp() {
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => {
    await t.close();
  });
}

describe('safeNext', () => {
  // Every one of these must fall back to the home page: each is a way a browser could end up on another site.
  const hostile = [
    '//evil.example/phish',
    '/\t/evil.example/phish',
    '/%09/evil.example/phish',
    '/\n/evil.example',
    '/%0A/evil.example',
    '/%0D%0A/evil.example',
    '/\r\n/evil.example',
    '/\\evil.example',
    '/%5Cevil.example',
    '\\\\evil.example',
    '/%2F%2Fevil.example',
    '/%2fevil.example',
    '%2F%2Fevil.example',
    '/%252F%252Fevil.example',
    '/ /evil.example',
    'https://evil.example/',
    'https:evil.example',
    'http:/evil.example',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    '/\u0000/evil.example',
    '/%00/evil.example',
    '/\u0085/evil.example',
    '/\u2028/evil.example',
    '/%E2%80%A8/evil.example',
    '/%',
    'evil.example',
    ' /account',
    '',
    '/' + 'a'.repeat(5000),
  ];
  it.each(hostile.map((v) => [JSON.stringify(v).slice(0, 40), v]))('refuses %s', (_label, value) => {
    expect(safeNext(value)).toBe('/');
  });

  const local: [string, string][] = [
    ['/', '/'],
    ['/account', '/account'],
    ['/my/journal?page=2', '/my/journal?page=2'],
    ['/cohorts/abc/sessions#today', '/cohorts/abc/sessions#today'],
    // Non-ASCII paths come back percent-encoded, so the Location header can always be sent.
    ['/my/café', '/my/caf%C3%A9'],
    ['/my/日記', '/my/%E6%97%A5%E8%A8%98'],
  ];
  it.each(local)('keeps the local path %s', (value, expected) => {
    expect(safeNext(value)).toBe(expected);
  });
});

describe('returning after sign-in', () => {
  withApp();

  it('sends a signed-in person home, not to another site, whatever the next parameter says', async () => {
    const user = await createUser(t.deps);
    const browser = t.client();
    await signIn(browser, user.email);
    for (const next of ['%2F%09%2Fevil.example%2Fphish', '%2F%0A%2Fevil.example', '%2F%5Cevil.example', '%2F%252F%252Fevil.example']) {
      const res = await browser.get(`/sign-in?next=${next}`);
      expect(res.status).toBe(303);
      expect(res.location).toBe('/');
    }
  });

  it('answers a sign-in with a newline in next with a redirect home, not a 500 after the login session was made', async () => {
    const user = await createUser(t.deps);
    const res = await t.client().post('/sign-in', { email: user.email, password: PASSWORD, next: '/\n/evil.example' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/');
    const unicode = await t.client().post('/sign-in', { email: user.email, password: PASSWORD, next: '/my/日記' });
    expect(unicode.status).toBe(303);
    expect(unicode.location).toBe('/my/%E6%97%A5%E8%A8%98');
  });
});

describe('control characters in forms', () => {
  withApp();

  it('formStrings drops control characters but tab and line ends, and makes every line end a newline', () => {
    const body = { text: 'a\u0000b\u0008c\u001bd\u007fe\u0085f\tg\r\nh\ri\nj', upload: new File(['x'], 'x.txt'), many: ['a', 'b'] };
    expect(formStrings(body)).toEqual({ text: 'abcdef\tg\nh\ni\nj' });
    expect(cleanFormText('ordinary words, “quotes”, émigré, 日記 🙂')).toBe('ordinary words, “quotes”, émigré, 日記 🙂');
  });
  it('signs in with a NUL byte in the email address: no 500, on either engine', async () => {
    const user = await createUser(t.deps);
    const wrong = await t.client().post('/sign-in', { email: `${user.email}\u0000`, password: 'not the password' });
    expect(wrong.status).toBe(422);
    const right = await t.client().post('/sign-in', { email: `\u0000${user.email}`, password: PASSWORD, next: '/' });
    expect(right.status).toBe(303);
    const reset = await t.client().post('/password-reset', { email: `${user.email}\u0000` });
    expect(reset.status).toBe(200);
  });

  it('keeps journal writing with a NUL byte in it, without the NUL, and other control characters too', async () => {
    const user = await createUser(t.deps);
    const browser = t.client();
    await signIn(browser, user.email);
    await browser.post('/my/consent', { keep_writing: 'yes' });
    const res = await browser.post('/my/journal', {
      title: 'A\u0000title',
      text: 'before\u0000after\u0085\u0007 bell\u001b[31m red\u007f\r\nline two\ttabbed',
      session: '',
    });
    expect(res.status).toBe(303);
    const saved = await t.deps.db.selectFrom('journal_entries').select(['title', 'text']).where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(saved.title).toBe('Atitle');
    expect(saved.text).toBe('beforeafter bell[31m red\nline two\ttabbed');

    const story = await browser.post('/my/stories/new', { title: 'Mine', text: 'my\u0000 story', baseVersion: '0' });
    expect(story.status).toBe(303);
    const version = await t.deps.db.selectFrom('story_versions').select('text').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(version.text).toBe('my story');
    const plan = await browser.post('/my/wellbeing', { keepsMeWell: 'walking\u0000 daily', earlySigns: '', whatHelps: '', whoToContact: '' });
    expect(plan.status).toBe(303);
    const saved2 = await t.deps.db.selectFrom('wellbeing_plans').select('keeps_me_well').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(saved2.keeps_me_well).toBe('walking daily');
  });
});

describe('control characters in addresses', () => {
  withApp();

  it('answers 404, not 500, for a path with a NUL or another control character in it, on either engine', async () => {
    const user = await createUser(t.deps, { role: 'administrator' });
    const browser = t.client();
    await signIn(browser, user.email);
    await browser.post('/my/consent', { keep_writing: 'yes' });
    for (const path of [
      '/my/journal/%00',
      '/my/stories/a%00b',
      '/admin/users/%00',
      '/cohorts/%1F',
      '/cohorts/x%7F',
      '/password-reset/%00',
      '/invitation/%0A',
    ]) {
      const res = await browser.get(path);
      expect(res.status, path).toBe(404);
      expect(res.text).toContain('Page not found');
    }
    expect((await browser.post('/admin/users/%00/role', { role: 'coordinator' })).status).toBe(404);
    expect(t.logs.join('')).not.toContain('unhandled error');
  });
});

describe('unreadable request bodies', () => {
  withApp();
  const garbage = (path: string, browser = t.client()) =>
    browser.request(path, {
      method: 'POST',
      body: 'garbage',
      headers: { origin: t.config.baseUrl, 'content-type': 'multipart/form-data; boundary=b' },
    });

  it('answers a malformed multipart body with a 400 page that says so, on public and signed-in routes', async () => {
    const user = await createUser(t.deps, { role: 'administrator' });
    const browser = t.client();
    await signIn(browser, user.email);
    await browser.post('/my/consent', { keep_writing: 'yes' });
    for (const path of ['/sign-in', '/password-reset', '/my/journal', '/my/stories/new', '/my/wellbeing', '/account/password', '/admin/users/invite']) {
      const res = await garbage(path, browser);
      expect(res.status, path).toBe(400);
      expect(res.text, path).toContain('could not be read');
      expect(res.text).not.toMatch(/TypeError|stack|boundary/i);
    }
    expect(t.logs.join('')).not.toContain('unhandled error');
  });

  it('answers a multipart body cut short with 400 too', async () => {
    const res = await t.client().request('/sign-in', {
      method: 'POST',
      body: '--b\r\nContent-Disposition: form-data; name="email"\r\n\r\nx@example.org',
      headers: { origin: t.config.baseUrl, 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect(res.status).toBe(400);
  });
});

describe('client address behind a proxy', () => {
  it('takes the right-most address of X-Forwarded-For, so a spoofed left-most entry changes nothing', async () => {
    const proxied = await buildTestApp({ TRUST_PROXY: 'true' });
    try {
      const user = await createUser(proxied.deps);
      const res = await proxied
        .client()
        .post('/sign-in', { email: user.email, password: PASSWORD, next: '/' }, { origin: proxied.config.baseUrl, 'x-forwarded-for': '6.6.6.6, 203.0.113.9' });
      expect(res.status).toBe(303);
      const event = await proxied.deps.db.selectFrom('audit_events').select('ip').where('action', '=', 'sign_in').executeTakeFirstOrThrow();
      expect(event.ip).toBe('203.0.113.9');
    } finally {
      await proxied.close();
    }
  });

  it('counts hops from the right when there are two proxies', async () => {
    const proxied = await buildTestApp({ TRUST_PROXY: '2' });
    try {
      const user = await createUser(proxied.deps);
      const headers = { origin: proxied.config.baseUrl, 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.0.0.2' };
      await proxied.client().post('/sign-in', { email: user.email, password: PASSWORD, next: '/' }, headers);
      const event = await proxied.deps.db.selectFrom('audit_events').select('ip').where('action', '=', 'sign_in').executeTakeFirstOrThrow();
      expect(event.ip).toBe('198.51.100.7');
    } finally {
      await proxied.close();
    }
  });
});
