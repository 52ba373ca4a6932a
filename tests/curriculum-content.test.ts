import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, signIn } from './support/factories.ts';
import { draftOf } from './support/curriculum.ts';
import type { TestClient } from './support/client.ts';
import { participantProgramme, programmeSchema, type ParticipantProgramme } from '../src/features/curriculum/model.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp({}, { defaultContent: true });
});
afterEach(async () => {
  await t.close();
});

async function as(role: 'coordinator' | null): Promise<TestClient> {
  const user = await createUser(t.deps, { role });
  const browser = t.client();
  await signIn(browser, user.email);
  return browser;
}

const P2P = 'peer-2-peer';
const PST = 'peer-support-training';
const PLACEHOLDER = 'Placeholder for the programme team';

/** Sentences of the seed addressed to facilitators, one from each Peer 2 Peer module. */
const FOR_FACILITATORS = [
  'This Mini Knowledge provides you with a duplicate of what participants will receive',
  'This Mini Knowledge provides helpful underpinning knowledge for peer facilitators',
  'should you decide to deliver this next',
  'you will recognise some duplication of knowledge',
  'It will also work as a stand-alone module',
];

/** The part of a page between one heading and the next heading of the same level. */
function sectionAfter(html: string, heading: RegExp): string {
  const start = html.search(heading);
  if (start < 0) return '';
  const rest = html.slice(start + 1);
  const level = html.slice(start).match(/^<h(\d)/)?.[1] ?? '2';
  const end = rest.search(new RegExp(`<h${level}[ >]`));
  return end < 0 ? rest : rest.slice(0, end);
}

describe('text written for facilitators', () => {
  it('never reaches a participant on the programme page, a workbook or search, and is in the facilitator pack', async () => {
    const participant = await as(null);
    const coordinator = await as('coordinator');
    const modules = (await draftOf(t, P2P)).modules;
    const participantPages = [`/programmes/${P2P}`, ...modules.map((m) => `/programmes/${P2P}/modules/${m.id}/workbook`)];
    for (const path of participantPages) {
      const page = await participant.get(path);
      expect(page.status, path).toBe(200);
      for (const sentence of FOR_FACILITATORS) expect(page.text, `${path}: ${sentence}`).not.toContain(sentence);
    }
    for (const q of ['duplicate', 'duplication', 'facilitators']) {
      const found = await participant.get(`/search?q=${q}`);
      for (const sentence of FOR_FACILITATORS) expect(found.text, q).not.toContain(sentence);
    }
    // The participant still reads what the seed says to them about each module.
    const programme = (await participant.get(`/programmes/${P2P}`)).text;
    expect(programme).toContain('It introduces a personal stocktake and an intentional writing of the recovery story.');
    expect(programme).toContain('creates space for conversations around an empowering identity');

    const packs = (await Promise.all(modules.map((m) => coordinator.get(`/programmes/${P2P}/modules/${m.id}/facilitator-pack`)))).map((p) => p.text).join('');
    for (const sentence of FOR_FACILITATORS) expect(packs, sentence).toContain(sentence);
    const staffProgramme = (await coordinator.get(`/programmes/${P2P}`)).text;
    expect(staffProgramme).toContain('should you decide to deliver this next');
    expect(staffProgramme).toContain('The majority of the MINI KNOWLEDGE in this toolbox');
    expect(programme).not.toContain('The majority of the MINI KNOWLEDGE in this toolbox');
  });

  it('stays out of participant pages after an author writes facilitator notes in the forms', async () => {
    const coordinator = await as('coordinator');
    const draft = await draftOf(t, P2P);
    const rev = async () =>
      String((await t.deps.db.selectFrom('programmes').select('draft_revision').where('slug', '=', P2P).executeTakeFirstOrThrow()).draft_revision);
    expect(
      (
        await coordinator.post(`/programmes/${P2P}/draft/programme`, {
          revision: await rev(),
          title: 'Peer 2 Peer',
          description: 'For everyone.',
          facilitatorNotes: 'PROGRAMME-NOTE-for-facilitators',
        })
      ).status,
    ).toBe(303);
    const m = draft.modules[1]!;
    expect(
      (
        await coordinator.post(`/programmes/${P2P}/draft/modules/${m.id}`, {
          revision: await rev(),
          title: m.title,
          description: 'Module text for everyone.',
          facilitatorNotes: 'MODULE-NOTE-for-facilitators',
          standsAlone: '',
        })
      ).status,
    ).toBe(303);
    expect((await coordinator.post(`/programmes/${P2P}/publish`, { note: 'Notes' })).status).toBe(303);
    const participant = await as(null);
    for (const path of [`/programmes/${P2P}`, `/programmes/${P2P}/modules/${m.id}/workbook`]) {
      const page = await participant.get(path);
      expect(page.text).toContain(path.endsWith('workbook') ? 'Module text for everyone.' : 'For everyone.');
      expect(page.text, path).not.toContain('PROGRAMME-NOTE');
      expect(page.text, path).not.toContain('MODULE-NOTE');
    }
    expect((await coordinator.get(`/programmes/${P2P}/modules/${m.id}/facilitator-pack`)).text).toContain('MODULE-NOTE-for-facilitators');
    expect((await coordinator.get(`/programmes/${P2P}`)).text).toContain('PROGRAMME-NOTE-for-facilitators');
  });

  it('gives participant views a type that a full programme cannot stand in for', () => {
    const full = programmeSchema.parse({ slug: 'x', title: 'X', facilitatorNotes: 'secret', modules: [{ id: 'm', title: 'M', facilitatorNotes: 'secret' }] });
    // @ts-expect-error A programme with its facilitator notes is not what a participant view accepts.
    const wrong: ParticipantProgramme = full;
    expect(wrong).toBeDefined();
    const visible = participantProgramme(full);
    expect(JSON.stringify(visible)).not.toContain('secret');
  });
});

