import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, lastMailTo, signIn } from './support/factories.ts';
import { createCohortThreeThenTwo, seedCourse } from './support/cohorts.ts';
import type { TestClient } from './support/client.ts';

let t: TestApp;
let coordinator: TestClient;
beforeEach(async () => {
  t = await buildTestApp();
  await seedCourse(t);
  const user = await createUser(t.deps, { role: 'coordinator', name: 'Cora Coordinator' });
  coordinator = t.client();
  await signIn(coordinator, user.email);
});
afterEach(async () => {
  await t.close();
});

async function plan(cohortId: string) {
  return t.deps.db.selectFrom('cohort_sessions').selectAll().where('cohort_id', '=', cohortId).orderBy('position').execute();
}

async function member(cohortId: string, role: 'facilitator' | 'participant', name: string) {
  const user = await createUser(t.deps, { name });
  const res = await coordinator.post(`/cohorts/${cohortId}/members`, { name, email: user.email, role, livedExperience: role === 'facilitator' ? 'yes' : '' });
  expect(res.status).toBe(303);
  const browser = t.client();
  await signIn(browser, user.email);
  return { user, browser };
}

/** Schedules the cohort's sessions on the given local dates, in order. */
async function schedule(cohortId: string, slots: { date: string; time: string; duration?: string; place?: string }[]) {
  const rows = await plan(cohortId);
  const form: Record<string, string> = {};
  rows.forEach((r, i) => {
    const slot = slots[i];
    form[`date_${r.id}`] = slot?.date ?? '';
    form[`time_${r.id}`] = slot?.time ?? '';
    form[`duration_${r.id}`] = slot?.duration ?? '120';
    form[`place_${r.id}`] = slot?.place ?? 'Room 1';
  });
  return coordinator.post(`/cohorts/${cohortId}/schedule`, form);
}

describe('creating a cohort', () => {
  it('takes chosen modules in the chosen order, pinned to the published version', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const rows = await plan(id);
    expect(rows.map((r) => r.session_id)).toEqual(['01-practice', '02-hope', '01-values', '02-boundaries']);
    const page = await coordinator.get(`/cohorts/${id}`);
    expect(page.text).toContain('version 1');
    expect(page.text.indexOf('Practice')).toBeLessThan(page.text.indexOf('Values'));
  });

  it('stays on its version until the coordinator moves it, keeping its schedule', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    await schedule(id, [{ date: '2026-10-24', time: '10:00' }]);
    const draft = await coordinator.get('/programmes/overlap-course/draft');
    expect(draft.status).toBe(200);
    const rev = String(
      (await t.deps.db.selectFrom('programmes').select('draft_revision').where('slug', '=', 'overlap-course').executeTakeFirstOrThrow()).draft_revision,
    );
    await coordinator.post('/programmes/overlap-course/draft/modules/three/sessions', { revision: rev, title: 'A brand new session' });
    await coordinator.post('/programmes/overlap-course/publish', { note: '' });
    const before = await coordinator.get(`/cohorts/${id}`);
    expect(before.text).not.toContain('A brand new session');
    expect(before.text).toContain('Move to version 2');
    expect((await coordinator.post(`/cohorts/${id}/move-version`)).status).toBe(303);
    const after = await coordinator.get(`/cohorts/${id}`);
    expect(after.text).toContain('A brand new session');
    expect(after.text).toContain('Saturday 24 October 2026, 10:00');
    const rows = await plan(id);
    // The new session joins Module 3, which this cohort takes first, before Module 2's sessions.
    expect(rows.map((r) => r.module_id)).toEqual(['three', 'three', 'three', 'two', 'two']);
    expect(rows.map((r) => r.session_id)).toEqual(['01-practice', '02-hope', expect.not.stringMatching(/^0[12]-/), '01-values', '02-boundaries']);
  });

  it('re-renders the form with what was typed when it is wrong', async () => {
    const res = await coordinator.post('/cohorts/new', { name: 'Typed name', startsOn: '2026-12-01', endsOn: '2026-11-01', mode: '', capacity: 'lots' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('value="Typed name"');
    expect(res.text).toContain('Choose a programme');
    expect(res.text).toContain('The end date must be on or after the start date');
    expect(res.text).toContain('Enter the number of places as a whole number');
  });

  it('refuses cohort management to facilitators and participants', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const { browser } = await member(id, 'facilitator', 'Fran Facilitator');
    expect((await browser.get('/cohorts/new')).status).toBe(403);
    expect((await browser.get(`/cohorts/${id}/schedule`)).status).toBe(403);
    expect((await browser.post(`/cohorts/${id}/members`, { name: 'X', email: 'x@example.org', role: 'participant' })).status).toBe(403);
    expect((await browser.post(`/cohorts/${id}/import`, { csv: 'name,email\nX,x@example.org', confirm: 'yes' })).status).toBe(403);
  });
});

