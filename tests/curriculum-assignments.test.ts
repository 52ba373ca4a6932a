import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, signIn } from './support/factories.ts';
import { draftOf, publish, revisionOf } from './support/curriculum.ts';
import { createCohortThreeThenTwo, seedCourse } from './support/cohorts.ts';
import type { TestClient } from './support/client.ts';
import { readPackZip } from '../src/features/curriculum/pack.ts';
import { getPublishedVersion, getProgrammeRow } from '../src/features/curriculum/queries.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp({}, { defaultContent: true });
});
afterEach(async () => {
  await t.close();
});

const PST = 'peer-support-training';
const S6 = '06-review-and-evaluation';
const S11 = '11-review-and-evaluation';
const S2 = '02-what-is-recovery';
const PLACEHOLDER = 'Placeholder for the programme team';
const SEED_BRIEF =
  'The first assessment task is a written assignment in essay format where students consider their personal recovery story in relation to the recovery approach and the role of peer support.';

async function as(role: 'administrator' | 'coordinator' | 'partner' | null): Promise<TestClient> {
  const user = await createUser(t.deps, { role });
  const browser = t.client();
  await signIn(browser, user.email);
  return browser;
}

const sessionOf = async (id: string) => (await draftOf(t, PST)).modules.flatMap((m) => m.sessions).find((s) => s.id === id)!;

/** The text between a heading matching `start` and the next heading of the same level or the end of its section. */
const sectionAfter = (html: string, start: RegExp) => {
  const at = html.search(start);
  expect(at, String(start)).toBeGreaterThanOrEqual(0);
  const rest = html.slice(at);
  const end = rest.indexOf('</section>');
  return end < 0 ? rest : rest.slice(0, end);
};

async function addAssignment(author: TestClient, form: Record<string, string>, sessionId = S2) {
  return author.post(`/programmes/${PST}/draft/sessions/${sessionId}/assignments/new`, {
    revision: await revisionOf(t, PST),
    intent: 'save',
    ...form,
  });
}

const ESSAY = {
  title: 'Reflective essay',
  brief: 'Write about **recovery** as you understand it.',
  guidance: 'Start from your own story.',
  criterionCount: '3',
  criterionText_0: 'Explains the recovery approach.',
  criterionText_1: 'Relates personal experience to peer support.',
  criterionText_2: '',
  wordMinimum: '1,500',
  wordMaximum: '2000',
  wordTolerance: '10',
  formativeDrafts: '1',
  resubmissions: '2',
  retentionMonths: '36',
};

