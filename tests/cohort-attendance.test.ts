import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, signIn } from './support/factories.ts';
import { createCohortThreeThenTwo, seedCourse } from './support/cohorts.ts';
import type { TestClient } from './support/client.ts';
import { attendanceSummary, COMPLETION_THRESHOLD_PERCENT, type Marks } from '../src/features/cohorts/attendance/model.ts';

describe('attendanceSummary: the one answer to "how is the attendance percentage computed"', () => {
  const now = new Date('2026-11-10T12:00:00Z');
  const sessions = [
    { id: 's1', startsAt: '2026-10-01T09:00:00.000Z' },
    { id: 's2', startsAt: '2026-10-08T09:00:00.000Z' },
    { id: 's3', startsAt: '2026-11-10T12:00:00.000Z' }, // starts this very moment: held
    { id: 's4', startsAt: '2026-12-01T09:00:00.000Z' }, // still to come
    { id: 's5', startsAt: null }, // not dated yet: still to come
  ];
  const marksOf = (byId: Record<string, string>): Marks => new Map([['u', new Map(Object.entries(byId))]]);

  it('counts present, late and left early as attended, over the sessions held so far', () => {
    const s = attendanceSummary(sessions, marksOf({ s1: 'present', s2: 'late', s3: 'left_early' }), 'u', now, 60);
    expect(s).toEqual({ held: 3, attended: 3, planned: 5, percent: 100, completion: 'on_track' });
  });

  it('counts absences, absences with notice and missing marks as not attended', () => {
    const s = attendanceSummary(sessions, marksOf({ s1: 'absent_notice', s2: 'present' }), 'u', now, 60);
    expect(s.percent).toBe(33);
    expect(s.attended).toBe(1);
    // 1 attended + 2 still to come = 3 of 5 = 60%: still reachable.
    expect(s.completion).toBe('at_risk');
  });

  it('knows when the threshold can no longer be reached', () => {
    const s = attendanceSummary(sessions, marksOf({ s1: 'absent' }), 'u', now, 60);
    // 0 attended + 2 to come = 2 of 5 = 40% < 60%.
    expect(s.completion).toBe('cannot_complete');
  });

  it('ignores a mark on a session that has not been held', () => {
    const s = attendanceSummary(sessions, marksOf({ s4: 'present' }), 'u', now, 60);
    expect(s.held).toBe(3);
    expect(s.attended).toBe(0);
  });

  it('says completed or not once every session has been held, with no rounding at the threshold', () => {
    const after = new Date('2027-01-01T00:00:00Z');
    const five = sessions.map((s, i) => ({ ...s, startsAt: `2026-10-0${i + 1}T09:00:00.000Z` }));
    const four = attendanceSummary(five, marksOf({ s1: 'present', s2: 'present', s3: 'present', s4: 'present' }), 'u', after);
    expect(four).toMatchObject({ held: 5, attended: 4, percent: 80, completion: 'completed' });
    const three = attendanceSummary(five, marksOf({ s1: 'present', s2: 'present', s3: 'present' }), 'u', after);
    expect(three).toMatchObject({ percent: 60, completion: 'not_completed' });
    // 79.5% rounds to 80% for display but is below an 80% threshold.
    const many = Array.from({ length: 200 }, (_, i) => ({ id: `m${i}`, startsAt: '2026-10-01T09:00:00.000Z' }));
    const attended = new Map(many.slice(0, 159).map((s) => [s.id, 'present']));
    const edge = attendanceSummary(many, new Map([['u', attended]]), 'u', after);
    expect(edge).toMatchObject({ percent: 80, completion: 'not_completed' });
  });

  it('has nothing to say before the first session, and defaults to the documented threshold', () => {
    expect(attendanceSummary(sessions, new Map(), 'u', new Date('2026-09-01T00:00:00Z'))).toMatchObject({ held: 0, percent: null, completion: 'not_started' });
    expect(COMPLETION_THRESHOLD_PERCENT).toBe(80);
  });
});

let t: TestApp;
let coordinator: TestClient;
beforeEach(async () => {
  t = await buildTestApp();
  await seedCourse(t);
  coordinator = t.client();
  await signIn(coordinator, (await createUser(t.deps, { role: 'coordinator', name: 'Cora Coordinator' })).email);
});
afterEach(async () => {
  await t.close();
});

async function join(cohortId: string, role: 'facilitator' | 'participant', name: string) {
  const user = await createUser(t.deps, { name });
  expect((await coordinator.post(`/cohorts/${cohortId}/members`, { name, email: user.email, role, livedExperience: 'yes' })).status).toBe(303);
  const browser = t.client();
  await signIn(browser, user.email);
  return { user, browser };
}

async function sessionsOf(cohortId: string) {
  return t.deps.db.selectFrom('cohort_sessions').select(['id']).where('cohort_id', '=', cohortId).orderBy('position').execute();
}

/** Schedules the cohort's four sessions a week apart from 1 November 2026 at 10:00 UK time. */
async function scheduleFourWeekly(cohortId: string) {
  const form: Record<string, string> = {};
  (await sessionsOf(cohortId)).forEach((r, i) => {
    form[`date_${r.id}`] = `2026-11-${String(1 + 7 * i).padStart(2, '0')}`;
    form[`time_${r.id}`] = '10:00';
    form[`duration_${r.id}`] = '120';
  });
  expect((await coordinator.post(`/cohorts/${cohortId}/schedule`, form)).status).toBe(303);
}

