// Certificates after the security review: one valid certificate per participant however the requests race,
// "Verified" only when the badge states the facts shown, nothing downloadable once revoked, no self-certifying,
// the badge as an Open Badges 3.0 VC-JWT whose kid resolves, and the small things (noindex, 404, clean names).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { buildTestApp, testEngine, type TestApp } from './support/app.ts';
import { createUser, signIn } from './support/factories.ts';
import { createCohortThreeThenTwo, seedCourse } from './support/cohorts.ts';
import type { TestClient } from './support/client.ts';

let t: TestApp;
let coordinator: TestClient;
let other: TestClient;
let cora: { id: string; email: string };
const browsers: [TestClient, string][] = [];
let cohortId: string;
type Person = { id: string; browser: TestClient };
const people: Record<'pat' | 'quinn' | 'rita' | 'sam' | 'una', Person> = {} as never;

async function join(name: string): Promise<Person> {
  const user = await createUser(t.deps, { name });
  expect((await coordinator.post(`/cohorts/${cohortId}/members`, { name, email: user.email, role: 'participant' })).status).toBe(303);
  const browser = t.client();
  await signIn(browser, user.email);
  browsers.push([browser, user.email]);
  return { id: user.id, browser };
}

const download = (client: TestClient, path: string) => client.raw(path);
const certificatesOf = (userId: string) => t.deps.db.selectFrom('certificates').selectAll().where('user_id', '=', userId).orderBy('issued_at').execute();
const certificateOf = async (userId: string) => (await certificatesOf(userId)).find((c) => !c.revoked_at)!;
const issue = (userId: string, by = coordinator) => by.post(`/cohorts/${cohortId}/certificates`, { participant: userId });

beforeAll(async () => {
  t = await buildTestApp();
  await seedCourse(t);
  t.clock.set('2026-11-10T12:00:00Z');
  coordinator = t.client();
  cora = await createUser(t.deps, { role: 'coordinator', name: 'Cora Coordinator' });
  await signIn(coordinator, cora.email);
  other = t.client();
  const cody = await createUser(t.deps, { role: 'coordinator', name: 'Cody Coordinator' });
  await signIn(other, cody.email);
  browsers.push([coordinator, cora.email], [other, cody.email]);
  cohortId = await createCohortThreeThenTwo(t, coordinator, { name: 'Review cohort' });
  people.pat = await join('Pat Parallel');
  people.quinn = await join('Quinn Tampered');
  people.rita = await join('Rita Revoked');
  people.sam = await join('Sam Sibling');
  people.una = await join('Una Unclean');
  // Cora takes the course herself, enrolled by her colleague.
  expect((await other.post(`/cohorts/${cohortId}/members`, { name: 'Cora Coordinator', email: cora.email, role: 'participant' })).status).toBe(303);
  const sessions = await t.deps.db.selectFrom('cohort_sessions').select('id').where('cohort_id', '=', cohortId).orderBy('position').execute();
  const form: Record<string, string> = {};
  sessions.forEach((r, i) => {
    form[`date_${r.id}`] = `2026-11-${String(1 + 7 * i).padStart(2, '0')}`;
    form[`time_${r.id}`] = '10:00';
    form[`duration_${r.id}`] = '120';
  });
  expect((await coordinator.post(`/cohorts/${cohortId}/schedule`, form)).status).toBe(303);
  t.clock.set('2026-11-23T12:00:00Z');
  for (const [browser, email] of browsers) await signIn(browser, email);
  for (const s of sessions) {
    const marks: Record<string, string> = { [`mark_${cora.id}`]: 'present' };
    for (const p of Object.values(people)) marks[`mark_${p.id}`] = 'present';
    expect((await coordinator.post(`/cohorts/${cohortId}/sessions/${s.id}/register`, marks)).status).toBe(303);
  }
}, 90_000);

afterAll(async () => {
  await t.close();
});

