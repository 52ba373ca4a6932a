import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { sql } from 'kysely';
import { buildTestApp, testEngine, type TestApp } from './support/app.ts';
import { createUser, PASSWORD, signIn } from './support/factories.ts';
import { createCohortThreeThenTwo, createCohortWithStocktake, seedCourse } from './support/cohorts.ts';
import type { TestClient } from './support/client.ts';
import { privacyRegistry } from '../src/db/privacy-registry.ts';
import { MINUTE } from '../src/lib/clock.ts';

let t: TestApp;
let coordinator: TestClient;
let cohortId: string;
beforeEach(async () => {
  t = await buildTestApp();
  await seedCourse(t);
  const user = await createUser(t.deps, { role: 'coordinator' });
  coordinator = t.client();
  await signIn(coordinator, user.email);
  cohortId = await createCohortThreeThenTwo(t, coordinator);
});
afterEach(async () => {
  await t.close();
});

async function join(cohort: string, role: 'facilitator' | 'participant' | 'assessor', name: string) {
  const user = await createUser(t.deps, { name });
  expect((await coordinator.post(`/cohorts/${cohort}/members`, { name, email: user.email, role })).status).toBe(303);
  const browser = t.client();
  await signIn(browser, user.email);
  return { user, browser };
}

async function writeStory(browser: TestClient, text = 'My story, in my words.') {
  await browser.post('/my/consent', { keep_writing: 'yes', share_with_facilitators: 'yes' });
  const res = await browser.post('/my/stories/new', { title: 'Where I am now', text, baseVersion: '0' });
  expect(res.status).toBe(303);
  return res.location!.split('/')[3]!.split('?')[0]!;
}

describe('consent', () => {
  it('asks for consent before the first story, and records which wording was agreed', async () => {
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    expect((await pat.browser.get('/my/stories/new')).location).toBe('/my/consent');
    const refused = await pat.browser.post('/my/stories/new', { title: 'x', text: 'y', baseVersion: '0' });
    expect(refused.location).toBe('/my/consent');
    await pat.browser.post('/my/consent', { keep_writing: 'yes' });
    const records = await t.deps.db
      .selectFrom('consent_records')
      .select(['purpose', 'text_version', 'withdrawn_at'])
      .where('user_id', '=', pat.user.id)
      .execute();
    expect(records).toEqual([{ purpose: 'keep_writing', text_version: 1, withdrawn_at: null }]);
    expect((await pat.browser.get('/my/stories/new')).status).toBe(200);
  });
});

describe('recovery story', () => {
  it('keeps every save as a version that can be viewed and restored', async () => {
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const id = await writeStory(pat.browser, 'First draft.');
    await pat.browser.post(`/my/stories/${id}/save`, { title: 'Where I am now', text: 'Second draft.', baseVersion: '1' });
    const v1 = await pat.browser.get(`/my/stories/${id}/versions/1`);
    expect(v1.text).toContain('First draft.');
    await pat.browser.post(`/my/stories/${id}/versions/1/restore`);
    const page = await pat.browser.get(`/my/stories/${id}`);
    expect(page.text).toContain('First draft.');
    expect(page.text).toContain('Version 3');
  });

  it('refuses a save from a second tab built on an older version, showing both texts', async () => {
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const id = await writeStory(pat.browser, 'Original.');
    await pat.browser.post(`/my/stories/${id}/save`, { title: 'Where I am now', text: 'Saved from tab one.', baseVersion: '1' });
    const second = await pat.browser.post(`/my/stories/${id}/save`, { title: 'Where I am now', text: 'Written in tab two.', baseVersion: '1' });
    expect(second.status).toBe(409);
    expect(second.text).toContain('Saved from tab one.');
    expect(second.text).toContain('Written in tab two.');
    expect(second.text).toContain('value="2"');
    const again = await pat.browser.post(`/my/stories/${id}/save`, { title: 'Where I am now', text: 'Written in tab two.', baseVersion: '2' });
    expect(again.status).toBe(303);
  });

  it('keeps what was written when the login session expired, and saves it after signing in again', async () => {
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const id = await writeStory(pat.browser, 'Before the break.');
    t.clock.advance(t.config.sessionIdleMs + MINUTE);
    const res = await pat.browser.post(`/my/stories/${id}/save`, { title: 'Where I am now', text: 'A long paragraph written slowly.', baseVersion: '1' });
    expect(res.status).toBe(303);
    expect(res.location).toContain('/sign-in?notice=kept');
    const signInPage = await pat.browser.get(res.location!);
    expect(signInPage.text).toContain('What you wrote is safe');
    const back = await pat.browser.post('/sign-in', { email: pat.user.email, password: PASSWORD, next: '/' });
    expect(back.location).toBe(`/my/stories/${id}?notice=resumed`);
    const page = await pat.browser.get(back.location!);
    expect(page.text).toContain('A long paragraph written slowly.');
    expect(page.text).toContain('What you wrote has been saved');
    expect(await t.deps.db.selectFrom('pending_saves').selectAll().execute()).toEqual([]);
  });

  it('does not hand kept writing to someone else who signs in on the same browser', async () => {
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const id = await writeStory(pat.browser, 'Before the break.');
    t.clock.advance(t.config.sessionIdleMs + MINUTE);
    await pat.browser.post(`/my/stories/${id}/save`, { title: 'T', text: 'Private words.', baseVersion: '1' });
    const other = await createUser(t.deps, { name: 'Someone Else' });
    const res = await pat.browser.post('/sign-in', { email: other.email, password: PASSWORD, next: '/' });
    expect(res.location).toBe('/');
    expect(await t.deps.db.selectFrom('story_versions').select('text').where('user_id', '=', other.id).execute()).toEqual([]);
  });
});

