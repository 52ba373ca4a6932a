import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, signIn } from './support/factories.ts';
import { createCohortThreeThenTwo, seedCourse } from './support/cohorts.ts';
import type { TestClient } from './support/client.ts';
import { formatDate } from '../src/lib/format.ts';
import { readHealthItem } from '../src/features/private/index.ts';
import type { Actor } from '../src/policies/actor.ts';

// Sharing reaches the facilitators of every cohort the owner takes part in, so enrolling someone as a
// participant opens what they share to that cohort's facilitators. A facilitator who also manages
// cohorts therefore cannot enrol an existing account into their own cohort; every enrolment is audited
// and the participant is told in their "Who has read it".

let t: TestApp;
type Person = { user: { id: string; email: string; name: string }; browser: TestClient };
let cora: Person; // coordinator who facilitates cohort A
let cole: Person; // another coordinator
let pat: Person; // takes part in cohort B and shares a story there
let cohortA: string;
let cohortB: string;
let storyId: string;

const SECRET = 'PATS-STORY-FOR-COHORT-B';

async function person(name: string, role: 'administrator' | 'coordinator' | null = null): Promise<Person> {
  const user = await createUser(t.deps, { name, role });
  const browser = t.client();
  await signIn(browser, user.email);
  return { user, browser };
}

const add = (by: Person, who: { name: string; email: string }, role: 'facilitator' | 'participant', cohort: string) =>
  by.browser.post(`/cohorts/${cohort}/members`, { name: who.name, email: who.email, role });

const enrolments = (userId: string) =>
  t.deps.db
    .selectFrom('audit_events')
    .select(['actor_user_id', 'subject_user_id', 'target_type', 'target_id', 'occurred_at'])
    .where('action', '=', 'participant_enrolled')
    .where('subject_user_id', '=', userId)
    .orderBy('occurred_at')
    .execute();

const memberships = (userId: string) =>
  t.deps.db.selectFrom('cohort_members').select(['cohort_id', 'role']).where('user_id', '=', userId).orderBy('cohort_id').execute();

beforeEach(async () => {
  t = await buildTestApp();
  await seedCourse(t);
  cora = await person('Cora Coordinator', 'coordinator');
  cole = await person('Cole Coordinator', 'coordinator');
  pat = await person('Pat Participant');
  cohortB = await createCohortThreeThenTwo(t, cole.browser, { name: 'Cohort B' });
  expect((await add(cole, pat.user, 'participant', cohortB)).status).toBe(303);
  await pat.browser.post('/my/consent', { keep_writing: 'yes', share_with_facilitators: 'yes' });
  const written = await pat.browser.post('/my/stories/new', { title: 'Mine', text: SECRET, baseVersion: '0' });
  storyId = written.location!.split('/')[3]!.split('?')[0]!;
  expect((await pat.browser.post(`/my/stories/${storyId}/share`)).status).toBe(303);
  cohortA = await createCohortThreeThenTwo(t, cora.browser, { name: 'Cohort A' });
  expect((await add(cole, cora.user, 'facilitator', cohortA)).status).toBe(303);
});
afterEach(async () => {
  await t.close();
});

describe('a coordinator who facilitates a cohort', () => {
  it('cannot enrol someone who already has an account into it, and so cannot read what they share elsewhere', async () => {
    const typed = { name: 'Pat as typed', email: `  ${pat.user.email.toUpperCase()} `, role: 'participant' };
    const refused = await cora.browser.post(`/cohorts/${cohortA}/members`, typed);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('As a facilitator of this cohort you cannot enrol someone who already has an account in it');
    expect(refused.text).toContain('Ask another coordinator or an administrator to enrol them');
    expect(refused.text).toContain('Pat as typed');
    expect(refused.text).toContain(pat.user.email.toUpperCase());
    expect(await memberships(pat.user.id)).toEqual([{ cohort_id: cohortB, role: 'participant' }]);
    expect((await enrolments(pat.user.id)).map((e) => e.target_id)).toEqual([cohortB]);
    const story = await cora.browser.get(`/cohorts/${cohortA}/shared/${storyId}`);
    expect(story.status).not.toBe(200);
    expect(story.text).not.toContain(SECRET);
  });

  it('cannot do it through a participants CSV either: the row says why, and nothing is imported', async () => {
    const csv = `name,email\nNew Person,new.person@example.org\nPat Participant,${pat.user.email}\n`;
    const preview = await cora.browser.post(`/cohorts/${cohortA}/import`, { csv });
    expect(preview.status).toBe(422);
    expect(preview.text).toContain('Row 3: Already has an account: as a facilitator of this cohort you cannot enrol them');
    const forced = await cora.browser.post(`/cohorts/${cohortA}/import`, { csv, confirm: 'yes' });
    expect(forced.status).toBe(422);
    expect(await memberships(pat.user.id)).toEqual([{ cohort_id: cohortB, role: 'participant' }]);
    expect(await t.deps.db.selectFrom('users').select('id').where('email', '=', 'new.person@example.org').executeTakeFirst()).toBeUndefined();
    expect((await cora.browser.get(`/cohorts/${cohortA}/shared/${storyId}`)).text).not.toContain(SECRET);
  });

  it('may still invite someone new, who has nothing yet to read; the enrolment is audited', async () => {
    const invited = await add(cora, { name: 'Nina New', email: 'nina@example.org' }, 'participant', cohortA);
    expect(invited.status).toBe(303);
    expect(invited.location).toContain('notice=invited');
    const nina = await t.deps.db.selectFrom('users').select('id').where('email', '=', 'nina@example.org').executeTakeFirstOrThrow();
    expect(await enrolments(nina.id)).toMatchObject([{ actor_user_id: cora.user.id, target_type: 'cohort', target_id: cohortA }]);
  });

  it('may still enrol themselves as a participant: that opens only their own writing', async () => {
    expect((await add(cora, cora.user, 'participant', cohortA)).status).toBe(303);
    expect(await memberships(cora.user.id)).toHaveLength(2);
  });
});

