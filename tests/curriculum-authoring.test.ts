import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, signIn } from './support/factories.ts';
import { draftOf, revisionOf } from './support/curriculum.ts';
import type { TestClient } from './support/client.ts';

let t: TestApp;
let coordinator: TestClient;
beforeEach(async () => {
  t = await buildTestApp({}, { defaultContent: true });
  const user = await createUser(t.deps, { role: 'coordinator' });
  coordinator = t.client();
  await signIn(coordinator, user.email);
});
afterEach(async () => {
  await t.close();
});

const P2P = 'peer-2-peer';
const PST = 'peer-support-training';
const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('personal stocktake questions', () => {
  it('saves a question whose id would once have ended in a hyphen, with ids that are valid and unique', async () => {
    const module = (await draftOf(t, P2P)).modules[0]!;
    const questions = [
      'What support do I have around me?',
      'What support do I have around me right now?',
      'What support do I have around me?',
      'What matters most to me as I begin this programme, and why does it matter?',
    ];
    const res = await coordinator.post(`/programmes/${P2P}/draft/modules/${module.id}`, {
      revision: await revisionOf(t, P2P),
      title: module.title,
      purpose: module.purpose,
      description: module.description,
      facilitatorNotes: module.facilitatorNotes,
      preProgramme: 'yes',
      stocktake: questions.join('\n'),
    });
    expect(res.status).toBe(303);
    const saved = (await draftOf(t, P2P)).modules[0]!.stocktake;
    expect(saved.map((q) => q.text)).toEqual(questions);
    for (const q of saved) expect(q.id, q.id).toMatch(KEY);
    expect(new Set(saved.map((q) => q.id)).size).toBe(questions.length);
    expect((await coordinator.get(`/programmes/${P2P}/draft/modules/${module.id}`)).text).toContain('What support do I have around me?');

    // Saving again keeps each question's id, so answers already given still match.
    const again = await coordinator.post(`/programmes/${P2P}/draft/modules/${module.id}`, {
      revision: await revisionOf(t, P2P),
      title: module.title,
      preProgramme: 'yes',
      stocktake: ['A new first question?', ...questions].join('\n'),
    });
    expect(again.status).toBe(303);
    const after = (await draftOf(t, P2P)).modules[0]!.stocktake;
    expect(after.slice(1).map((q) => q.id)).toEqual(saved.map((q) => q.id));
    expect(after[0]!.id).toMatch(KEY);
  });

  it('refuses more than fifty questions with a message, keeping what was typed', async () => {
    const module = (await draftOf(t, P2P)).modules[0]!;
    const many = Array.from({ length: 51 }, (_, i) => `Question number ${i + 1}?`).join('\n');
    const res = await coordinator.post(`/programmes/${P2P}/draft/modules/${module.id}`, {
      revision: await revisionOf(t, P2P),
      title: module.title,
      stocktake: many,
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter at most 50 questions');
    expect(res.text).toContain('Question number 51?');
  });
});

describe('hostile input to the session editor', () => {
  const path = `/programmes/${PST}/draft/sessions/03-personal-recovery`;

  for (const intent of ['preview', 'save']) {
    for (const [field, value] of [
      ['noteCount', '50000'],
      ['intentionCount', '50000'],
      ['noteCount', '1e308'],
      ['intentionCount', '1e308'],
      ['noteCount', '-1'],
      ['intentionCount', 'Infinity'],
    ] as const) {
      it(`answers ${field}=${value} (${intent}) with a 422 page keeping what was typed, and keeps serving`, async () => {
        const before = await revisionOf(t, PST);
        const res = await coordinator.post(path, {
          revision: before,
          intent,
          title: 'Personal Recovery',
          aim: 'KEPT-AIM-TEXT',
          noteCount: '0',
          intentionCount: '0',
          [field]: value,
        });
        expect(res.status).toBe(422);
        expect(res.text).toMatch(/A session can have at most \d+|must be a whole number/);
        expect(res.text).toContain('KEPT-AIM-TEXT');
        expect(res.text.length).toBeLessThan(200_000);
        expect(await revisionOf(t, PST)).toBe(before);
        expect((await coordinator.get('/programmes')).status).toBe(200);
      });
    }
  }

  it('bounds the length of every text it stores, with a clear message', async () => {
    const res = await coordinator.post(path, {
      revision: await revisionOf(t, PST),
      intent: 'save',
      title: 'Personal Recovery',
      lesson: 'x'.repeat(50_001),
      intentionCount: '1',
      intentionText_0: 'y'.repeat(301),
      noteCount: '0',
      tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(', '),
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('The lesson must be 50,000 characters or fewer');
    expect(res.text).toContain('A learning intention must be 300 characters or fewer');
    expect(res.text).toContain('Enter at most 20 topics');
  });

  it('makes valid, unique ids for new learning intentions, however long', async () => {
    const text = 'Consider how the key concepts and factors supporting recovery have impacted on your own story';
    const res = await coordinator.post(path, {
      revision: await revisionOf(t, PST),
      intent: 'save',
      title: 'Personal Recovery',
      intentionCount: '2',
      intentionText_0: text,
      intentionText_1: text,
      noteCount: '0',
    });
    expect(res.status).toBe(303);
    const ids = (await draftOf(t, PST)).modules[0]!.sessions[2]!.learningIntentions.map((li) => li.id);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(KEY);
    expect(new Set(ids).size).toBe(2);
  });

  it('refuses a forged move direction and a too-long publishing note without changing anything', async () => {
    const before = await revisionOf(t, PST);
    expect((await coordinator.post(`/programmes/${PST}/draft/sessions/03-personal-recovery/move`, { direction: 'sideways' })).status).toBe(303);
    expect(await revisionOf(t, PST)).toBe(before);
    const publish = await coordinator.post(`/programmes/${PST}/publish`, { note: 'n'.repeat(301) });
    expect(publish.status).toBe(422);
    expect(publish.text).toContain('The note must be 300 characters or fewer');
  });
});

describe('module delivery', () => {
  it('claims nothing about delivering a module on its own unless the author says so', async () => {
    const module = (await draftOf(t, P2P)).modules[1]!;
    const save = async (standsAlone: string) => {
      const res = await coordinator.post(`/programmes/${P2P}/draft/modules/${module.id}`, {
        revision: await revisionOf(t, P2P),
        title: module.title,
        standsAlone,
      });
      expect(res.status).toBe(303);
      return (await draftOf(t, P2P)).modules[1]!.standsAlone;
    };
    expect(await save('yes')).toBe(true);
    expect(await save('no')).toBe(false);
    expect(await save('')).toBeNull();
    const bad = await coordinator.post(`/programmes/${P2P}/draft/modules/${module.id}`, {
      revision: await revisionOf(t, P2P),
      title: module.title,
      standsAlone: 'maybe',
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Choose whether the module can be delivered on its own');
  });
});
