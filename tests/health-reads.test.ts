import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, signIn } from './support/factories.ts';
import { createCohortThreeThenTwo, createCohortWithStocktake, seedCourse } from './support/cohorts.ts';
import type { TestClient } from './support/client.ts';

// Every kind of health item, read by someone other than its owner: refused unless the rule allows it,
// and when it does, shown, recorded in the audit trail and listed in the owner's "Who has read it".

let t: TestApp;
let coordinator: TestClient;
let administrator: TestClient;
let cohortA: string;
let cohortB: string;
type Person = { user: { id: string; email: string; name: string }; browser: TestClient };
let pat: Person;
let fran: Person;
let fred: Person;
let olly: Person;
let ash: Person;

async function join(cohort: string, role: 'facilitator' | 'participant' | 'assessor', name: string): Promise<Person> {
  const user = await createUser(t.deps, { name });
  expect((await coordinator.post(`/cohorts/${cohort}/members`, { name, email: user.email, role })).status).toBe(303);
  const browser = t.client();
  await signIn(browser, user.email);
  return { user, browser };
}

beforeEach(async () => {
  t = await buildTestApp();
  await seedCourse(t);
  const coord = await createUser(t.deps, { role: 'coordinator', name: 'Cora Coordinator' });
  coordinator = t.client();
  await signIn(coordinator, coord.email);
  const admin = await createUser(t.deps, { role: 'administrator', name: 'Ada Administrator' });
  administrator = t.client();
  await signIn(administrator, admin.email);
  cohortA = await createCohortWithStocktake(t, coordinator, 'What keeps you going?', 'Cohort A');
  cohortB = await createCohortThreeThenTwo(t, coordinator, { name: 'Cohort B' });
  pat = await join(cohortA, 'participant', 'Pat Participant');
  fran = await join(cohortA, 'facilitator', 'Fran Facilitator');
  fred = await join(cohortA, 'facilitator', 'Fred Cofacilitator');
  ash = await join(cohortA, 'assessor', 'Ash Assessor');
  olly = await join(cohortB, 'facilitator', 'Olly Other');
  await pat.browser.post('/my/consent', { keep_writing: 'yes', share_with_facilitators: 'yes' });
});
afterEach(async () => {
  await t.close();
});

const reads = () =>
  t.deps.db
    .selectFrom('audit_events')
    .select(['actor_user_id', 'subject_user_id', 'target_type', 'target_id'])
    .where('action', '=', 'health_data_viewed')
    .orderBy('occurred_at')
    .execute();

interface Written {
  /** Where a facilitator of the given cohort opens it. */
  readPath: (cohortId: string) => string;
  ownerPage: string;
  targetId: string;
  share: () => Promise<void>;
}

const SECRET = 'HEALTH-SECRET-TEXT';

const kinds: { kind: string; write: () => Promise<Written> }[] = [
  {
    kind: 'story',
    async write() {
      const res = await pat.browser.post('/my/stories/new', { title: 'Where I am now', text: SECRET, baseVersion: '0' });
      const id = res.location!.split('/')[3]!.split('?')[0]!;
      return {
        readPath: (cohortId) => `/cohorts/${cohortId}/shared/${id}`,
        ownerPage: `/my/stories/${id}`,
        targetId: id,
        share: async () => void expect((await pat.browser.post(`/my/stories/${id}/share`)).status).toBe(303),
      };
    },
  },
  {
    kind: 'journal',
    async write() {
      const res = await pat.browser.post('/my/journal', { title: 'After session one', text: SECRET, session: '' });
      const id = res.location!.split('/').pop()!;
      return {
        readPath: (cohortId) => `/cohorts/${cohortId}/shared-items/journal/${id}`,
        ownerPage: `/my/journal/${id}`,
        targetId: id,
        share: async () => void expect((await pat.browser.post(`/my/journal/${id}/sharing`, { shared: 'yes' })).status).toBe(303),
      };
    },
  },
  {
    kind: 'wellbeing',
    async write() {
      expect((await pat.browser.post('/my/wellbeing', { keepsMeWell: SECRET, earlySigns: '', whatHelps: '', whoToContact: '' })).status).toBe(303);
      return {
        readPath: (cohortId) => `/cohorts/${cohortId}/shared-items/wellbeing/${pat.user.id}`,
        ownerPage: '/my/wellbeing',
        targetId: pat.user.id,
        share: async () => void expect((await pat.browser.post('/my/wellbeing/sharing', { shared: 'yes' })).status).toBe(303),
      };
    },
  },
  {
    kind: 'stocktake',
    async write() {
      const form = await pat.browser.get(`/my/stocktake/${cohortA}`);
      const field = form.text.match(/name="(q_[^"]+)"/)![1]!;
      expect((await pat.browser.post(`/my/stocktake/${cohortA}`, { [field]: SECRET })).status).toBe(303);
      const id = (await t.deps.db.selectFrom('stocktakes').select('id').where('user_id', '=', pat.user.id).executeTakeFirstOrThrow()).id;
      return {
        readPath: (cohortId) => `/cohorts/${cohortId}/shared-items/stocktake/${id}`,
        ownerPage: `/my/stocktake/${cohortA}`,
        targetId: id,
        share: async () => void expect((await pat.browser.post(`/my/stocktake/${cohortA}/sharing`, { shared: 'yes' })).status).toBe(303),
      };
    },
  },
];