describe('authoring an assignment', () => {
  it('lets a coordinator add, edit and remove an assignment on a session of the draft, keeping criterion ids', async () => {
    const coordinator = await as('coordinator');
    const page = await coordinator.get(`/programmes/${PST}/draft/sessions/${S2}`);
    expect(page.text).toContain(`/programmes/${PST}/draft/sessions/${S2}/assignments/new`);
    expect((await coordinator.get(`/programmes/${PST}/draft/sessions/${S2}/assignments/new`)).status).toBe(200);

    const res = await addAssignment(coordinator, ESSAY);
    expect(res.status).toBe(303);
    const [saved] = (await sessionOf(S2)).assignments;
    expect(saved).toMatchObject({
      title: 'Reflective essay',
      brief: ESSAY.brief,
      guidance: ESSAY.guidance,
      wordLimits: { minimum: 1500, maximum: 2000, tolerancePercent: 10 },
      formativeDrafts: 1,
      resubmissions: 2,
      retentionMonths: 36,
    });
    expect(saved!.criteria.map((c) => c.text)).toEqual(['Explains the recovery approach.', 'Relates personal experience to peer support.']);

    // Editing keeps the id of a criterion whose row carries it; a new one gets its own.
    const edit = await coordinator.get(`/programmes/${PST}/draft/sessions/${S2}/assignments/${saved!.id}`);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain('Relates personal experience to peer support.');
    const again = await coordinator.post(`/programmes/${PST}/draft/sessions/${S2}/assignments/${saved!.id}`, {
      ...ESSAY,
      revision: await revisionOf(t, PST),
      intent: 'save',
      title: 'Reflective essay (revised)',
      criterionId_0: saved!.criteria[1]!.id,
      criterionText_0: 'Relates personal experience to peer support, in depth.',
      criterionText_1: 'Uses the language of recovery.',
      wordMinimum: '',
      wordMaximum: '',
      wordTolerance: '',
      formativeDrafts: '0',
    });
    expect(again.status).toBe(303);
    const [edited] = (await sessionOf(S2)).assignments;
    expect(edited!.id).toBe(saved!.id);
    expect(edited!.title).toBe('Reflective essay (revised)');
    expect(edited!.criteria[0]!.id).toBe(saved!.criteria[1]!.id);
    expect(edited!.criteria[1]!.id).not.toBe(saved!.criteria[0]!.id);
    expect(edited!.wordLimits).toEqual({ minimum: null, maximum: null, tolerancePercent: null });
    expect(edited!.formativeDrafts).toBe(0);

    const removed = await coordinator.post(`/programmes/${PST}/draft/sessions/${S2}/assignments/${saved!.id}/remove`, { revision: await revisionOf(t, PST) });
    expect(removed.status).toBe(303);
    expect((await sessionOf(S2)).assignments).toEqual([]);
    expect((await coordinator.get(`/programmes/${PST}/draft/sessions/${S2}/assignments/${saved!.id}`)).status).toBe(404);
  });

  it('refuses participants, partners and facilitators every assignment action, and changes nothing', async () => {
    await seedCourse(t);
    const coordinator = await as('coordinator');
    const cohort = await createCohortThreeThenTwo(t, coordinator);
    const facilitatorUser = await createUser(t.deps, { name: 'Fay Facilitator' });
    expect((await coordinator.post(`/cohorts/${cohort}/members`, { name: 'Fay Facilitator', email: facilitatorUser.email, role: 'facilitator' })).status).toBe(
      303,
    );
    const facilitator = t.client();
    await signIn(facilitator, facilitatorUser.email);
    const id = (await sessionOf(S6)).assignments[0]!.id;
    for (const who of [await as(null), await as('partner'), facilitator]) {
      expect((await who.get(`/programmes/${PST}/draft/sessions/${S6}/assignments/new`)).status).toBe(403);
      expect((await who.get(`/programmes/${PST}/draft/sessions/${S6}/assignments/${id}`)).status).toBe(403);
      expect((await addAssignment(who, ESSAY, S6)).status).toBe(403);
      const rev = await revisionOf(t, PST);
      expect((await who.post(`/programmes/${PST}/draft/sessions/${S6}/assignments/${id}`, { ...ESSAY, revision: rev })).status).toBe(403);
      expect((await who.post(`/programmes/${PST}/draft/sessions/${S6}/assignments/${id}/remove`, { revision: rev })).status).toBe(403);
    }
    const s6 = await sessionOf(S6);
    expect(s6.assignments.map((a) => a.title)).toEqual(['First assessment task']);
  });

  it('refuses huge counts, lengths and numbers with 422, keeping what was typed', async () => {
    const coordinator = await as('coordinator');
    const cases: Record<string, string>[] = [
      { criterionCount: '99999999' },
      { criterionCount: '1000' },
      { wordMaximum: '99999999999' },
      { wordMinimum: '3000', wordMaximum: '2000' },
      { wordTolerance: '250' },
      { formativeDrafts: '-1' },
      { resubmissions: '1.5' },
      { retentionMonths: 'forever' },
      { title: 'x'.repeat(201) },
      { brief: 'b'.repeat(50_001) },
      { criterionCount: '1', criterionText_0: 'c'.repeat(2001) },
      { title: '' },
    ];
    for (const bad of cases) {
      const typed = { ...ESSAY, brief: 'Kept brief text.', guidance: 'Kept guidance text.', ...bad };
      const res = await addAssignment(coordinator, typed);
      expect(res.status, JSON.stringify(bad).slice(0, 80)).toBe(422);
      expect(res.text).toContain('There is a problem');
      if (!bad.brief) expect(res.text).toContain('Kept brief text.');
      expect(res.text).toContain('Kept guidance text.');
      if (!bad.criterionText_0) expect(res.text).toContain('Explains the recovery approach.');
      // The page rendered back is bounded however large the count was.
      expect((res.text.match(/name="criterionText_/g) ?? []).length).toBeLessThanOrEqual(30);
    }
    expect((await sessionOf(S2)).assignments).toEqual([]);
  });
});

describe('publishing and the participant view', () => {
  it('pins the assignment in the published version; the participant sees the brief, criteria and limits of that version only', async () => {
    const coordinator = await as('coordinator');
    expect((await addAssignment(coordinator, ESSAY)).status).toBe(303);
    const participant = await as(null);
    expect((await participant.get(`/programmes/${PST}/sessions/${S2}`)).text).not.toContain('Reflective essay');

    await publish(coordinator, PST, 'An essay in session 2');
    const row = (await getProgrammeRow(t.deps.db, PST))!;
    const pinned = async (n: number) =>
      (await getPublishedVersion(t.deps.db, row.id, n))!.programme.modules.flatMap((m) => m.sessions).find((s) => s.id === S2)!.assignments;
    expect(await pinned(row.latest_version - 1)).toEqual([]);
    expect((await pinned(row.latest_version))[0]).toMatchObject({ title: 'Reflective essay', wordLimits: { minimum: 1500, maximum: 2000 } });

    const page = (await participant.get(`/programmes/${PST}/sessions/${S2}`)).text;
    const section = sectionAfter(page, /<h2 id="assess-[^"]*">Assessment<\/h2>/);
    expect(section).toContain('Reflective essay');
    expect(section).toContain('<strong>recovery</strong>');
    expect(section).toContain('Start from your own story.');
    expect(section).toContain('Explains the recovery approach.');
    expect(section).toContain('Relates personal experience to peer support.');
    expect(section).toContain('Between 1,500 and 2,000 words, with 10% either way allowed');
    expect(section).toContain('up to 1 draft for feedback');
    expect(section).toContain('36 months');

    // Editing the draft does not change what participants see until the next version.
    const id = (await sessionOf(S2)).assignments[0]!.id;
    const edited = await coordinator.post(`/programmes/${PST}/draft/sessions/${S2}/assignments/${id}`, {
      ...ESSAY,
      revision: await revisionOf(t, PST),
      intent: 'save',
      brief: 'A changed brief.',
    });
    expect(edited.status).toBe(303);
    const still = (await participant.get(`/programmes/${PST}/sessions/${S2}`)).text;
    expect(still).toContain('Write about <strong>recovery</strong>');
    expect(still).not.toContain('A changed brief.');
    expect((await pinned(row.latest_version))[0]!.brief).toBe(ESSAY.brief);
    // The facilitator guide shows the same assignment.
    expect((await coordinator.get(`/programmes/${PST}/sessions/${S2}/guide`)).text).toContain('Explains the recovery approach.');
  });
});

describe('the default content', () => {
  it('sets the first assessment in session 6 with the seed’s brief and the final assignment in session 11 as a placeholder', async () => {
    const s6 = (await sessionOf(S6)).assignments;
    const s11 = (await sessionOf(S11)).assignments;
    expect(s6).toHaveLength(1);
    expect(s6[0]!.brief.trim()).toBe(SEED_BRIEF);
    expect(s11).toHaveLength(1);
    expect(s11[0]!.title).toBe('Final assignment');
    expect(s11[0]!.brief).toContain(`> **${PLACEHOLDER}:**`);
    expect((await sessionOf(S11)).assessment).toBe('');
    for (const a of [...s6, ...s11]) {
      // The seeds give no criteria, word limits, drafts, resubmissions or retention: nothing is invented.
      expect(a.criteria).toEqual([]);
      expect(a.wordLimits).toEqual({ minimum: null, maximum: null, tolerancePercent: null });
      expect([a.formativeDrafts, a.resubmissions, a.retentionMonths]).toEqual([null, null, null]);
    }
    // No other session sets an assignment.
    const all = (await draftOf(t, PST)).modules.flatMap((m) => m.sessions).filter((s) => s.assignments.length);
    expect(all.map((s) => s.id)).toEqual([S6, S11]);
  });

  it('shows participants the brief with the criteria marked as a placeholder, and facilitators what is not yet set', async () => {
    const participant = await as(null);
    const s6 = sectionAfter((await participant.get(`/programmes/${PST}/sessions/${S6}`)).text, /<h2 id="assess-[^"]*">Assessment<\/h2>/);
    expect(s6).toContain('First assessment task');
    expect(s6).toContain('written assignment in essay format');
    expect(s6).toContain(`<strong>${PLACEHOLDER}:</strong> the criteria of this assignment are still to be written`);
    expect(s6).not.toContain('Not set by the programme team');
    const s11 = sectionAfter((await participant.get(`/programmes/${PST}/sessions/${S11}`)).text, /<h2 id="assess-[^"]*">Assessment<\/h2>/);
    expect(s11).toContain('Final assignment');
    expect(s11).toContain(`<strong>${PLACEHOLDER}:</strong> the brief of the final assignment`);

    const coordinator = await as('coordinator');
    const guide = sectionAfter((await coordinator.get(`/programmes/${PST}/sessions/${S6}/guide`)).text, /<h2 id="assessment">/);
    expect(guide).toContain('written assignment in essay format');
    expect(guide).toContain('Word limits');
    expect(guide).toContain('Not set by the programme team');
    // Presenting to the group leaves the notes for the programme team out.
    const present = sectionAfter((await coordinator.get(`/programmes/${PST}/sessions/${S6}/present`)).text, /<h2 id="assessment">/);
    expect(present).not.toContain('Not set by the programme team');
  });
});

describe('content packs', () => {
  it('keeps assignments through export and import', async () => {
    const coordinator = await as('coordinator');
    expect((await addAssignment(coordinator, ESSAY)).status).toBe(303);
    const before = await draftOf(t, PST);
    const res = await coordinator.raw(`/programmes/${PST}/export.zip?draft=1`);
    expect(res.status).toBe(200);
    const zip = new Uint8Array(await res.arrayBuffer());
    const pack = readPackZip(zip);
    expect(pack.ok, JSON.stringify(pack.ok ? '' : pack.problems)).toBe(true);
    if (!pack.ok) return;
    expect(pack.programme).toEqual(before);
    expect(pack.programme.modules[0]!.sessions.find((s) => s.id === S2)!.assignments[0]!.criteria).toHaveLength(2);

    // Importing it back into the draft over a removed assignment puts it back, ids included.
    const id = before.modules[0]!.sessions.find((s) => s.id === S2)!.assignments[0]!.id;
    await coordinator.post(`/programmes/${PST}/draft/sessions/${S2}/assignments/${id}/remove`, { revision: await revisionOf(t, PST) });
    const form = new FormData();
    form.append('pack', new File([zip], 'pst.zip', { type: 'application/zip' }));
    const imported = await coordinator.request('/programmes/import', { method: 'POST', body: form, headers: { origin: t.config.baseUrl } });
    expect(imported.status).toBe(303);
    expect(await draftOf(t, PST)).toEqual(before);
  });

  it('reports an assignment’s problems in a pack with their file and line', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const session = [
      '---',
      'title: One',
      'assignments:',
      '  - id: essay',
      '    title: Essay',
      '    word_limits:',
      '      minimum: 3000',
      '      maximum: 2000',
      '    criteria:',
      '      - id: same',
      '        text: A',
      '      - id: same',
      '        text: B',
      '    resubmissions: 99',
      '  - id: essay',
      '    title: Again',
      '---',
    ].join('\n');
    const zip = zipSync({
      'programme.md': strToU8('---\ntitle: Assessed course\nslug: assessed-course\n---\n'),
      '01-only/module.md': strToU8('---\ntitle: Only\n---\n'),
      '01-only/01-one.md': strToU8(session),
    });
    const pack = readPackZip(zip);
    expect(pack.ok).toBe(false);
    if (pack.ok) return;
    const messages = pack.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    expect(messages.some((m) => m.startsWith('01-only/01-one.md:14: assignments.0.resubmissions'))).toBe(true);

    // With the number fixed, the other problems are found.
    const fixed = readPackZip(
      zipSync({
        'programme.md': strToU8('---\ntitle: Assessed course\nslug: assessed-course\n---\n'),
        '01-only/module.md': strToU8('---\ntitle: Only\n---\n'),
        '01-only/01-one.md': strToU8(session.replace('resubmissions: 99', 'resubmissions: 1')),
      }),
    );
    expect(fixed.ok).toBe(false);
    if (fixed.ok) return;
    const found = fixed.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    expect(found).toContain('01-only/01-one.md:15: assignment id "essay" is also used by 01-only/01-one.md');
    expect(found).toContain('01-only/01-one.md:12: criterion id "same" is used twice in assignment "essay"');
    expect(found).toContain('01-only/01-one.md:7: assignment "essay": the minimum number of words is more than the maximum');
  });
});
