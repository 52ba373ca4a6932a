import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, signIn } from './support/factories.ts';
import { createCohortThreeThenTwo, seedCourse } from './support/cohorts.ts';
import { draftOf, publish, revisionOf } from './support/curriculum.ts';
import type { TestClient } from './support/client.ts';
import { HOUR } from '../src/lib/clock.ts';
import { hashSecret } from '../src/lib/tokens.ts';

// Findings of the "hostile input and abuse" review, each reproduced from the outside.

let t: TestApp;
let coordinator: TestClient;
beforeEach(async () => {
  t = await buildTestApp({ TRUST_PROXY: '1' });
  await seedCourse(t);
  const user = await createUser(t.deps, { role: 'coordinator', name: 'Cora Coordinator' });
  coordinator = t.client();
  await signIn(coordinator, user.email);
});
afterEach(async () => {
  await t.close();
});

type Person = { user: { id: string; email: string; name: string }; browser: TestClient };

async function join(cohorts: string[], role: 'facilitator' | 'participant', name: string): Promise<Person> {
  const user = await createUser(t.deps, { name });
  for (const cohort of cohorts) expect((await coordinator.post(`/cohorts/${cohort}/members`, { name, email: user.email, role })).status).toBe(303);
  const browser = t.client();
  await signIn(browser, user.email);
  return { user, browser };
}

function postFile(client: TestClient, path: string, field: string, file: { name: string; bytes: Uint8Array }, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append(field, new File([file.bytes], file.name, { type: 'application/octet-stream' }));
  return client.request(path, { method: 'POST', body: form, headers: { origin: t.config.baseUrl } });
}

/** A content pack with `files` session files of `mb` megabytes of zeros each: tiny on the wire, huge unpacked. */
function zerosPack(files: number, mb: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  const small = (name: string, text: string) => {
    const file = new ZipDeflate(name);
    zip.add(file);
    file.push(strToU8(text), true);
  };
  small('programme.md', '---\ntitle: Bomb\nslug: bomb-pack\n---\n');
  small('01-one/module.md', '---\ntitle: One\n---\n');
  const zeros = new Uint8Array(1024 * 1024);
  for (let f = 0; f < files; f++) {
    const file = new ZipDeflate(`01-one/0${f + 1}-session.md`, { level: 1 });
    zip.add(file);
    for (let i = 0; i < mb; i++) file.push(zeros, i === mb - 1);
  }
  zip.end();
  return new Uint8Array(Buffer.concat(parts));
}

