import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, signIn } from './support/factories.ts';
import { seedCourse } from './support/cohorts.ts';
import type { TestClient } from './support/client.ts';
import { publish, revisionOf } from './support/curriculum.ts';

// The default content ships Peer Support Training (eleven sessions in one module) and Peer 2 Peer,
// whose readiness pre-programme and modules have no sessions yet; seedCourse adds "Overlap course".

let t: TestApp;
let coordinator: TestClient;
let ids: { pst: string; p2p: string; overlap: string };
beforeEach(async () => {
  t = await buildTestApp({}, { defaultContent: true });
  await seedCourse(t);
  coordinator = t.client();
  await signIn(coordinator, (await createUser(t.deps, { role: 'coordinator', name: 'Cora Coordinator' })).email);
  const rows = await t.deps.db.selectFrom('programmes').select(['id', 'slug']).execute();
  const bySlug = (slug: string) => rows.find((r) => r.slug === slug)!.id;
  ids = { pst: bySlug('peer-support-training'), p2p: bySlug('peer-2-peer'), overlap: bySlug('overlap-course') };
});
afterEach(async () => {
  await t.close();
});

const basics = {
  name: 'Readiness then course',
  startsOn: '2026-10-01',
  endsOn: '2027-01-31',
  mode: 'in_person',
  venue: 'Community Hall',
  capacity: '',
  attendanceThreshold: '80',
};

async function create(programmeId: string, modules: string[]) {
  const form: Record<string, string | string[]> = { ...basics, programmeId, modules };
  modules.forEach((m, i) => (form[`order_${m}`] = String(i + 1)));
  return coordinator.post('/cohorts/new', form);
}

async function join(cohortId: string, role: 'facilitator' | 'participant', name: string) {
  const user = await createUser(t.deps, { name });
  expect((await coordinator.post(`/cohorts/${cohortId}/members`, { name, email: user.email, role, livedExperience: 'yes' })).status).toBe(303);
  const browser = t.client();
  await signIn(browser, user.email);
  return { user, browser };
}

const sessionsOf = (cohortId: string) =>
  t.deps.db.selectFrom('cohort_sessions').select(['id', 'programme_id', 'session_id']).where('cohort_id', '=', cohortId).orderBy('position').execute();

