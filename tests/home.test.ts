import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, signIn } from './support/factories.ts';
import type { TestClient } from './support/client.ts';
import { readPackFiles } from '../src/features/curriculum/pack.ts';
import { importProgramme } from '../src/features/curriculum/commands.ts';

let t: TestApp;
let coordinator: TestClient;
let admin: TestClient;

/** A course with a pre-programme stocktake, a first session and a later one that carries a content note. */
async function seedHomeCourse(): Promise<string> {
  const pack = readPackFiles(
    new Map([
      ['programme.md', strToU8('---\ntitle: Home course\nslug: home-course\n---\n')],
      ['00-ready/module.md', strToU8('---\ntitle: Getting ready\npre_programme: true\nstocktake:\n  - id: going\n    text: What keeps you going?\n---\n')],
      ['01-one/module.md', strToU8('---\ntitle: Module one\n---\n')],
      ['01-one/01-welcome.md', strToU8('---\ntitle: Welcome\naim: Meet the group.\n---\nLesson for Welcome.\n')],
      [
        '01-one/02-risk.md',
        strToU8(
          '---\ntitle: Risk and boundaries\ncontent_notes:\n  - topic: suicide\n    text: This session talks about suicidality and risk.\n---\nLesson for risk.\n',
        ),
      ],
    ]),
  );
  if (!pack.ok) throw new Error(JSON.stringify(pack.problems));
  const result = await importProgramme(t.deps, null, pack, { publish: true });
  if (!result.ok) throw new Error('import failed');
  return result.programmeId;
}

beforeEach(async () => {
  t = await buildTestApp();
  const c = await createUser(t.deps, { role: 'coordinator', name: 'Cora Coordinator' });
  coordinator = t.client();
  await signIn(coordinator, c.email);
  const a = await createUser(t.deps, { role: 'administrator' });
  admin = t.client();
  await signIn(admin, a.email);
});
afterEach(async () => {
  await t.close();
});

async function createCohort(programmeId: string): Promise<string> {
  const res = await coordinator.post('/cohorts/new', {
    name: 'Autumn cohort',
    programmeId,
    modules: [`${programmeId}:one`],
    startsOn: '2026-10-01',
    endsOn: '2026-12-17',
    mode: 'hybrid',
    venue: 'Community Hall, Leith',
    joiningLink: 'https://meet.example.org/room-7',
    attendanceThreshold: '80',
  });
  expect(res.status).toBe(303);
  const id = res.location!.split('/')[2]!.split('?')[0]!;
  const rows = await t.deps.db.selectFrom('cohort_sessions').selectAll().where('cohort_id', '=', id).orderBy('position').execute();
  const form: Record<string, string> = {};
  const dates = ['2026-10-24', '2026-10-31'];
  rows.forEach((r, i) => {
    form[`date_${r.id}`] = dates[i]!;
    form[`time_${r.id}`] = '10:00';
    form[`duration_${r.id}`] = '120';
    form[`place_${r.id}`] = '';
  });
  expect((await coordinator.post(`/cohorts/${id}/schedule`, form)).status).toBe(303);
  return id;
}

async function join(cohortId: string, role: 'facilitator' | 'participant' | 'assessor', name: string) {
  const user = await createUser(t.deps, { name });
  expect((await coordinator.post(`/cohorts/${cohortId}/members`, { name, email: user.email, role })).status).toBe(303);
  const browser = t.client();
  await signIn(browser, user.email);
  return { user, browser };
}

/** The main navigation of a page, without the rest of it. */
const navOf = (html: string) => html.slice(html.indexOf('<nav class="site-nav"'), html.indexOf('</nav>'));