describe('the register refuses sessions that have not happened yet', () => {
  it('refuses marks for a session still to come, with a clear message, and takes them once it has started', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const fran = await join(id, 'facilitator', 'Fran Facilitator');
    const pat = await join(id, 'participant', 'Pat Participant');
    await scheduleFourWeekly(id);
    const [, , third] = await sessionsOf(id); // 15 November 2026, 10:00 UK time (10:00 UTC)
    t.clock.set('2026-11-15T09:59:00Z');
    const path = `/cohorts/${id}/sessions/${third!.id}/register`;

    const early = await fran.browser.get(path);
    expect(early.status).toBe(200);
    expect(early.text).toContain('This session has not started yet: it starts Sunday 15 November 2026, 10:00.');
    expect(early.text).not.toContain('Save attendance');

    const refused = await fran.browser.post(path, { [`mark_${pat.user.id}`]: 'present' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('There is a problem');
    expect(refused.text).toContain('This session has not started yet');
    expect(await t.deps.db.selectFrom('attendance_marks').selectAll().execute()).toEqual([]);

    t.clock.set('2026-11-15T10:01:00Z');
    expect((await fran.browser.post(path, { [`mark_${pat.user.id}`]: 'present' })).status).toBe(303);
    expect((await t.deps.db.selectFrom('attendance_marks').select('status').execute()).map((m) => m.status)).toEqual(['present']);
  });

  it('refuses marks for a session with no date yet', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const fran = await join(id, 'facilitator', 'Fran Facilitator');
    const pat = await join(id, 'participant', 'Pat Participant');
    const [first] = await sessionsOf(id);
    const res = await fran.browser.post(`/cohorts/${id}/sessions/${first!.id}/register`, { [`mark_${pat.user.id}`]: 'present' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('This session has no date yet.');
    expect(await t.deps.db.selectFrom('attendance_marks').selectAll().execute()).toEqual([]);
  });

  it('reports a mark the form could not have sent instead of dropping it', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const fran = await join(id, 'facilitator', 'Fran Facilitator');
    const pat = await join(id, 'participant', 'Pat Participant');
    await scheduleFourWeekly(id);
    const [first] = await sessionsOf(id);
    const res = await fran.browser.post(`/cohorts/${id}/sessions/${first!.id}/register`, { [`mark_${pat.user.id}`]: 'asleep' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Pat Participant: choose one of the listed marks');
  });
});

describe('the coordinator’s attendance grid', () => {
  it('shows each participant’s percentage of held sessions and where they stand against the cohort’s threshold', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator, { attendanceThreshold: '75' });
    const fran = await join(id, 'facilitator', 'Fran Facilitator');
    const ann = await join(id, 'participant', 'Ann Participant');
    const bo = await join(id, 'participant', 'Bo Participant');
    const cy = await join(id, 'participant', 'Cy Participant');
    await scheduleFourWeekly(id);
    const rows = await sessionsOf(id);
    t.clock.set('2026-11-20T12:00:00Z'); // three of the four sessions held
    const mark = (i: number, marks: Record<string, string>) => fran.browser.post(`/cohorts/${id}/sessions/${rows[i]!.id}/register`, marks);
    await mark(0, { [`mark_${ann.user.id}`]: 'present', [`mark_${bo.user.id}`]: 'present', [`mark_${cy.user.id}`]: 'absent' });
    await mark(1, { [`mark_${ann.user.id}`]: 'late', [`mark_${bo.user.id}`]: 'absent_notice', [`mark_${cy.user.id}`]: 'absent' });
    await mark(2, { [`mark_${ann.user.id}`]: 'left_early', [`mark_${bo.user.id}`]: 'present' });

    const row = (text: string, name: string) => text.match(new RegExp(`<th scope="row">${name}</th>.*?</tr>`))?.[0] ?? '';
    const grid = await coordinator.get(`/cohorts/${id}/attendance`);
    expect(grid.status).toBe(200);
    expect(grid.text).toContain('at least 75% of the cohort’s sessions');
    expect(row(grid.text, 'Ann Participant')).toContain('<td>100% (3 of 3)</td><td>On track</td>');
    // Bo: 2 of 3 (67%) is below 75% so far, but 3 of 4 is still within reach.
    expect(row(grid.text, 'Bo Participant')).toContain('<td>67% (2 of 3)</td><td>Below the threshold so far</td>');
    expect(row(grid.text, 'Cy Participant')).toContain('<td>0% (0 of 3)</td><td>Cannot reach the threshold</td>');

    t.clock.set('2026-11-22T12:00:00Z'); // all four held
    await mark(3, { [`mark_${ann.user.id}`]: 'present', [`mark_${bo.user.id}`]: 'present' });
    const after = await fran.browser.get(`/cohorts/${id}/attendance`);
    expect(row(after.text, 'Ann Participant')).toContain('<td>100% (4 of 4)</td><td>Completed</td>');
    expect(row(after.text, 'Bo Participant')).toContain('<td>75% (3 of 4)</td><td>Completed</td>');
    expect(row(after.text, 'Cy Participant')).toContain('<td>0% (0 of 4)</td><td>Did not complete</td>');
  });

  it('is refused to participants', async () => {
    const id = await createCohortThreeThenTwo(t, coordinator);
    const pat = await join(id, 'participant', 'Pat Participant');
    expect((await pat.browser.get(`/cohorts/${id}/attendance`)).status).toBe(403);
  });
});
