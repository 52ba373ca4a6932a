import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { extractText, getDocumentProxy } from 'unpdf';
import { buildTestApp, testEngine, type TestApp } from './support/app.ts';
import { createUser, signIn } from './support/factories.ts';
import { createCohortThreeThenTwo, seedCourse } from './support/cohorts.ts';
import type { TestClient } from './support/client.ts';

let t: TestApp;
let coordinator: TestClient;
let partner: TestClient;
/** Every browser and its account, to sign in again after the clock jumps past the idle timeout. */
const browsers: [TestClient, string][] = [];
let cohortId: string;
let sofia: { id: string; browser: TestClient };
let olga: { id: string; browser: TestClient };
let lukasz: { id: string; browser: TestClient };
let fran: { id: string; browser: TestClient };

const SOFIA = 'Σοφία Παπαδοπούλου';
const OLGA = 'Ольга Иванова';

async function join(role: 'facilitator' | 'participant', name: string) {
  const user = await createUser(t.deps, { name });
  expect((await coordinator.post(`/cohorts/${cohortId}/members`, { name, email: user.email, role })).status).toBe(303);
  const browser = t.client();
  await signIn(browser, user.email);
  browsers.push([browser, user.email]);
  return { id: user.id, email: user.email, browser };
}

const sessions = () => t.deps.db.selectFrom('cohort_sessions').select('id').where('cohort_id', '=', cohortId).orderBy('position').execute();

/** The raw bytes of a download, as the client's signed-in browser would get them. */
async function download(client: TestClient, path: string): Promise<Response> {
  return t.app.request(path, { headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
}

async function pdfText(bytes: ArrayBuffer): Promise<string> {
  return (await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })).text;
}

async function certificateOf(userId: string) {
  return t.deps.db.selectFrom('certificates').selectAll().where('user_id', '=', userId).orderBy('issued_at', 'desc').executeTakeFirstOrThrow();
}