describe('the participant’s home', () => {
  it('shows the next session, what to do before it, the private space and where to find help', async () => {
    const cohortId = await createCohort(await seedHomeCourse());
    const fran = await join(cohortId, 'facilitator', 'Fran Facilitator');
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    expect((await fran.browser.post(`/cohorts/${cohortId}/agreement`, { text: '## Confidentiality\nWhat is said here stays here.' })).status).toBe(303);
    t.clock.set('2026-10-20T09:00:00Z');

    const home = (await pat.browser.get('/')).text;
    // What is next: the session, its time in the cohort's zone, and where it happens.
    expect(home).toContain('Next session: Welcome');
    expect(home).toContain('Saturday 24 October 2026, 10:00');
    expect(home).toContain('British Summer Time');
    expect(home).toContain('Where: Community Hall, Leith');
    expect(home).toContain('href="https://meet.example.org/room-7"');
    // The sensitive session later on is flagged now, not on the day.
    expect(home).toContain('Later sessions with a content note');
    expect(home).toContain('This session talks about suicidality and risk.');
    // What to do before it.
    expect(home).toContain('href="/programmes/home-course/sessions/01-welcome?version=1">Read the lesson: Welcome</a>');
    expect(home).toContain(`href="/cohorts/${cohortId}/agreement">Read and agree to your group agreement</a>`);
    expect(home).toContain(`href="/my/stocktake/${cohortId}">Do your personal stocktake</a>`);
    // Where the private space is, and that it is private.
    expect(home).toContain('<a href="/my">My private space</a>');
    expect(home).toContain('It is private: only you can read what you write there');
    // Help, and who to ask.
    expect(home).toContain('<a href="/help">Get help now</a>: crisis contacts');
    expect(home).toContain('Your facilitators: Fran Facilitator.');
    expect(home).not.toContain('Organisation role');
  });

  it('marks the agreement and the stocktake done once they are, and shows the content note of a sensitive next session', async () => {
    const cohortId = await createCohort(await seedHomeCourse());
    const fran = await join(cohortId, 'facilitator', 'Fran Facilitator');
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    t.clock.set('2026-10-20T09:00:00Z');
    // No agreement written yet: nothing to agree to.
    expect((await pat.browser.get('/')).text).not.toContain('agree to your group agreement');

    await fran.browser.post(`/cohorts/${cohortId}/agreement`, { text: 'We listen.' });
    expect((await pat.browser.post(`/cohorts/${cohortId}/agreement/acknowledge`, { version: '1' })).status).toBe(303);
    await pat.browser.post('/my/consent', { keep_writing: 'yes' });
    const form = await pat.browser.get(`/my/stocktake/${cohortId}`);
    const field = form.text.match(/name="(q_[^"]+)"/)![1]!;
    expect((await pat.browser.post(`/my/stocktake/${cohortId}`, { [field]: 'Walking by the sea.' })).status).toBe(303);

    t.clock.set('2026-10-28T09:00:00Z');
    const home = (await pat.browser.get('/')).text;
    expect(home).toContain('Next session: Risk and boundaries');
    expect(home).toContain('Content note');
    expect(home).toContain('This session talks about suicidality and risk.');
    expect(home).toContain('You can step out at any time without giving a reason.');
    expect(home).toContain('You have agreed to your');
    expect(home).not.toContain('Read and agree to your group agreement');
    expect(home).toContain('You have started your');
    expect(home).not.toContain('Do your personal stocktake');
  });

  it('tells someone not yet in a cohort what will happen, without naming a role they do not have', async () => {
    const someone = await createUser(t.deps, { name: 'Nia New' });
    const browser = t.client();
    await signIn(browser, someone.email);
    const home = await browser.get('/?notice=welcome');
    expect(home.text).toContain('Your account is ready. Welcome to Peer Toolbox.');
    expect(home.text).toContain('role="status"');
    expect(home.text).toContain('You are not in a cohort yet');
    expect(home.text).toContain('<a href="/my">My private space</a>');
    expect(home.text).not.toContain('Organisation role');
    expect(home.text).not.toContain('No organisation role');
  });

  it('still names the organisation role of those who hold one', async () => {
    expect((await coordinator.get('/')).text).toContain('Organisation role: Coordinator');
  });
});

describe('the navigation', () => {
  it('offers the named safeguarding lead a Safeguarding link on every page, and not a participant or a coordinator', async () => {
    const cohortId = await createCohort(await seedHomeCourse());
    const pat = await join(cohortId, 'participant', 'Pat Participant');
    const fran = await join(cohortId, 'facilitator', 'Fran Facilitator');
    const leadUser = await createUser(t.deps, { name: 'Lee Lead' });
    const lead = t.client();
    await signIn(lead, leadUser.email);
    expect(navOf((await lead.get('/account')).text)).not.toContain('href="/safeguarding"');

    expect((await admin.post('/admin/safeguarding-leads', { email: leadUser.email })).status).toBe(303);
    for (const path of ['/', '/account', '/programmes', '/my']) expect(navOf((await lead.get(path)).text), path).toContain('href="/safeguarding"');
    expect((await lead.get('/safeguarding')).status).toBe(200);
    // On a page that is not found too, the lead's navigation stays the same.
    expect(navOf((await lead.get('/no-such-page')).text)).toContain('href="/safeguarding"');

    for (const who of [pat.browser, coordinator]) expect(navOf((await who.get('/account')).text)).not.toContain('href="/safeguarding"');
    // Facilitators keep the link they had, to raise a concern.
    expect(navOf((await fran.browser.get('/account')).text)).toContain('href="/safeguarding"');
  });

  it('is a Menu disclosure that needs no script, with Get help now outside it and the current page marked', async () => {
    const someone = await createUser(t.deps, { name: 'Nia New' });
    const browser = t.client();
    await signIn(browser, someone.email);
    const page = (await browser.get('/account')).text;
    const header = page.slice(page.indexOf('<header'), page.indexOf('</header>'));
    expect(header).toContain('<details class="nav-menu"><summary>Menu</summary>');
    const help = header.indexOf('href="/help"');
    expect(help).toBeGreaterThan(-1);
    expect(help).toBeLessThan(header.indexOf('<nav'));
    expect(navOf(page)).toContain('<a href="/account" aria-current="page">Your account</a>');
  });
});