describe('faithful default content', () => {
  it('lists no learning intentions the source does not give, and says so to facilitators as a placeholder', async () => {
    const coordinator = await as('coordinator');
    const draft = await draftOf(t, PST);
    for (const s of draft.modules.flatMap((m) => m.sessions)) {
      const guide = await coordinator.get(`/programmes/${PST}/sessions/${s.id}/guide`);
      const intentions = sectionAfter(guide.text, /<h2 id="intentions">/);
      expect(intentions, s.id).toContain(`${PLACEHOLDER}: the source lists no learning intentions`);
      expect(intentions, s.id).not.toMatch(/<li>/);
    }
  });

  it('marks the final assignment brief as a placeholder where session 11 shows its assessment, for participants too', async () => {
    const participant = await as(null);
    const s11 = await participant.get(`/programmes/${PST}/sessions/11-review-and-evaluation`);
    const assessment = sectionAfter(s11.text, /<h2 id="assess-[^"]*">Assessment<\/h2>/);
    expect(assessment).toContain(PLACEHOLDER);
    expect(assessment).toContain('final assignment');
    expect(assessment).not.toContain('It is an opportunity to reflect on learning');
    // Session 6 sets a real assessment task, quoted from the source.
    const s6 = await participant.get(`/programmes/${PST}/sessions/06-review-and-evaluation`);
    expect(sectionAfter(s6.text, /<h2 id="assess-[^"]*">Assessment<\/h2>/)).toContain('written assignment in essay format');
    const workbook = await participant.get(`/programmes/${PST}/modules/${(await draftOf(t, PST)).modules[0]!.id}/workbook`);
    expect(workbook.text).toContain(PLACEHOLDER);
  });

  it('shows the course-level Useful resources heading with a marked placeholder', async () => {
    const participant = await as(null);
    const page = await participant.get(`/programmes/${PST}`);
    expect(sectionAfter(page.text, /<h\d[^>]*>Useful resources<\/h\d>/)).toContain(PLACEHOLDER);
  });

  it('says a module can be delivered on its own only where the source says so: Peer 2 Peer modules 2 and 3', async () => {
    const participant = await as(null);
    const page = (await participant.get(`/programmes/${P2P}`)).text;
    const said = 'Can be delivered on its own or in sequence.';
    const modules = (await draftOf(t, P2P)).modules;
    const sections = modules.map((m) => sectionAfter(page, new RegExp(`<h2 id="m-${m.id}">`)));
    expect(sections.map((s) => s.includes(said))).toEqual([false, false, true, true]);
    expect(sections.some((s) => s.includes('Delivered in sequence.'))).toBe(false);
    expect((await participant.get(`/programmes/${PST}`)).text).not.toContain(said);
  });
});
