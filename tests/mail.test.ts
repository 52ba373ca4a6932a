import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser } from './support/factories.ts';

let smtp: SMTPServer;
let received: ParsedMail[];
let port: number;

beforeEach(async () => {
  received = [];
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail) => received.push(mail))
        .then(() => done(), done);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as { port: number }).port;
});
afterEach(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('email over SMTP', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  it('sends through the configured server instead of the outbox', async () => {
    t = await buildTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Training team <training@example.org>' });
    const user = await createUser(t.deps, { email: 'sam@example.org' });
    const res = await t.client().post('/password-reset', { email: user.email });
    expect(res.status).toBe(200);
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.subject).toBe('Reset your Peer Toolbox password');
    expect(mail.from?.text).toContain('training@example.org');
    expect(mail.text).toMatch(/http:\/\/localhost:3000\/password-reset\/[\w-]+/);
    expect(await t.deps.db.selectFrom('outbox_messages').selectAll().execute()).toEqual([]);
  });

  it('does not offer the outbox in the navigation when a mail server is configured', async () => {
    t = await buildTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    const admin = await createUser(t.deps, { role: 'administrator' });
    const browser = t.client();
    await browser.post('/sign-in', { email: admin.email, password: 'kettle harbour lantern' });
    expect((await browser.get('/')).text).not.toContain('href="/admin/outbox"');
  });
});