describe('a content pack that unpacks to far more than it weighs', () => {
  const programmes = async () => (await t.deps.db.selectFrom('programmes').select('slug').execute()).map((r) => r.slug);

  it('is refused with a clear message on the import page, without unpacking it, and nothing is imported', async () => {
    const bomb = zerosPack(3, 32);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const res = await postFile(coordinator, '/programmes/import', 'pack', { name: 'bomb.zip', bytes: bomb });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(40 * 1024 * 1024);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Nothing was imported');
    expect(res.text).toMatch(/larger than 25 MB once unpacked/);
    expect(await programmes()).toEqual(['overlap-course']);
  }, 60_000);

  it('is refused when it holds more files than any programme needs', async () => {
    const many: Record<string, Uint8Array> = { 'programme.md': strToU8('---\ntitle: Many\nslug: many-files\n---\n') };
    for (let i = 0; i < 2001; i++) many[`notes/${i}.txt`] = strToU8('x');
    const res = await postFile(coordinator, '/programmes/import', 'pack', { name: 'many.zip', bytes: zipSync(many) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('The zip file holds more than 2000 files.');
    expect(await programmes()).toEqual(['overlap-course']);
  });

  it('still imports an ordinary pack', async () => {
    const zip = zipSync({
      'small/programme.md': strToU8('---\ntitle: Small course\nslug: small-course\n---\n'),
      'small/01-only/module.md': strToU8('---\ntitle: Only module\n---\n'),
      'small/01-only/01-first.md': strToU8(`---\ntitle: First session\n---\n${'A lesson. '.repeat(5000)}\n`),
    });
    const res = await postFile(coordinator, '/programmes/import', 'pack', { name: 'small.zip', bytes: zip });
    expect(res.status).toBe(303);
    expect((await draftOf(t, 'small-course')).modules[0]!.sessions[0]!.title).toBe('First session');
  });
});

describe('the public interest form, sent again and again', () => {
  const PER_ADDRESS = 10;
  const PER_EMAIL = 3;
  let cohortId: string;
  beforeEach(async () => {
    cohortId = await createCohortThreeThenTwo(t, coordinator);
    expect((await coordinator.post(`/cohorts/${cohortId}/interest/open`)).status).toBe(303);
  });
  const from = (ip: string) => ({ origin: t.config.baseUrl, 'x-forwarded-for': ip });
  const send = (email: string, ip: string) => t.client().post(`/interest/${cohortId}`, { name: 'Ann Applicant', email, whyNow: 'Now is the time.' }, from(ip));
  const entries = async (id = cohortId) => (await t.deps.db.selectFrom('cohort_interest').select('email').where('cohort_id', '=', id).execute()).length;

  it(`takes ${PER_ADDRESS} registrations an hour from one address, and answers the rest with the same page`, async () => {
    const pages: string[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await send(`person${i}@example.org`, '203.0.113.7');
      expect(res.status).toBe(200);
      pages.push(res.text);
    }
    expect(await entries()).toBe(PER_ADDRESS);
    expect(new Set(pages).size).toBe(1);
    expect(pages[0]).toContain('We have your details');
    // Others are not held back by one address's flood, nor is that address after the hour.
    expect((await send('someone.else@example.org', '198.51.100.4')).text).toBe(pages[0]);
    expect(await entries()).toBe(PER_ADDRESS + 1);
    t.clock.advance(HOUR + 1000);
    await send('after.an.hour@example.org', '203.0.113.7');
    expect(await entries()).toBe(PER_ADDRESS + 2);
  });

  it('counts each cohort separately', async () => {
    const other = await createCohortThreeThenTwo(t, coordinator, { name: 'Winter cohort' });
    await coordinator.post(`/cohorts/${other}/interest/open`);
    for (let i = 0; i < PER_ADDRESS + 2; i++) await send(`person${i}@example.org`, '203.0.113.7');
    const res = await t.client().post(`/interest/${other}`, { name: 'Ann Applicant', email: 'person0@example.org', whyNow: '' }, from('203.0.113.7'));
    expect(res.status).toBe(200);
    expect(await entries()).toBe(PER_ADDRESS);
    expect(await entries(other)).toBe(1);
  });

  it(`takes an email address ${PER_EMAIL} times an hour per cohort, from any address, with the same page as a first registration`, async () => {
    const first = await send('ann@example.org', '198.51.100.1');
    const again: string[] = [];
    for (let i = 2; i <= 30; i++) again.push((await send('ann@example.org', `198.51.100.${i}`)).text);
    expect(new Set([first.text, ...again]).size).toBe(1);
    expect(await entries()).toBe(1);
    // The limit is kept (hashed) like every other; beyond it nothing is looked up or written.
    const counted = await t.deps.db
      .selectFrom('rate_limits')
      .select('hits')
      .where('key', '=', hashSecret(`interest:email:${cohortId}:ann@example.org`))
      .executeTakeFirstOrThrow();
    expect(counted.hits).toBe(30);
    // The addresses used are not spent by it: each may still register someone else.
    await send('bo@example.org', '198.51.100.30');
    expect(await entries()).toBe(2);
  });
});

describe('an exercise file on a draft', () => {
  const SLUG = 'overlap-course';
  const PDF = strToU8('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

  it('is for the programme team until it is published; once published, for everyone who may read that version', async () => {
    const participant = await join([], 'participant', 'Pat Participant');
    const session = (await draftOf(t, SLUG)).modules[0]!.sessions[0]!;
    const res = await postFile(
      coordinator,
      `/programmes/${SLUG}/draft/sessions/${session.id}/files`,
      'file',
      { name: 'draft-handout.pdf', bytes: PDF },
      { title: 'Draft handout', revision: await revisionOf(t, SLUG) },
    );
    expect(res.status).toBe(303);
    const key = (await draftOf(t, SLUG)).modules[0]!.sessions[0]!.files[0]!.storageKey;
    const path = `/programmes/${SLUG}/files/${key}`;
    expect((await participant.browser.get(path)).status).toBe(404);
    expect((await coordinator.raw(path)).status).toBe(200);

    await publish(coordinator, SLUG);
    const download = await participant.browser.raw(path);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);

    // Taken off the draft later, it stays with the version that published it.
    const removed = await coordinator.post(
      `/programmes/${SLUG}/draft/sessions/${session.id}/files/${(await draftOf(t, SLUG)).modules[0]!.sessions[0]!.files[0]!.id}/remove`,
      {
        revision: await revisionOf(t, SLUG),
      },
    );
    expect(removed.status).toBe(303);
    expect((await participant.browser.raw(path)).status).toBe(200);
  });
});

describe('a shared item asked for through another cohort’s address', () => {
  let cohortA: string;
  let cohortB: string;
  let fran: Person;
  let pat: Person;
  beforeEach(async () => {
    cohortA = await createCohortThreeThenTwo(t, coordinator, { name: 'Cohort A' });
    cohortB = await createCohortThreeThenTwo(t, coordinator, { name: 'Cohort B' });
    fran = await join([cohortA, cohortB], 'facilitator', 'Fran Facilitator');
    pat = await join([cohortB], 'participant', 'Pat Participant');
    expect((await pat.browser.post('/my/consent', { keep_writing: 'yes', share_with_facilitators: 'yes' })).status).toBe(303);
  });
  const SECRET = 'SHARED-WITH-COHORT-B-ONLY';
  const reads = async () => (await t.deps.db.selectFrom('audit_events').select('id').where('action', '=', 'health_data_viewed').execute()).length;
  const comments = async () =>
    (await t.deps.db.selectFrom('story_comments').select('id').execute()).length + (await t.deps.db.selectFrom('item_comments').select('id').execute()).length;

  async function expectOnlyThroughB(path: (cohortId: string) => string) {
    const wrong = await fran.browser.get(path(cohortA));
    expect(wrong.status).toBe(404);
    expect(wrong.text).not.toContain(SECRET);
    expect((await fran.browser.post(`${path(cohortA)}/comments`, { text: 'Through the wrong cohort' })).status).toBe(404);
    expect(await reads()).toBe(0);
    expect(await comments()).toBe(0);
    const right = await fran.browser.get(path(cohortB));
    expect(right.status).toBe(200);
    expect(right.text).toContain(SECRET);
    expect((await fran.browser.post(`${path(cohortB)}/comments`, { text: 'Thank you for sharing' })).status).toBe(303);
    expect(await comments()).toBe(1);
  }

  it('is not found for a story, even by a facilitator of both cohorts', async () => {
    const res = await pat.browser.post('/my/stories/new', { title: 'Where I am now', text: SECRET, baseVersion: '0' });
    const id = res.location!.split('/')[3]!.split('?')[0]!;
    expect((await pat.browser.post(`/my/stories/${id}/share`)).status).toBe(303);
    await expectOnlyThroughB((cohortId) => `/cohorts/${cohortId}/shared/${id}`);
  });

  it('is not found for a journal entry', async () => {
    const res = await pat.browser.post('/my/journal', { title: 'After session one', text: SECRET, session: '' });
    const id = res.location!.split('/').pop()!;
    expect((await pat.browser.post(`/my/journal/${id}/sharing`, { shared: 'yes' })).status).toBe(303);
    await expectOnlyThroughB((cohortId) => `/cohorts/${cohortId}/shared-items/journal/${id}`);
  });

  it('is not found for a wellbeing plan', async () => {
    expect((await pat.browser.post('/my/wellbeing', { keepsMeWell: SECRET, earlySigns: '', whatHelps: '', whoToContact: '' })).status).toBe(303);
    expect((await pat.browser.post('/my/wellbeing/sharing', { shared: 'yes' })).status).toBe(303);
    await expectOnlyThroughB((cohortId) => `/cohorts/${cohortId}/shared-items/wellbeing/${pat.user.id}`);
  });

  it('is not found for a stocktake under the address of a cohort it was not kept for, though its owner takes part in both', async () => {
    // A cohort whose plan starts with a pre-programme module asking stocktake questions.
    const edit = await coordinator.post('/programmes/overlap-course/draft/modules/one', {
      revision: await revisionOf(t, 'overlap-course'),
      title: 'Module one',
      preProgramme: 'yes',
      standsAlone: 'yes',
      stocktake: 'What keeps you going?',
    });
    expect(edit.status).toBe(303);
    await publish(coordinator, 'overlap-course', 'Stocktake');
    const programmeId = (await t.deps.db.selectFrom('programmes').select('id').where('slug', '=', 'overlap-course').executeTakeFirstOrThrow()).id;
    const created = await coordinator.post('/cohorts/new', {
      name: 'Cohort C',
      programmeId,
      modules: [`${programmeId}:one`, `${programmeId}:two`],
      startsOn: '2027-01-01',
      endsOn: '2027-02-01',
      mode: 'online',
      attendanceThreshold: '80',
    });
    const cohortC = created.location!.split('/')[2]!.split('?')[0]!;
    for (const [who, role] of [
      [pat, 'participant'],
      [fran, 'facilitator'],
    ] as const)
      expect((await coordinator.post(`/cohorts/${cohortC}/members`, { name: who.user.name, email: who.user.email, role })).status).toBe(303);
    const form = await pat.browser.get(`/my/stocktake/${cohortC}`);
    const field = form.text.match(/name="(q_[^"]+)"/)![1]!;
    expect((await pat.browser.post(`/my/stocktake/${cohortC}`, { [field]: SECRET })).status).toBe(303);
    expect((await pat.browser.post(`/my/stocktake/${cohortC}/sharing`, { shared: 'yes' })).status).toBe(303);
    const id = (await t.deps.db.selectFrom('stocktakes').select('id').where('user_id', '=', pat.user.id).executeTakeFirstOrThrow()).id;
    const path = (cohortId: string) => `/cohorts/${cohortId}/shared-items/stocktake/${id}`;
    expect((await fran.browser.get(path(cohortB))).status).toBe(404);
    expect((await fran.browser.get(path(cohortA))).status).toBe(404);
    const right = await fran.browser.get(path(cohortC));
    expect(right.status).toBe(200);
    expect(right.text).toContain(SECRET);
  });
});