describe('who sees what in a cohort', () => {
  it('hides the cohort, its joining link and its members from a non-member', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    await member(id, 'participant', 'Pat Participant');
    const outsider = t.client();
    await signIn(outsider, (await createUser(t.deps, { name: 'Olly Outsider' })).email);
    for (const path of [`/cohorts/${id}`, `/cohorts/${id}/calendar.ics`, `/cohorts/${id}/attendance`, `/cohorts/${id}/members`]) {
      const res = await outsider.get(path);
      expect([403, 404], path).toContain(res.status);
      expect(res.text, path).not.toContain('secret-room-123');
      expect(res.text, path).not.toContain('Pat Participant');
    }
    expect((await outsider.get('/cohorts')).text).not.toContain('Autumn cohort');
  });

  it('shows members the joining link and their facilitators, and only facilitators the participant list', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const fran = await member(id, 'facilitator', 'Fran Facilitator');
    const pat = await member(id, 'participant', 'Pat Participant');
    await member(id, 'participant', 'Quinn Participant');
    const asPat = await pat.browser.get(`/cohorts/${id}`);
    expect(asPat.status).toBe(200);
    expect(asPat.text).toContain('secret-room-123');
    expect(asPat.text).toContain('Fran Facilitator');
    expect(asPat.text).not.toContain('Quinn Participant');
    const asFran = await fran.browser.get(`/cohorts/${id}`);
    expect(asFran.text).toContain('Quinn Participant');
  });

  it('lets a facilitator mark attendance in their own cohort only', async () => {
    const a = await createCohortThreeThenTwo(t, coordinator);
    const b = await createCohortThreeThenTwo(t, coordinator, { name: 'Winter cohort' });
    const fran = await member(a, 'facilitator', 'Fran Facilitator');
    const pat = await member(a, 'participant', 'Pat Participant');
    const other = await member(b, 'participant', 'Bea Participant');
    await schedule(a, [{ date: '2026-11-21', time: '10:00' }]);
    await schedule(b, [{ date: '2026-11-21', time: '10:00' }]);
    const [sa] = await plan(a);
    const [sb] = await plan(b);
    expect((await fran.browser.post(`/cohorts/${a}/sessions/${sa!.id}/register`, { [`mark_${pat.user.id}`]: 'present' })).status).toBe(303);
    expect((await fran.browser.get(`/cohorts/${b}/sessions/${sb!.id}/register`)).status).toBe(404);
    expect((await fran.browser.post(`/cohorts/${b}/sessions/${sb!.id}/register`, { [`mark_${other.user.id}`]: 'absent' })).status).toBe(404);
    // Nor through this cohort's address with the other cohort's session.
    expect((await fran.browser.post(`/cohorts/${a}/sessions/${sb!.id}/register`, { [`mark_${other.user.id}`]: 'absent' })).status).toBe(404);
    const marks = await t.deps.db.selectFrom('attendance_marks').select(['user_id', 'status']).execute();
    expect(marks).toEqual([{ user_id: pat.user.id, status: 'present' }]);
    // The grid shows the mark in the first session's column, a dash where nothing is marked yet, then
    // the attendance so far (one session held) and where the participant stands.
    const grid = await fran.browser.get(`/cohorts/${a}/attendance`);
    expect(grid.text).toMatch(/<th scope="row">Pat Participant<\/th><td>Present<\/td>(<td>—<\/td>)+<td>100% \(1 of 1\)<\/td><td>On track<\/td><\/tr>/);
    // A participant cannot mark attendance at all.
    expect((await pat.browser.post(`/cohorts/${a}/sessions/${sa!.id}/register`, { [`mark_${pat.user.id}`]: 'present' })).status).toBe(403);
  });
});