describe('sharing and who may read', () => {
  it('lets the cohort’s facilitator read and comment, records every read for the writer, and refuses everyone else', async () => {
    const fran = await join(cohortId, 'facilitator', 'Fran Facilitator');
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const assessor = await join(cohortId, 'assessor', 'Ash Assessor');
    const otherCohort = await createCohortThreeThenTwo(t, coordinator, { name: 'Other cohort' });
    const otherFacilitator = await join(otherCohort, 'facilitator', 'Olly Other');
    const id = await writeStory(pat.browser, 'SECRET-STORY-TEXT');

    // Private: nobody else.
    expect((await fran.browser.get(`/cohorts/${cohortId}/shared/${id}`)).status).toBe(403);

    await pat.browser.post(`/my/stories/${id}/share`);
    const list = await fran.browser.get(`/cohorts/${cohortId}/shared`);
    expect(list.text).toContain('Where I am now');
    const read = await fran.browser.get(`/cohorts/${cohortId}/shared/${id}`);
    expect(read.status).toBe(200);
    expect(read.text).toContain('SECRET-STORY-TEXT');
    await fran.browser.post(`/cohorts/${cohortId}/shared/${id}/comments`, { text: 'Thank you for sharing this.' });

    for (const [who, path] of [
      [otherFacilitator.browser, `/cohorts/${otherCohort}/shared/${id}`],
      [otherFacilitator.browser, `/cohorts/${cohortId}/shared/${id}`],
      [assessor.browser, `/cohorts/${cohortId}/shared/${id}`],
      [coordinator, `/cohorts/${cohortId}/shared/${id}`],
      [fran.browser, `/my/stories/${id}`],
      [fran.browser, `/my/stories/${id}/versions/1`],
    ] as const) {
      const res = await who.get(path);
      expect([403, 404], path).toContain(res.status);
      expect(res.text).not.toContain('SECRET-STORY-TEXT');
    }
    expect((await otherFacilitator.browser.post(`/cohorts/${cohortId}/shared/${id}/comments`, { text: 'x' })).status).toBe(403);

    const own = await pat.browser.get(`/my/stories/${id}`);
    expect(own.text).toMatch(/Fran Facilitator read it on/);
    expect(own.text).toContain('Thank you for sharing this.');
    const views = await t.deps.db.selectFrom('audit_events').select(['actor_user_id', 'subject_user_id']).where('action', '=', 'health_data_viewed').execute();
    expect(views).toEqual([{ actor_user_id: fran.user.id, subject_user_id: pat.user.id }]);

    // Un-sharing takes effect on the facilitator's very next request.
    await pat.browser.post(`/my/stories/${id}/unshare`);
    expect((await fran.browser.get(`/cohorts/${cohortId}/shared/${id}`)).status).toBe(403);
  });

  it('un-shares everything when the sharing consent is withdrawn', async () => {
    const fran = await join(cohortId, 'facilitator', 'Fran Facilitator');
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const id = await writeStory(pat.browser);
    await pat.browser.post(`/my/stories/${id}/share`);
    expect((await fran.browser.get(`/cohorts/${cohortId}/shared/${id}`)).status).toBe(200);
    await pat.browser.post('/my/consent', { keep_writing: 'yes' });
    expect((await fran.browser.get(`/cohorts/${cohortId}/shared/${id}`)).status).toBe(403);
    // And sharing again needs the consent back.
    expect((await pat.browser.post(`/my/stories/${id}/share`)).location).toBe('/my/consent');
  });
});