describe('a plan drawing on more than one programme', () => {
  it('puts the Peer 2 Peer readiness pre-programme before a Peer Support Training course, each pinned to its version', async () => {
    const form = await coordinator.get('/cohorts/new');
    // Every published programme's modules are offered, and an empty one says so.
    expect(form.text).toContain('Pre-programme · Preparing for Peer 2 Peer <span class="hint">(no sessions yet)</span>');
    expect(form.text).toContain('Course content <span class="hint">(11 sessions)</span>');

    const res = await create(ids.pst, [`${ids.p2p}:preparing-for-peer-2-peer`, `${ids.pst}:course-content`]);
    expect(res.status).toBe(303);
    const id = res.location!.split('/')[2]!.split('?')[0]!;
    const cohort = await t.deps.db.selectFrom('cohorts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(cohort.programme_id).toBe(ids.pst);
    expect(JSON.parse(cohort.plan_modules)).toEqual([
      { programmeId: ids.p2p, version: 1, moduleId: 'preparing-for-peer-2-peer' },
      { programmeId: ids.pst, version: 1, moduleId: 'course-content' },
    ]);
    const rows = await sessionsOf(id);
    expect(rows).toHaveLength(11);
    expect(new Set(rows.map((r) => r.programme_id))).toEqual(new Set([ids.pst]));

    const page = await coordinator.get(`/cohorts/${id}`);
    expect(page.text).toContain('Programmes');
    expect(page.text).toContain('Peer 2 Peer</a> (version 1)');
    expect(page.text).toContain('Peer Support Training</a> (version 1)');
    // Planning says which module gives the schedule no dates.
    expect(page.text).toContain('This module of the plan has no sessions yet');
    expect(page.text).toContain('Pre-programme · Preparing for Peer 2 Peer (Peer 2 Peer, version 1)');
    expect((await coordinator.get(`/cohorts/${id}/schedule`)).text).toContain('This module of the plan has no sessions yet');
  });

  it('schedules, lists and links the sessions of each programme at its own version, for facilitators and participants', async () => {
    // Version 2 of the overlap course exists before the cohort is made: the cohort pins it, while PST stays at 1.
    await coordinator.post('/programmes/overlap-course/draft/modules/one/sessions', { revision: await revisionOf(t, 'overlap-course'), title: 'Second start' });
    await publish(coordinator, 'overlap-course');
    const res = await create(ids.pst, [`${ids.overlap}:one`, `${ids.pst}:course-content`]);
    expect(res.status).toBe(303);
    const id = res.location!.split('/')[2]!.split('?')[0]!;
    const rows = await sessionsOf(id);
    expect(rows).toHaveLength(13);
    expect(rows.slice(0, 2).map((r) => r.programme_id)).toEqual([ids.overlap, ids.overlap]);
    expect(rows[2]!.programme_id).toBe(ids.pst);

    const form: Record<string, string> = {};
    rows.slice(0, 3).forEach((r, i) => {
      form[`date_${r.id}`] = `2026-11-0${2 + i}`;
      form[`time_${r.id}`] = '10:00';
      form[`duration_${r.id}`] = '90';
    });
    expect((await coordinator.post(`/cohorts/${id}/schedule`, form)).status).toBe(303);

    const fran = await join(id, 'facilitator', 'Fran Facilitator');
    const pat = await join(id, 'participant', 'Pat Participant');
    const page = await pat.browser.get(`/cohorts/${id}`);
    expect(page.text.indexOf('Starting out')).toBeLessThan(page.text.indexOf('Second start'));
    expect(page.text.indexOf('Second start')).toBeLessThan(page.text.indexOf('Introduction'));

    // The participant's session page links to the lesson of the session's own programme and version.
    const own = await pat.browser.get(`/cohorts/${id}/sessions/${rows[0]!.id}`);
    expect(own.text).toContain('href="/programmes/overlap-course/sessions/01-start?version=2"');
    expect((await pat.browser.get('/programmes/overlap-course/sessions/01-start?version=2')).status).toBe(200);
    const course = await pat.browser.get(`/cohorts/${id}/sessions/${rows[2]!.id}`);
    expect(course.text).toMatch(/href="\/programmes\/peer-support-training\/sessions\/[\w-]+\?version=1"/);
    // The facilitator's session page links to the facilitator guide of the right programme too.
    const guide = await fran.browser.get(`/cohorts/${id}/sessions/${rows[0]!.id}`);
    expect(guide.text).toContain('href="/programmes/overlap-course/sessions/01-start/guide?version=2"');
    expect((await fran.browser.get(`/cohorts/${id}/sessions/${rows[0]!.id}/facilitate`)).status).toBe(200);

    // The calendar has an event for each scheduled session, whichever programme it comes from.
    const ics = await coordinator.raw(`/cohorts/${id}/calendar.ics`);
    const events = new ICAL.Component(ICAL.parse(await ics.text())).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).summary);
    expect(events).toEqual(['Starting out (Readiness then course)', 'Second start (Readiness then course)', expect.stringMatching(/^Introduction/)]);

    // The register works for a session of either programme once it has been held.
    t.clock.set('2026-11-05T12:00:00Z');
    expect((await fran.browser.post(`/cohorts/${id}/sessions/${rows[0]!.id}/register`, { [`mark_${pat.user.id}`]: 'present' })).status).toBe(303);
    expect((await fran.browser.post(`/cohorts/${id}/sessions/${rows[2]!.id}/register`, { [`mark_${pat.user.id}`]: 'late' })).status).toBe(303);
    const grid = await fran.browser.get(`/cohorts/${id}/attendance`);
    expect(grid.text).toContain('<td>67% (2 of 3)</td>');
  });

  it('moves a programme of the plan to its new version while the others stay, keeping the schedule', async () => {
    const res = await create(ids.pst, [`${ids.overlap}:one`, `${ids.pst}:course-content`]);
    const id = res.location!.split('/')[2]!.split('?')[0]!;
    const [first] = await sessionsOf(id);
    await coordinator.post(`/cohorts/${id}/schedule`, { [`date_${first!.id}`]: '2026-11-02', [`time_${first!.id}`]: '10:00', [`duration_${first!.id}`]: '90' });
    await coordinator.post('/programmes/overlap-course/draft/modules/one/sessions', { revision: await revisionOf(t, 'overlap-course'), title: 'Second start' });
    await publish(coordinator, 'overlap-course');
    const before = await coordinator.get(`/cohorts/${id}`);
    expect(before.text).toContain('Overlap course: version 2 has been published. This cohort stays on version 1 until you move it.');
    expect(before.text).toContain('Move to version 2');
    expect((await coordinator.post(`/cohorts/${id}/move-version`)).status).toBe(303);
    const after = await coordinator.get(`/cohorts/${id}`);
    expect(after.text).toContain('Second start');
    expect(after.text).toContain('Monday 2 November 2026, 10:00');
    expect(after.text).not.toContain('Move to version');
    const cohort = await t.deps.db.selectFrom('cohorts').select(['version_number', 'plan_modules']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(cohort.version_number).toBe(1);
    expect(JSON.parse(cohort.plan_modules).map((m: { version: number }) => m.version)).toEqual([2, 1]);
    expect(await sessionsOf(id)).toHaveLength(13);
  });

  it('still reads a cohort written before plans could mix programmes', async () => {
    const res = await create(ids.overlap, [`${ids.overlap}:two`]);
    const id = res.location!.split('/')[2]!.split('?')[0]!;
    // As the rows were before the migration (and as the benchmark's generator still writes them).
    await t.deps.db.updateTable('cohorts').set({ plan_modules: 'two' }).where('id', '=', id).execute();
    await t.deps.db.updateTable('cohort_sessions').set({ programme_id: null }).where('cohort_id', '=', id).execute();
    const page = await coordinator.get(`/cohorts/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Values');
    expect(page.text).toContain('Boundaries');
  });
});

describe('a plan with nothing to schedule', () => {
  it('is refused with a clear message naming the modules', async () => {
    const res = await create(ids.p2p, [`${ids.p2p}:preparing-for-peer-2-peer`, `${ids.p2p}:introducing-peer-support`]);
    expect(res.status).toBe(422);
    expect(res.text).toContain('The chosen modules have no sessions between them');
    expect(res.text).toContain('Pre-programme · Preparing for Peer 2 Peer');
    expect(res.text).toContain('so there would be nothing to schedule');
    // What was ticked stays ticked.
    expect(res.text).toMatch(/value="[^"]+:preparing-for-peer-2-peer" checked/);
    expect(await t.deps.db.selectFrom('cohorts').select('id').execute()).toEqual([]);
  });

  it('still needs a module of the programme the cohort delivers, and at least one module', async () => {
    const none = await create(ids.pst, []);
    expect(none.status).toBe(422);
    expect(none.text).toContain('Tick at least one module');
    const elsewhere = await create(ids.pst, [`${ids.overlap}:one`]);
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.text).toContain('Tick at least one module of the chosen programme');
  });
});