describe('importing participants from CSV', () => {
  it('reports each bad row and imports nothing', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    await member(id, 'participant', 'Already Here');
    const here = await t.deps.db.selectFrom('users').select('email').where('name', '=', 'Already Here').executeTakeFirstOrThrow();
    const csv = `name,email\nAmy Adams,amy@example.org\nBad Email,not-an-email\n,noname@example.org\nAmy Again,AMY@example.org\nAlready Here,${here.email}\n`;
    const preview = await coordinator.post(`/cohorts/${id}/import`, { csv });
    expect(preview.status).toBe(422);
    expect(preview.text).toContain('Row 3: “not-an-email” is not an email address');
    expect(preview.text).toContain('Row 4: No name');
    expect(preview.text).toContain('Row 5: Same email address as row 2');
    expect(preview.text).toContain('Row 6: Already enrolled in this cohort');
    expect(preview.text).not.toMatch(/Import \d+ (people|person)<\/button>/);
    const forced = await coordinator.post(`/cohorts/${id}/import`, { csv, confirm: 'yes' });
    expect(forced.status).toBe(422);
    expect(await t.deps.db.selectFrom('users').select('id').where('email', '=', 'amy@example.org').executeTakeFirst()).toBeUndefined();
    expect((await t.deps.db.selectFrom('cohort_members').select('id').where('cohort_id', '=', id).execute()).length).toBe(1);
  });

  it('previews a good file, then imports everyone and invites the new people', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const existing = await createUser(t.deps, { name: 'Has Account' });
    const csv = `Email,Name,Phone\namy@example.org,Amy Adams,1\nben@example.org,Ben Brown,2\n${existing.email},Has Account,3\n`;
    const preview = await coordinator.post(`/cohorts/${id}/import`, { csv });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Ready to import 3 people');
    const done = await coordinator.post(`/cohorts/${id}/import`, { csv, confirm: 'yes' });
    expect(done.status).toBe(303);
    const mail = await lastMailTo(t.deps, 'amy@example.org');
    expect(mail.text).toContain('to join Autumn cohort');
    expect(mail.link).toMatch(/^\/invitation\//);
    const members = await t.deps.db.selectFrom('cohort_members').select('role').where('cohort_id', '=', id).execute();
    expect(members).toHaveLength(3);
  });

  const upload = (cohortId: string, csv: string, extra: Record<string, string> = {}) => {
    const form = new FormData();
    form.append('file', new File([csv], 'people.csv', { type: 'text/csv' }));
    for (const [k, v] of Object.entries(extra)) form.append(k, v);
    return coordinator.request(`/cohorts/${cohortId}/import`, { method: 'POST', body: form, headers: { origin: t.deps.config.baseUrl } });
  };
  const names = (...emails: string[]) => t.deps.db.selectFrom('users').select(['email', 'name']).where('email', 'in', emails).orderBy('email').execute();

  it('cleans an uploaded file as it cleans a pasted one: no control characters or direction overrides are stored', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const csv = `name,email\n"Bad\u0000\u202eName",bad@example.org\nAnn \u2066Isolated\u2069 Lee\u0007,ann@example.org\n`;
    const preview = await upload(id, csv);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Ready to import 2 people');
    expect(preview.text).toContain('<td>BadName</td>');
    expect((await upload(id, csv, { confirm: 'yes' })).status).toBe(303);
    expect(await names('ann@example.org', 'bad@example.org')).toEqual([
      { email: 'ann@example.org', name: 'Ann Isolated Lee' },
      { email: 'bad@example.org', name: 'BadName' },
    ]);
  });

  it('holds every row to the bounds of the members form, and summarises what was uploaded', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const long = 'L'.repeat(5000);
    const longEmail = `${'e'.repeat(250)}@example.org`;
    const csv = `name,email\n${long},long@example.org\nEve,${longEmail}\n\u202e,blank@example.org\nFine Person,fine@example.org\n`;
    const preview = await upload(id, csv);
    expect(preview.status).toBe(422);
    expect(preview.text).toContain('Checked people.csv: 4 rows.');
    expect(preview.text).toContain('Row 2: Name must be 120 characters or fewer (this one has 5,000)');
    expect(preview.text).toContain('Row 3: Enter an email address of 254 characters or fewer');
    expect(preview.text).toContain('Row 4: No name');
    expect(preview.text).not.toContain('L'.repeat(121));
    expect(preview.text).not.toContain('e'.repeat(121));
    const forced = await upload(id, csv, { confirm: 'yes' });
    expect(forced.status).toBe(422);
    expect(forced.text).toContain('Row 2: Name must be 120 characters or fewer');
    expect(await names('long@example.org', longEmail, 'blank@example.org', 'fine@example.org')).toEqual([]);
  });

  it('a name typed on the members form loses its direction overrides too', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const added = await coordinator.post(`/cohorts/${id}/members`, { name: 'Rex \u202eYalp', email: 'rex@example.org', role: 'participant' });
    expect(added.status).toBe(303);
    expect(await names('rex@example.org')).toEqual([{ email: 'rex@example.org', name: 'Rex Yalp' }]);
  });

  it('refuses an import that would overfill the cohort', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator, { capacity: '2' });
    const res = await coordinator.post(`/cohorts/${id}/import`, { csv: 'name,email\nA,a@example.org\nB,b@example.org\nC,c@example.org\n' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('past its 2 places');
  });
});