describe('download my data', () => {
  it('contains every registered table that holds personal data, as JSON and readable HTML', async () => {
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    await writeStory(pat.browser, 'Story for the export.');
    const res = await pat.browser.raw('/my/data');
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const personal = Object.entries(privacyRegistry)
      .filter(([, d]) => d.person !== null)
      .map(([table]) => table);
    for (const table of personal) expect(Object.keys(files), table).toContain(`my-peer-toolbox-data/json/${table}.json`);
    const html = strFromU8(files['my-peer-toolbox-data/index.html']!);
    expect(html).toContain('<h1>Everything Peer Toolbox holds about Pat Participant</h1>');
    expect(html).toContain('Story for the export.');
    const users = JSON.parse(strFromU8(files['my-peer-toolbox-data/json/users.json']!));
    expect(users[0].email).toBe(pat.user.email);
    expect(users[0].password_hash).toBeUndefined();
    // Safeguarding records are not handed over unreviewed.
    expect(JSON.parse(strFromU8(files['my-peer-toolbox-data/json/safeguarding_concerns.json']!))[0].note).toContain('on request');
    // Nobody else's story.
    expect(JSON.parse(strFromU8(files['my-peer-toolbox-data/json/story_versions.json']!)).every((v: { user_id: string }) => v.user_id === pat.user.id)).toBe(
      true,
    );
  });
});

describe('consent page', () => {
  it('confirms the choices were saved and shows them ticked', async () => {
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const res = await pat.browser.post('/my/consent', { anonymised_reports: 'yes' });
    const page = await pat.browser.get(res.location!);
    expect(page.text).toContain('Your choices have been saved.');
    expect(page.text).toMatch(/id="consent-anonymised_reports-0" name="anonymised_reports" value="yes" checked/);
  });
});

describe('journal and wellbeing plan', () => {
  it('keeps entries and plans private until shared, lets the cohort’s facilitator read and comment with an audit trail, and refuses assessors and other cohorts', async () => {
    const fran = await join(cohortId, 'facilitator', 'Fran Facilitator');
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const assessor = await join(cohortId, 'assessor', 'Ash Assessor');
    const other = await join(await createCohortThreeThenTwo(t, coordinator, { name: 'Other' }), 'facilitator', 'Olly Other');
    await pat.browser.post('/my/consent', { keep_writing: 'yes', share_with_facilitators: 'yes' });
    const created = await pat.browser.post('/my/journal', { title: 'After session one', text: 'JOURNAL-SECRET', session: '' });
    expect(created.status).toBe(303);
    const entryId = created.location!.split('/').pop()!;
    await pat.browser.post('/my/wellbeing', { keepsMeWell: 'PLAN-SECRET walking', earlySigns: '', whatHelps: '', whoToContact: '' });

    const entryPath = `/cohorts/${cohortId}/shared-items/journal/${entryId}`;
    const planPath = `/cohorts/${cohortId}/shared-items/wellbeing/${pat.user.id}`;
    expect((await fran.browser.get(entryPath)).status).toBe(403);
    expect((await fran.browser.get(planPath)).status).toBe(403);

    await pat.browser.post(`/my/journal/${entryId}/sharing`, { shared: 'yes' });
    await pat.browser.post('/my/wellbeing/sharing', { shared: 'yes' });
    const list = await fran.browser.get(`/cohorts/${cohortId}/shared`);
    expect(list.text).toContain('After session one');
    expect(list.text).toContain('Wellbeing plan');
    expect((await fran.browser.get(entryPath)).text).toContain('JOURNAL-SECRET');
    expect((await fran.browser.get(planPath)).text).toContain('PLAN-SECRET');
    await fran.browser.post(`${entryPath}/comments`, { text: 'A thoughtful reflection.' });

    for (const who of [assessor.browser, other.browser, coordinator]) {
      for (const path of [entryPath, planPath]) {
        const r = await who.get(path);
        expect(r.status, path).toBe(403);
        expect(r.text).not.toMatch(/JOURNAL-SECRET|PLAN-SECRET/);
      }
    }
    const own = await pat.browser.get(`/my/journal/${entryId}`);
    expect(own.text).toMatch(/Fran Facilitator read it on/);
    expect(own.text).toContain('A thoughtful reflection.');
    expect((await pat.browser.get('/my/wellbeing')).text).toMatch(/Fran Facilitator read it on/);

    // Withdrawing the sharing consent un-shares the journal and the plan too.
    await pat.browser.post('/my/consent', { keep_writing: 'yes' });
    expect((await fran.browser.get(entryPath)).status).toBe(403);
    expect((await fran.browser.get(planPath)).status).toBe(403);
  });
});