describe('another coordinator enrolling an existing account', () => {
  it('may: the enrolment is audited in the same step and the participant is told in their read log', async () => {
    expect((await add(cole, pat.user, 'participant', cohortA)).status).toBe(303);
    const audited = await enrolments(pat.user.id);
    expect(audited).toHaveLength(2);
    expect(audited[1]).toMatchObject({ actor_user_id: cole.user.id, subject_user_id: pat.user.id, target_type: 'cohort', target_id: cohortA });

    const story = await cora.browser.get(`/cohorts/${cohortA}/shared/${storyId}`);
    expect(story.status).toBe(200);
    expect(story.text).toContain(SECRET);

    const own = await pat.browser.get(`/my/stories/${storyId}`);
    expect(own.text).toContain(
      `You joined Cohort A on ${formatDate(audited[1]!.occurred_at)}: its facilitators can read what you share with your facilitators`,
    );
    expect(own.text).toContain(`You joined Cohort B on ${formatDate(audited[0]!.occurred_at)}`);
    expect(own.text).toContain('Cora Coordinator read it on');
  });

  it('may through a participants CSV too, audited and told the same way', async () => {
    const csv = `name,email\nPat Participant,${pat.user.email}\n`;
    expect((await cole.browser.post(`/cohorts/${cohortA}/import`, { csv })).status).toBe(200);
    expect((await cole.browser.post(`/cohorts/${cohortA}/import`, { csv, confirm: 'yes' })).status).toBe(303);
    const audited = await enrolments(pat.user.id);
    expect(audited.map((e) => [e.actor_user_id, e.target_id])).toEqual([
      [cole.user.id, cohortB],
      [cole.user.id, cohortA],
    ]);
    const own = await pat.browser.get(`/my/stories/${storyId}`);
    expect(own.text).toContain('You joined Cohort A on');
  });

  it('an administrator who facilitates the cohort is held to the same rule', async () => {
    const ada = await person('Ada Administrator', 'administrator');
    expect((await add(cole, ada.user, 'facilitator', cohortA)).status).toBe(303);
    expect((await add(ada, pat.user, 'participant', cohortA)).status).toBe(422);
    expect(await memberships(pat.user.id)).toEqual([{ cohort_id: cohortB, role: 'participant' }]);
  });
});

describe('a stocktake, through the one read path', () => {
  it('reaches the facilitators of the cohort it was kept for only, not those of its owner’s other cohorts', async () => {
    // A programme with a stocktake for cohort B, and Pat in cohort A as well, with Cora facilitating A.
    const rev = String(
      (await t.deps.db.selectFrom('programmes').select('draft_revision').where('slug', '=', 'overlap-course').executeTakeFirstOrThrow()).draft_revision,
    );
    const edit = await cole.browser.post('/programmes/overlap-course/draft/modules/two', {
      revision: rev,
      title: 'Module two',
      preProgramme: 'yes',
      standsAlone: 'yes',
      stocktake: 'What keeps you going?',
    });
    expect(edit.status).toBe(303);
    expect((await cole.browser.post('/programmes/overlap-course/publish', { note: 'Stocktake' })).status).toBe(303);
    const withStocktake = await createCohortThreeThenTwo(t, cole.browser, { name: 'Cohort S' });
    expect((await add(cole, pat.user, 'participant', withStocktake)).status).toBe(303);
    expect((await add(cole, pat.user, 'participant', cohortA)).status).toBe(303);
    const form = await pat.browser.get(`/my/stocktake/${withStocktake}`);
    const field = form.text.match(/name="(q_[^"]+)"/)![1]!;
    expect((await pat.browser.post(`/my/stocktake/${withStocktake}`, { [field]: 'STOCKTAKE-SECRET' })).status).toBe(303);
    expect((await pat.browser.post(`/my/stocktake/${withStocktake}/sharing`, { shared: 'yes' })).status).toBe(303);
    const id = (await t.deps.db.selectFrom('stocktakes').select('id').where('user_id', '=', pat.user.id).executeTakeFirstOrThrow()).id;

    // Cora facilitates cohort A, where Pat also takes part, but the stocktake was kept for cohort S.
    const coraActor: Actor = { ...cora.user, role: 'coordinator', cohortRoles: [{ cohortId: cohortA, role: 'facilitator' }] };
    await expect(readHealthItem(t.deps, coraActor, { kind: 'stocktake', id })).rejects.toMatchObject({ status: 403 });
    expect((await cora.browser.get(`/cohorts/${cohortA}/shared-items/stocktake/${id}`)).text).not.toContain('STOCKTAKE-SECRET');

    const sFacilitator: Actor = { ...cora.user, role: null, cohortRoles: [{ cohortId: withStocktake, role: 'facilitator' }] };
    expect(Object.values((await readHealthItem(t.deps, sFacilitator, { kind: 'stocktake', id })).answers)).toContain('STOCKTAKE-SECRET');
  });
});