describe('schedule and calendars', () => {
  it('emits a calendar that parses back, keeps event identity across a reschedule and handles the October clock change', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const pat = await member(id, 'participant', 'Pat Participant');
    const saved = await schedule(id, [
      { date: '2026-10-24', time: '10:00' },
      { date: '2026-10-25', time: '00:30' }, // clocks go back at 02:00 BST that night
      { date: '2026-10-31', time: '10:00' },
    ]);
    expect(saved.status).toBe(303);
    const feedPage = await pat.browser.post('/account/calendar');
    const feedUrl = new URL(feedPage.text.match(/http:\/\/localhost:3000\/calendar\/[\w-]+\.ics/)![0]);
    const parse = async () => {
      const res = await t.client().get(feedUrl.pathname);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/calendar');
      const comp = new ICAL.Component(ICAL.parse(res.text));
      return comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    };
    const before = await parse();
    expect(before).toHaveLength(3);
    const [first, second, third] = before;
    expect(first!.startDate.toJSDate().toISOString()).toBe('2026-10-24T09:00:00.000Z');
    expect(second!.startDate.toJSDate().toISOString()).toBe('2026-10-24T23:30:00.000Z');
    expect(second!.endDate.toJSDate().toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(third!.startDate.toJSDate().toISOString()).toBe('2026-10-31T10:00:00.000Z');
    expect(first!.summary).toContain('Practice');

    await schedule(id, [
      { date: '2026-10-24', time: '14:00' },
      { date: '2026-10-25', time: '00:30' },
      { date: '2026-10-31', time: '10:00' },
    ]);
    const after = await parse();
    expect(after).toHaveLength(3);
    expect(after[0]!.uid).toBe(first!.uid);
    expect(after[0]!.sequence).toBe(first!.sequence + 1);
    expect(after[0]!.startDate.toJSDate().toISOString()).toBe('2026-10-24T13:00:00.000Z');
    const mail = await lastMailTo(t.deps, pat.user.email);
    expect(mail.subject).toBe('Schedule change for Autumn cohort');
    expect(mail.text).toContain('Practice: now Saturday 24 October 2026, 14:00');

    // Revoking the feed stops the old address working.
    await pat.browser.post('/account/calendar/revoke');
    expect((await t.client().get(feedUrl.pathname)).status).toBe(404);
  });

  it('refuses a time that does not exist on the spring clock change', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const res = await schedule(id, [{ date: '2027-03-28', time: '01:30' }]);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter a real date and a start time');
  });

  it('offers the cohort calendar to members and shows content notes in the schedule', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    await schedule(id, [{ date: '2026-10-24', time: '10:00' }]);
    const res = await coordinator.raw(`/cohorts/${id}/calendar.ics`);
    expect(res.status).toBe(200);
    const events = new ICAL.Component(ICAL.parse(await res.text())).getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
  });
});