describe.each(kinds)('a $kind read by someone other than its owner', ({ kind, write }) => {
  it('is refused to everyone, the cohort’s own facilitator included, until the owner shares it', async () => {
    const item = await write();
    for (const [who, path] of [
      [fran.browser, item.readPath(cohortA)],
      [olly.browser, item.readPath(cohortB)],
      [olly.browser, item.readPath(cohortA)],
      [ash.browser, item.readPath(cohortA)],
      [coordinator, item.readPath(cohortA)],
      [administrator, item.readPath(cohortA)],
      [fran.browser, item.ownerPage],
      [administrator, item.ownerPage],
    ] as const) {
      const res = await who.get(path);
      // An owner's page asked for by someone else is their own empty page (or the consent it needs) at most.
      expect(path === item.ownerPage ? [303, 403, 404] : [403, 404], `${kind} ${path}`).toContain(res.status);
      expect(res.text).not.toContain(SECRET);
    }
    expect(await reads()).toEqual([]);
    expect((await pat.browser.get(item.ownerPage)).text).not.toMatch(/read it on/);
  });

  it('once shared, is shown to the facilitator of the owner’s cohort, recorded, and listed in the owner’s “Who has read it”; still refused to the rest', async () => {
    const item = await write();
    await item.share();
    const read = await fran.browser.get(item.readPath(cohortA));
    expect(read.status).toBe(200);
    expect(read.text).toContain(SECRET);
    expect(await reads()).toEqual([{ actor_user_id: fran.user.id, subject_user_id: pat.user.id, target_type: kind, target_id: item.targetId }]);

    for (const [who, path] of [
      [olly.browser, item.readPath(cohortB)],
      [olly.browser, item.readPath(cohortA)],
      [ash.browser, item.readPath(cohortA)],
      [coordinator, item.readPath(cohortA)],
      [administrator, item.readPath(cohortA)],
    ] as const) {
      const res = await who.get(path);
      expect([403, 404], `${kind} ${path}`).toContain(res.status);
      expect(res.text).not.toContain(SECRET);
    }
    // Refused reads leave no trace as reads.
    expect(await reads()).toHaveLength(1);

    const own = await pat.browser.get(item.ownerPage);
    expect(own.text).toMatch(/Fran Facilitator read it on/);
    // The owner's own reading is not a read by someone else.
    expect(await reads()).toHaveLength(1);
  });

  it('is listed to the cohort’s facilitators only while shared, and the list itself is theirs alone', async () => {
    const item = await write();
    const listed = async () => (await fran.browser.get(`/cohorts/${cohortA}/shared`)).text.includes(item.readPath(cohortA));
    expect(await listed()).toBe(false);
    await item.share();
    expect(await listed()).toBe(true);
    for (const who of [olly.browser, ash.browser, coordinator, administrator, pat.browser]) {
      expect((await who.get(`/cohorts/${cohortA}/shared`)).status).toBe(403);
    }
  });
});

describe('readiness notes read by someone other than the participant', () => {
  const NOTE = 'READINESS-NOTE-AGREED';
  /** The outcome as the facilitator's page lists it among the conversations held before. */
  const OUTCOME = /class="hint">[^<]*: Ready, with support we agreed</;

  async function record(): Promise<string> {
    const res = await fran.browser.post(`/cohorts/${cohortA}/readiness/${pat.user.id}`, { outcome: 'ready_with_support', signpostedTo: '', agreedNote: NOTE });
    expect(res.status).toBe(303);
    return (await t.deps.db.selectFrom('readiness_conversations').select('id').executeTakeFirstOrThrow()).id;
  }

  it('are read by the facilitators of the cohort the conversation was held for, with no share needed (agreed with the participant), and each read is recorded and shown to the participant', async () => {
    const id = await record();
    // Recording is not reading: nothing read yet.
    expect(await reads()).toEqual([]);
    const read = await fred.browser.get(`/cohorts/${cohortA}/readiness/${pat.user.id}`);
    expect(read.status).toBe(200);
    expect(read.text).toMatch(OUTCOME);
    expect(await reads()).toEqual([{ actor_user_id: fred.user.id, subject_user_id: pat.user.id, target_type: 'readiness', target_id: id }]);
    const mine = await pat.browser.get('/my/readiness');
    expect(mine.text).toContain(NOTE);
    expect(mine.text).toMatch(/Fred Cofacilitator read it on/);
    expect(await reads()).toHaveLength(1);
  });

  it('are refused to facilitators of another cohort, assessors, coordinators and administrators', async () => {
    await record();
    for (const [who, path] of [
      [olly.browser, `/cohorts/${cohortA}/readiness/${pat.user.id}`],
      [olly.browser, `/cohorts/${cohortB}/readiness/${pat.user.id}`],
      [ash.browser, `/cohorts/${cohortA}/readiness/${pat.user.id}`],
      [coordinator, `/cohorts/${cohortA}/readiness/${pat.user.id}`],
      [administrator, `/cohorts/${cohortA}/readiness/${pat.user.id}`],
      [fran.browser, '/my/readiness'],
    ] as const) {
      const res = await who.get(path);
      // Fran's own readiness page is hers: empty, since no one held a conversation with her.
      expect(path === '/my/readiness' ? [200] : [403, 404], path).toContain(res.status);
      expect(res.text).not.toContain(NOTE);
      expect(res.text).not.toMatch(OUTCOME);
    }
    expect(await reads()).toEqual([]);
  });

  it('stay with the cohort they were held for when the participant takes part in another cohort too', async () => {
    await record();
    expect((await coordinator.post(`/cohorts/${cohortB}/members`, { name: pat.user.name, email: pat.user.email, role: 'participant' })).status).toBe(303);
    const other = await olly.browser.get(`/cohorts/${cohortB}/readiness/${pat.user.id}`);
    expect(other.status).toBe(200);
    expect(other.text).not.toMatch(OUTCOME);
    expect(await reads()).toEqual([]);
  });
});