beforeAll(async () => {
  t = await buildTestApp();
  await seedCourse(t);
  t.clock.set('2026-11-10T12:00:00Z');
  coordinator = t.client();
  const cora = await createUser(t.deps, { role: 'coordinator', name: 'Cora Coordinator' });
  await signIn(coordinator, cora.email);
  partner = t.client();
  const parker = await createUser(t.deps, { role: 'partner', name: 'Parker Partner' });
  await signIn(partner, parker.email);
  browsers.push([coordinator, cora.email], [partner, parker.email]);
  cohortId = await createCohortThreeThenTwo(t, coordinator, { name: 'Leith autumn cohort' });
  fran = await join('facilitator', 'Fran Facilitator');
  sofia = await join('participant', SOFIA);
  olga = await join('participant', OLGA);
  lukasz = await join('participant', 'Łukasz Wójcik');
  const form: Record<string, string> = {};
  (await sessions()).forEach((r, i) => {
    form[`date_${r.id}`] = `2026-11-${String(1 + 7 * i).padStart(2, '0')}`;
    form[`time_${r.id}`] = '10:00';
    form[`duration_${r.id}`] = '120';
  });
  expect((await coordinator.post(`/cohorts/${cohortId}/schedule`, form)).status).toBe(303);
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe.sequential(`certificates of completion (${testEngine})`, () => {
  it('refuses to issue before the cohort has finished, saying why', async () => {
    const res = await coordinator.post(`/cohorts/${cohortId}/certificates`, { participant: sofia.id });
    expect(res.status).toBe(422);
    expect(res.text).toContain('This cohort has not finished yet: certificates can be issued once every session has been held.');
    expect(await t.deps.db.selectFrom('certificates').selectAll().execute()).toEqual([]);
  });

  it('issues to those who completed by the attendance rule and refuses one who did not', async () => {
    t.clock.set('2026-11-23T12:00:00Z');
    for (const [browser, email] of browsers) await signIn(browser, email);
    for (const s of await sessions()) {
      const res = await fran.browser.post(`/cohorts/${cohortId}/sessions/${s.id}/register`, {
        [`mark_${sofia.id}`]: 'present',
        [`mark_${olga.id}`]: 'late',
        [`mark_${lukasz.id}`]: 'absent',
      });
      expect(res.status).toBe(303);
    }
    const page = await coordinator.get(`/cohorts/${cohortId}/certificates`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Issue certificate to ${SOFIA}`);
    expect(page.text).not.toContain('Issue certificate to Łukasz Wójcik');

    const refused = await coordinator.post(`/cohorts/${cohortId}/certificates`, { participant: lukasz.id });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('This participant has not completed the course by the cohort’s rules');

    for (const p of [sofia, olga]) {
      const res = await coordinator.post(`/cohorts/${cohortId}/certificates`, { participant: p.id });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/cohorts/${cohortId}/certificates?notice=issued`);
    }
    const again = await coordinator.post(`/cohorts/${cohortId}/certificates`, { participant: sofia.id });
    expect(again.status).toBe(422);
    expect(again.text).toContain('already has a certificate');

    const audit = await t.deps.db.selectFrom('audit_events').select(['action', 'subject_user_id']).where('action', '=', 'certificate_issued').execute();
    expect(audit.map((a) => a.subject_user_id).sort()).toEqual([sofia.id, olga.id].sort());
  });

  it('links the cohort page to its certificates for those who issue them, and a participant’s home to her certificates once she has one', async () => {
    const link = `href="/cohorts/${cohortId}/certificates"`;
    expect((await coordinator.get(`/cohorts/${cohortId}`)).text).toContain(link);
    for (const who of [fran.browser, sofia.browser, lukasz.browser]) {
      const page = await who.get(`/cohorts/${cohortId}`);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain(link);
    }

    const mine = 'href="/my/certificates"';
    expect((await sofia.browser.get('/')).text).toContain(mine);
    expect((await lukasz.browser.get('/')).text).not.toContain(mine);
    expect((await coordinator.get('/')).text).not.toContain(mine);
    // The private space always lists them, with an empty list until one is issued.
    for (const who of [sofia.browser, lukasz.browser]) expect((await who.get('/my')).text).toContain(mine);
    expect((await lukasz.browser.get('/my/certificates')).text).toContain('You have no certificates yet.');
  });

  it('prints the participant’s name in Greek and in Cyrillic exactly, in a tagged PDF', async () => {
    for (const [p, name] of [
      [sofia, SOFIA],
      [olga, OLGA],
    ] as const) {
      const cert = await certificateOf(p.id);
      const mine = await p.browser.get('/my/certificates');
      expect(mine.text).toContain(cert.code);
      const res = await download(p.browser, `/my/certificates/${cert.id}/certificate.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const bytes = await res.arrayBuffer();
      // pdf.js takes the buffer over, so read the raw structure first.
      const raw = Buffer.from(bytes).toString('latin1');
      const text = await pdfText(bytes);
      expect(text).toContain(name);
      expect(text).toContain('Overlap course');
      expect(text).toContain(cert.code);
      expect(raw).toContain('/StructTreeRoot');
      expect(raw).toContain('/Lang (en-GB)');
      expect(raw).toMatch(/\/Marked true/);
    }
  });

  it('issues an Open Badges credential that verifies against the published key, and not after one byte is changed', async () => {
    const cert = await certificateOf(sofia.id);
    const res = await download(sofia.browser, `/my/certificates/${cert.id}/credential.jwt`);
    expect(res.status).toBe(200);
    const jws = (await res.text()).trim();
    expect(jws.split('.')).toHaveLength(3);

    const profile = (await (await t.app.request('/credentials/issuer')).json()) as { id: string; publicKey: JWK[] };
    expect(profile.id).toBe(`${t.config.baseUrl}/credentials/issuer`);
    const header = decodeProtectedHeader(jws);
    expect(header.alg).toBe('RS256');
    const published = profile.publicKey.find((k) => k.kid === header.kid)!;
    expect(published).toBeDefined();
    expect(header.jwk).toMatchObject({ kty: 'RSA', n: published.n, e: published.e });
    expect(JSON.stringify(profile)).not.toMatch(/"d"|"p"|"q"/);

    const key = await importJWK(published, 'RS256');
    const { payload } = await compactVerify(jws, key);
    const credential = JSON.parse(new TextDecoder().decode(payload));
    expect(credential['@context'][0]).toBe('https://www.w3.org/ns/credentials/v2');
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.issuer.id).toBe(profile.id);
    expect(credential.credentialSubject.achievement.name).toBe('Overlap course');
    expect(credential.credentialSubject.identifier[0].identityHash).toBe(SOFIA);

    // One byte changed in the payload, and one in the signature: neither verifies.
    const [h, p, s] = jws.split('.') as [string, string, string];
    const flip = (part: string, at: number) => part.slice(0, at) + (part[at] === 'A' ? 'B' : 'A') + part.slice(at + 1);
    await expect(compactVerify(`${h}.${flip(p, 10)}.${s}`, key)).rejects.toThrow();
    await expect(compactVerify(`${h}.${p}.${flip(s, 20)}`, key)).rejects.toThrow();
  });

  it('confirms name, programme, date and status on the public page, and nothing more', async () => {
    const cert = await certificateOf(sofia.id);
    const page = await t.client().get(`/verify/${cert.code}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(SOFIA);
    expect(page.text).toContain('Overlap course');
    expect(page.text).toContain('22 November 2026');
    expect(page.text).toContain('Valid');
    expect(page.text).toContain('Verified');
    const sofiaEmail = (await t.deps.db.selectFrom('users').select('email').where('id', '=', sofia.id).executeTakeFirstOrThrow()).email;
    for (const hidden of [sofiaEmail, 'Leith autumn cohort', 'Fran Facilitator', OLGA, 'Attended', cert.id, 'Community Hall'])
      expect(page.text).not.toContain(hidden);

    // The code typed in lower case with spaces finds the same page; an unknown one finds nothing.
    const typed = await t.client().get(`/verify?code=${encodeURIComponent(cert.code.toLowerCase().replaceAll('-', ' '))}`);
    expect(typed.location).toBe(`/verify/${cert.code}`);
    expect((await t.client().get('/verify/ABCD-EFGH-JKLM')).status).toBe(404);
  });

  it('revokes with a reason: the public page then says revoked, without the reason', async () => {
    const cert = await certificateOf(olga.id);
    const empty = await coordinator.post(`/certificates/${cert.id}/revoke`, { reason: '  ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Enter the reason for revoking');

    const reason = 'Issued to the wrong cohort by mistake.';
    expect((await coordinator.post(`/certificates/${cert.id}/revoke`, { reason })).status).toBe(303);
    const twice = await coordinator.post(`/certificates/${cert.id}/revoke`, { reason: 'Another reason.' });
    expect(twice.location).toBe(`/certificates/${cert.id}?notice=already-revoked`);
    expect((await coordinator.get(twice.location!)).text).toContain(reason);
    const page = await t.client().get(`/verify/${cert.code}`);
    expect(page.text).toContain('This certificate has been revoked');
    expect(page.text).toContain('Revoked');
    expect(page.text).not.toContain(reason);
    expect((await olga.browser.get('/my/certificates')).text).toContain(reason);
    expect(await t.deps.db.selectFrom('audit_events').select('subject_user_id').where('action', '=', 'certificate_revoked').execute()).toEqual([
      { subject_user_id: olga.id },
    ]);
    // Revoked, she may be issued a new one.
    expect((await coordinator.post(`/cohorts/${cohortId}/certificates`, { participant: olga.id })).status).toBe(303);
  });

  it('lets a participant fetch only her own certificate and credential', async () => {
    const cert = await certificateOf(sofia.id);
    for (const path of [`/my/certificates/${cert.id}/certificate.pdf`, `/my/certificates/${cert.id}/credential.jwt`]) {
      expect((await download(olga.browser, path)).status).toBe(404);
      expect((await download(lukasz.browser, path)).status).toBe(404);
      expect((await download(coordinator, path)).status).toBe(404);
      expect((await t.client().get(path)).location).toMatch(/^\/sign-in/);
    }
    expect((await olga.browser.get('/my/certificates')).text).not.toContain(cert.code);
  });

  it('refuses issuing, revoking and recording awards to facilitators, partners and participants', async () => {
    const cert = await certificateOf(sofia.id);
    for (const who of [fran.browser, partner, lukasz.browser]) {
      expect((await who.get(`/cohorts/${cohortId}/certificates`)).status).toBe(403);
      expect((await who.post(`/cohorts/${cohortId}/certificates`, { participant: lukasz.id })).status).toBe(403);
      expect((await who.post(`/certificates/${cert.id}/revoke`, { reason: 'No.' })).status).toBe(403);
      expect((await who.post(`/cohorts/${cohortId}/certificates/awards`, { participant: lukasz.id })).status).toBe(403);
    }
    expect((await t.client().get(`/verify/${cert.code}`)).text).toContain('Valid');
  });
});

describe.sequential(`accredited awards (${testEngine})`, () => {
  it('records an award a coordinator enters, keeping what was typed when something is missing', async () => {
    const bad = await coordinator.post(`/cohorts/${cohortId}/certificates/awards`, {
      participant: sofia.id,
      title: 'Award in Peer Support',
      level: '',
      credits: 'twelve',
      awardingBody: 'Scottish Qualifications Authority',
      awardedOn: '2026-12-17',
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter the level');
    expect(bad.text).toContain('Credits must be a whole number');
    expect(bad.text).toContain('value="Award in Peer Support"');
    expect(bad.text).toContain('value="twelve"');

    const ok = await coordinator.post(`/cohorts/${cohortId}/certificates/awards`, {
      participant: sofia.id,
      title: 'Award in Peer Support',
      level: 'SCQF level 7',
      credits: '12',
      awardingBody: 'Scottish Qualifications Authority',
      awardedOn: '2026-12-17',
    });
    expect(ok.status).toBe(303);
    const mine = await sofia.browser.get('/my/certificates');
    expect(mine.text).toContain('Award in Peer Support, SCQF level 7, 12 credits, awarded by Scottish Qualifications Authority on 17 December 2026');
    expect((await olga.browser.get('/my/certificates')).text).not.toContain('Award in Peer Support');
    expect(await t.deps.db.selectFrom('audit_events').select('subject_user_id').where('action', '=', 'award_recorded').execute()).toEqual([
      { subject_user_id: sofia.id },
    ]);
  });
});