describe.sequential(`certificate fixes (${testEngine})`, () => {
  it('issues exactly one certificate when five requests race, and answers the others as already issued', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => issue(people.pat.id)));
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(answers.filter((a) => a.status === 303)).toHaveLength(1);
    for (const a of answers.filter((r) => r.status !== 303)) {
      expect(a.status).toBe(422);
      expect(a.text).toContain('already has a certificate');
    }
    expect((await certificatesOf(people.pat.id)).filter((c) => !c.revoked_at)).toHaveLength(1);
    expect(
      await t.deps.db.selectFrom('audit_events').select('id').where('action', '=', 'certificate_issued').where('subject_user_id', '=', people.pat.id).execute(),
    ).toHaveLength(1);
  });

  it('says "Verified" only while the stored badge states the name, programme, code and certificate shown', async () => {
    for (const p of [people.quinn, people.sam]) expect((await issue(p.id)).status).toBe(303);
    const cert = await certificateOf(people.quinn.id);
    const verified = (text: string) => /<dd>Verified<\/dd>/.test(text);
    expect(verified((await t.client().get(`/verify/${cert.code}`)).text)).toBe(true);

    const tamper = async (change: Record<string, string>) => {
      await t.deps.db.updateTable('certificates').set(change).where('id', '=', cert.id).execute();
      const page = await t.client().get(`/verify/${cert.code}`);
      await t.deps.db
        .updateTable('certificates')
        .set({ recipient_name: cert.recipient_name, programme_title: cert.programme_title, credential_jwt: cert.credential_jwt })
        .where('id', '=', cert.id)
        .execute();
      return page;
    };
    const renamed = await tamper({ recipient_name: 'Someone Else Entirely' });
    expect(renamed.text).toContain('Someone Else Entirely');
    expect(verified(renamed.text)).toBe(false);
    expect(renamed.text).toContain('Could not be verified');
    expect(verified((await tamper({ programme_title: 'Doctorate in Surgery' })).text)).toBe(false);
    // Sam's genuine, validly signed badge pasted into Quinn's row: it speaks of another person and code.
    const sams = await certificateOf(people.sam.id);
    expect(verified((await tamper({ credential_jwt: sams.credential_jwt })).text)).toBe(false);
    expect(verified((await t.client().get(`/verify/${cert.code}`)).text)).toBe(true);
  });

  it('refuses the PDF and the badge of a revoked certificate with 410, saying it was revoked', async () => {
    expect((await issue(people.rita.id)).status).toBe(303);
    const cert = await certificateOf(people.rita.id);
    const pdf = `/my/certificates/${cert.id}/certificate.pdf`;
    const jwt = `/my/certificates/${cert.id}/credential.jwt`;
    expect((await download(people.rita.browser, pdf)).status).toBe(200);
    expect((await coordinator.post(`/certificates/${cert.id}/revoke`, { reason: 'Issued in error.' })).status).toBe(303);
    for (const path of [pdf, jwt]) {
      const res = await people.rita.browser.get(path);
      expect(res.status).toBe(410);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.text).toContain('This certificate has been revoked');
      expect(res.text).toContain('Issued in error.');
    }
  });

  it('does not call the badge of a revoked certificate verified on its public page', async () => {
    const revoked = (await certificatesOf(people.rita.id)).find((c) => c.revoked_at)!;
    const page = await t.client().get(`/verify/${revoked.code}`);
    expect(page.text).not.toMatch(/<dd>Verified<\/dd>/);
    expect(page.text).toContain('Not valid: the certificate has been revoked');
  });

  it('refuses a coordinator issuing, revoking or recording an award to herself; a colleague may', async () => {
    expect((await issue(cora.id)).status).toBe(403);
    const award = { participant: cora.id, title: 'Award in Peer Support', level: 'SCQF level 7', credits: '12', awardingBody: 'SQA', awardedOn: '2026-12-17' };
    expect((await coordinator.post(`/cohorts/${cohortId}/certificates/awards`, award)).status).toBe(403);
    expect(await certificatesOf(cora.id)).toEqual([]);

    expect((await issue(cora.id, other)).status).toBe(303);
    expect((await other.post(`/cohorts/${cohortId}/certificates/awards`, award)).status).toBe(303);
    const cert = await certificateOf(cora.id);
    expect((await coordinator.post(`/certificates/${cert.id}/revoke`, { reason: 'Mine, I would rather not.' })).status).toBe(403);
    expect((await certificateOf(cora.id)).revoked_at).toBeNull();
    expect((await other.post(`/certificates/${cert.id}/revoke`, { reason: 'Issued in error.' })).status).toBe(303);
  });

  it('signs the badge as an Open Badges 3.0 VC-JWT with its registered claims and a key id that resolves', async () => {
    const cert = await certificateOf(people.sam.id);
    const jws = await (await download(people.sam.browser, `/my/certificates/${cert.id}/credential.jwt`)).text();
    const header = decodeProtectedHeader(jws);
    expect(header.typ).toBe('JWT');
    expect(header.kid).toMatch(new RegExp(`^${t.config.baseUrl}/credentials/keys/[0-9a-f-]{36}$`));
    const served = await t.app.request(new URL(header.kid!).pathname);
    expect(served.status).toBe(200);
    const jwk = (await served.json()) as JWK;
    expect(jwk).toMatchObject({ kty: 'RSA', kid: header.kid, n: (header.jwk as JWK).n });
    expect(JSON.stringify(jwk)).not.toMatch(/"d"|"p"|"q"/);
    const { payload } = await compactVerify(jws, await importJWK(jwk, 'RS256'));
    const claims = JSON.parse(new TextDecoder().decode(payload));
    expect(claims.iss).toBe(`${t.config.baseUrl}/credentials/issuer`);
    expect(claims.iss).toBe(claims.issuer.id);
    expect(claims.jti).toBe(`urn:uuid:${cert.id}`);
    expect(claims.jti).toBe(claims.id);
    expect(claims.nbf).toBe(Math.floor(Date.parse(claims.validFrom) / 1000));
    expect(claims.sub).toBeUndefined();
    expect((await t.app.request('/credentials/keys/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('marks every page of the verification site noindex', async () => {
    const code = (await certificateOf(people.sam.id)).code;
    for (const path of ['/verify', '/verify?code=nonsense', `/verify?code=${code}`, '/verify/ABCD-EFGH-JKLM', `/verify/${code}`]) {
      const res = await t.client().get(path);
      expect(res.headers.get('x-robots-tag'), path).toBe('noindex');
    }
  });

  it('answers 404, not 403, to a participant asking for someone else’s certificate', async () => {
    const cert = await certificateOf(people.sam.id);
    for (const path of [`/my/certificates/${cert.id}/certificate.pdf`, `/my/certificates/${cert.id}/credential.jwt`])
      expect((await people.quinn.browser.get(path)).status).toBe(404);
  });

  it('removes control characters and direction overrides from the name at issue', async () => {
    // PostgreSQL text cannot hold NUL at all, so a C0 control other than NUL stands for them.
    await t.deps.db.updateTable('users').set({ name: 'Una\u0001 \u202Egnp.exe\u202C\u2066 Un\u0007clean\u001b' }).where('id', '=', people.una.id).execute();
    expect((await issue(people.una.id)).status).toBe(303);
    const cert = await certificateOf(people.una.id);
    expect(cert.recipient_name).toBe('Una gnp.exe Unclean');
    const jws = await (await download(people.una.browser, `/my/certificates/${cert.id}/credential.jwt`)).text();
    const claims = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims.credentialSubject.identifier[0].identityHash).toBe('Una gnp.exe Unclean');
  });
});