describe('autosave', () => {
  it('answers an autosave with the new version, and with 409 when another tab saved first', async () => {
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const id = await writeStory(pat.browser, 'One.');
    const ok = await pat.browser.post(
      `/my/stories/${id}/save`,
      { title: 'T', text: 'Two.', baseVersion: '1' },
      { origin: 'http://localhost:3000', 'x-autosave': '1' },
    );
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toEqual({ saved: true, version: 2 });
    const stale = await pat.browser.post(
      `/my/stories/${id}/save`,
      { title: 'T', text: 'Three.', baseVersion: '1' },
      { origin: 'http://localhost:3000', 'x-autosave': '1' },
    );
    expect(stale.status).toBe(409);
  });
});

describe('readiness conversation', () => {
  it('is recorded by the cohort’s facilitator with a minimal outcome and a note the participant sees', async () => {
    const fran = await join(cohortId, 'facilitator', 'Fran Facilitator');
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const assessor = await join(cohortId, 'assessor', 'Ash Assessor');
    const path = `/cohorts/${cohortId}/readiness/${pat.user.id}`;
    const bad = await fran.browser.post(path, { outcome: 'not_now', signpostedTo: '', agreedNote: 'Kept note' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Say where you signposted them');
    expect(bad.text).toContain('Kept note');
    expect(
      (await fran.browser.post(path, { outcome: 'ready_with_support', signpostedTo: '', agreedNote: 'We agreed to check in after session two.' })).status,
    ).toBe(303);
    const mine = await pat.browser.get('/my/readiness');
    expect(mine.text).toContain('Ready, with support we agreed');
    expect(mine.text).toContain('We agreed to check in after session two.');
    for (const who of [assessor.browser, pat.browser]) expect((await who.post(path, { outcome: 'ready', agreedNote: 'x' })).status).toBe(403);
  });
});

describe('personal stocktake', () => {
  it('uses the questions the programme team wrote, stays private until shared, and is refused to assessors', async () => {
    const id = await createCohortWithStocktake(t, coordinator, 'What keeps you going?\nWhat would you like from the programme?', 'With stocktake');
    const fran = await join(id, 'facilitator', 'Fran Facilitator');
    const pat = await join(id, 'participant', 'Pat Participant');
    const assessor = await join(id, 'assessor', 'Ash Assessor');
    await pat.browser.post('/my/consent', { keep_writing: 'yes', share_with_facilitators: 'yes' });
    const form = await pat.browser.get(`/my/stocktake/${id}`);
    expect(form.text).toContain('What keeps you going?');
    const fields = [...form.text.matchAll(/name="(q_[^"]+)"/g)].map((m) => m[1]!);
    expect(fields).toHaveLength(2);
    await pat.browser.post(`/my/stocktake/${id}`, { [fields[0]!]: 'STOCKTAKE-ANSWER', [fields[1]!]: '' });
    const st = await t.deps.db.selectFrom('stocktakes').select('id').executeTakeFirstOrThrow();
    const path = `/cohorts/${id}/shared-items/stocktake/${st.id}`;
    expect((await fran.browser.get(path)).status).toBe(403);
    await pat.browser.post(`/my/stocktake/${id}/sharing`, { shared: 'yes' });
    expect((await fran.browser.get(path)).text).toContain('STOCKTAKE-ANSWER');
    const refused = await assessor.browser.get(path);
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('STOCKTAKE-ANSWER');
    expect((await pat.browser.get(`/my/stocktake/${id}`)).text).toContain('Fran Facilitator read it on');
    // Someone who is not a participant of that cohort has no stocktake there.
    expect((await fran.browser.get(`/my/stocktake/${id}`)).status).toBe(404);
  });
});

describe('consent wording', () => {
  it('is versioned by coordinators; records keep the version agreed; participants are asked to read new wording', async () => {
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    await pat.browser.post('/my/consent', { keep_writing: 'yes' });
    expect((await pat.browser.post('/admin/consent-texts/keep_writing', { text: 'x', withdrawEffect: 'y' })).status).toBe(403);
    const saved = await coordinator.post('/admin/consent-texts/keep_writing', {
      text: 'New plain wording about keeping your writing.',
      withdrawEffect: 'Nothing new can be written.',
    });
    expect(saved.status).toBe(303);
    const page = await pat.browser.get('/my/consent');
    expect(page.text).toContain('New plain wording about keeping your writing.');
    expect(page.text).toContain('The wording has changed since you agreed');
    await pat.browser.post('/my/consent', { keep_writing: 'yes' });
    const records = await t.deps.db
      .selectFrom('consent_records')
      .select(['text_version', 'withdrawn_at'])
      .where('user_id', '=', pat.user.id)
      .orderBy('given_at')
      .execute();
    expect(records.map((r) => [r.text_version, r.withdrawn_at === null])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect((await pat.browser.get('/my/consent')).text).not.toContain('The wording has changed');
  });
});

describe('a long journal', () => {
  it('lists entries newest first, twenty to a page, with links between the pages', async () => {
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    await pat.browser.post('/my/consent', { keep_writing: 'yes' });
    for (let i = 1; i <= 23; i++) {
      expect((await pat.browser.post('/my/journal', { title: `Day ${i}`, text: 'Written today.', session: '' })).status).toBe(303);
      t.clock.advance(MINUTE);
    }
    const titles = (text: string) => [...text.matchAll(/>(Day \d+)<\/a>/g)].map((m) => m[1]);
    const first = await pat.browser.get('/my/journal');
    expect(titles(first.text)).toEqual(Array.from({ length: 20 }, (_, i) => `Day ${23 - i}`));
    expect(first.text).toContain('href="/my/journal?page=2">Older entries');
    expect(first.text).not.toContain('Newer entries');

    const second = await pat.browser.get('/my/journal?page=2');
    expect(titles(second.text)).toEqual(['Day 3', 'Day 2', 'Day 1']);
    expect(second.text).toContain('href="/my/journal">Newer entries');
    expect(second.text).not.toContain('Older entries');

    // A page number that is not one is page 1, not an error.
    expect(titles((await pat.browser.get('/my/journal?page=x')).text)[0]).toBe('Day 23');
  });
});

describe('nothing lost outside the story', () => {
  it('offers a journal entry written across an expired login back, filled in, after signing in', async () => {
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    await pat.browser.post('/my/consent', { keep_writing: 'yes' });
    t.clock.advance(t.config.sessionIdleMs + MINUTE);
    const res = await pat.browser.post('/my/journal', { title: 'Tonight', text: 'A reflection written over a long evening.', session: '' });
    expect(res.location).toContain('/sign-in?notice=kept');
    const back = await pat.browser.post('/sign-in', { email: pat.user.email, password: PASSWORD, next: '/' });
    expect(back.location).toMatch(/^\/my\/resume\//);
    const page = await pat.browser.get(back.location!);
    expect(page.text).toContain('A reflection written over a long evening.');
    expect(page.text).toContain('value="A reflection written over a long evening."');
    const saved = await pat.browser.post('/my/journal', { title: 'Tonight', text: 'A reflection written over a long evening.', session: '' });
    expect(saved.status).toBe(303);
    expect((await t.deps.db.selectFrom('journal_entries').select('text').execute()).map((r) => r.text)).toEqual(['A reflection written over a long evening.']);
  });
});

describe('bad input is a 422 page with what was typed', () => {
  it('refuses an empty comment with a message instead of dropping it, and keeps an over-long journal title instead of cutting it', async () => {
    const fran = await join(cohortId, 'facilitator', 'Fran Facilitator');
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const id = await writeStory(pat.browser, 'Shared words.');
    await pat.browser.post(`/my/stories/${id}/share`);
    const empty = await fran.browser.post(`/cohorts/${cohortId}/shared/${id}/comments`, { text: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Write your comment');
    expect(empty.text).toContain('Shared words.');
    expect(await t.deps.db.selectFrom('story_comments').select('id').execute()).toEqual([]);

    const long = 'T'.repeat(201);
    const entry = await pat.browser.post('/my/journal', { title: long, text: 'Kept text.', session: '' });
    expect(entry.status).toBe(422);
    expect(entry.text).toContain('The title must be 200 characters or fewer');
    expect(entry.text).toContain('Kept text.');
    expect(await t.deps.db.selectFrom('journal_entries').select('id').execute()).toEqual([]);
  });

  it('refuses empty consent wording with the form as typed, and saves no new version', async () => {
    const res = await coordinator.post('/admin/consent-texts/keep_writing', { text: 'Half-written new wording', withdrawEffect: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Say what happens if they say no later');
    expect(res.text).toContain('Half-written new wording');
    expect(res.text).toContain('href="#field-keep_writing-withdrawEffect"');
    expect(await t.deps.db.selectFrom('consent_texts').select('id').execute()).toEqual([]);
  });
});

describe('a consent change is one transaction', () => {
  it('leaves consents and sharing as they were when the change cannot be recorded in the audit trail', async () => {
    const fran = await join(cohortId, 'facilitator', 'Fran Facilitator');
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const id = await writeStory(pat.browser, 'Still shared.');
    await pat.browser.post(`/my/stories/${id}/share`);
    // The audit trail refuses the consent change, as a full disk or a lost connection would.
    if (testEngine === 'postgres') {
      await sql`create function refuse_consent_audit() returns trigger language plpgsql as $$ begin if new.action = 'consent_changed' then raise exception 'audit down'; end if; return new; end $$`.execute(
        t.deps.db,
      );
      await sql`create trigger refuse_consent_audit before insert on audit_events for each row execute function refuse_consent_audit()`.execute(t.deps.db);
    } else {
      await sql`create trigger refuse_consent_audit before insert on audit_events when new.action = 'consent_changed' begin select raise(abort, 'audit down'); end`.execute(
        t.deps.db,
      );
    }
    // Withdrawing the sharing consent and giving another at once.
    const res = await pat.browser.post('/my/consent', { keep_writing: 'yes', anonymised_reports: 'yes' });
    expect(res.status).toBe(500);
    const active = await t.deps.db
      .selectFrom('consent_records')
      .select('purpose')
      .where('user_id', '=', pat.user.id)
      .where('withdrawn_at', 'is', null)
      .execute();
    expect(active.map((r) => r.purpose).sort()).toEqual(['keep_writing', 'share_with_facilitators']);
    expect((await fran.browser.get(`/cohorts/${cohortId}/shared/${id}`)).text).toContain('Still shared.');
  });
});

describe('each sub-area guards its own prefix', () => {
  it('sends someone signed out to sign in from every page of the private space', async () => {
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const stranger = t.client();
    for (const path of [
      '/my',
      '/my/stories/new',
      '/my/journal',
      '/my/wellbeing',
      `/my/stocktake/${cohortId}`,
      '/my/readiness',
      '/my/consent',
      '/my/data',
      '/my/resume/x',
      '/admin/consent-texts',
      `/cohorts/${cohortId}/shared`,
      `/cohorts/${cohortId}/shared-items/journal/x`,
      `/cohorts/${cohortId}/readiness/${pat.user.id}`,
    ]) {
      const res = await stranger.get(path);
      expect(res.status, path).toBe(303);
      expect(res.location, path).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
  });
});