describe('the facilitator’s day and the participant’s home', () => {
  it('notes knowledge the cohort already met in another module, with its date', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const fran = await member(id, 'facilitator', 'Fran Facilitator');
    await member(id, 'participant', 'Pat Participant');
    // Module 3 first: "Hope in practice" (CHIME) on 24 Oct; then Module 2's "Values" (CHIME again) on 7 Nov.
    await schedule(id, [
      { date: '2026-10-17', time: '10:00' },
      { date: '2026-10-24', time: '10:00' },
      { date: '2026-11-07', time: '10:00' },
      { date: '2026-11-14', time: '10:00' },
    ]);
    t.clock.set('2026-11-01T09:00:00Z');
    const home = await fran.browser.get('/');
    expect(home.text).toContain('Your next session: Values');
    expect(home.text).toContain('“The CHIME framework” came up in Hope in practice (Module 3 · Module three) on Saturday 24 October 2026, 10:00');
    expect(home.text).toContain('Pat Participant');
    expect(home.text).toContain('/register');
  });

  it('shows a participant their next session, past lessons and attendance against the threshold', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const fran = await member(id, 'facilitator', 'Fran Facilitator');
    const pat = await member(id, 'participant', 'Pat Participant');
    await schedule(id, [
      { date: '2026-10-17', time: '10:00' },
      { date: '2026-10-24', time: '10:00' },
      { date: '2026-11-07', time: '10:00' },
      { date: '2026-11-14', time: '10:00' },
    ]);
    const rows = await plan(id);
    await fran.browser.post(`/cohorts/${id}/sessions/${rows[0]!.id}/register`, { [`mark_${pat.user.id}`]: 'present' });
    await fran.browser.post(`/cohorts/${id}/sessions/${rows[1]!.id}/register`, { [`mark_${pat.user.id}`]: 'absent_notice' });
    await fran.browser.post(`/cohorts/${id}/sessions/${rows[2]!.id}/register`, { [`mark_${pat.user.id}`]: 'late' });
    t.clock.set('2026-11-10T09:00:00Z');
    const home = await pat.browser.get('/');
    expect(home.text).toContain('You have attended 2 of 3 sessions so far: <strong>67%</strong>. The course asks for at least 80%.');
    expect(home.text).toContain('Next session: Boundaries');
    expect(home.text).toContain('Hope in practice');
    const grid = await coordinator.get(`/cohorts/${id}/attendance`);
    expect(grid.text).toContain('Absent with notice');
  });

  it('shows a participant in two cohorts each one, the newest first, with its own attendance', async () => {
    const autumn = await createCohortThreeThenTwo(t, coordinator);
    const spring = await createCohortThreeThenTwo(t, coordinator, { name: 'Spring cohort', startsOn: '2027-01-05', endsOn: '2027-03-30' });
    const fran = await member(autumn, 'facilitator', 'Fran Facilitator');
    const pat = await member(autumn, 'participant', 'Pat Participant');
    expect((await coordinator.post(`/cohorts/${spring}/members`, { name: 'Pat Participant', email: pat.user.email, role: 'participant' })).status).toBe(303);
    await schedule(autumn, [
      { date: '2026-10-17', time: '10:00' },
      { date: '2026-10-24', time: '10:00' },
      { date: '2026-11-07', time: '10:00' },
      { date: '2026-11-14', time: '10:00' },
    ]);
    const rows = await plan(autumn);
    await fran.browser.post(`/cohorts/${autumn}/sessions/${rows[0]!.id}/register`, { [`mark_${pat.user.id}`]: 'present' });
    t.clock.set('2026-11-10T09:00:00Z');
    const home = (await pat.browser.get('/')).text;
    const springAt = home.indexOf('Spring cohort');
    const autumnAt = home.indexOf('Autumn cohort');
    expect(springAt).toBeGreaterThan(-1);
    expect(autumnAt).toBeGreaterThan(springAt);
    expect(home.slice(autumnAt)).toContain('You have attended 1 of 3 sessions so far');
    expect(home.slice(springAt, autumnAt)).toContain('No sessions have been held yet.');
  });
});
