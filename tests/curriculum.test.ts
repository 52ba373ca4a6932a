import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './support/app.ts';
import { createUser, signIn } from './support/factories.ts';
import { addActivity, addIntentions, addKnowledge, draftOf, publish, revisionOf } from './support/curriculum.ts';
import type { TestClient } from './support/client.ts';
import { readPackZip } from '../src/features/curriculum/pack.ts';
import { getProgrammeRow, getPublishedVersion } from '../src/features/curriculum/queries.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp({}, { defaultContent: true });
});
afterEach(async () => {
  await t.close();
});

async function as(role: 'administrator' | 'coordinator' | 'partner' | null): Promise<TestClient> {
  const user = await createUser(t.deps, { role });
  const browser = t.client();
  await signIn(browser, user.email);
  return browser;
}

const PST = 'peer-support-training';
const S2 = '02-what-is-recovery';

const PST_TITLES = [
  'Introduction',
  'What is Recovery?',
  'Personal Recovery',
  'What is Peer Support?',
  'The Peer Relationship',
  'Review and Evaluation',
  'Use of Language and Communications',
  'Using Your Experiences Effectively',
  'Surviving and Thriving',
  'Positive Risk Taking and Boundaries',
  'Review and Evaluation',
];

const escapeHtml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

describe('the default programmes', () => {
  it('shows both programmes on a fresh start, with every module and session title of the seeds in order', async () => {
    const browser = await as(null);
    const list = await browser.get('/programmes');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Peer 2 Peer');
    expect(list.text).toContain('Peer Support Training');

    const p2p = await browser.get('/programmes/peer-2-peer');
    const modules = [
      'Pre-programme · Preparing for Peer 2 Peer',
      'Module 1 · Introducing Peer Support',
      'Module 2 · The Peer Support Relationship',
      'Module 3 · Peer Concepts and Practice',
    ];
    const positions = modules.map((m) => p2p.text.indexOf(m));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(p2p.text).toContain('Exploring values, relationships, boundaries and risks.');

    const pst = await browser.get(`/programmes/${PST}`);
    const titles = [...pst.text.matchAll(/<li><a href="\/programmes\/peer-support-training\/sessions\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(titles.map((x) => x!.replace('&#39;', "'"))).toEqual(PST_TITLES.map(escapeHtml));
  });

  it('carries the seeds’ lesson, assessments and content note', async () => {
    const browser = await as(null);
    const s4 = await browser.get(`/programmes/${PST}/sessions/04-what-is-peer-support`);
    for (const heading of [
      'Peer support values lived experience',
      'Peer support is based on a belief in recovery',
      'Not being the expert',
      'Peer practices are informed by recovery',
    ]) {
      expect(s4.text).toContain(heading);
    }
    const s6 = await browser.get(`/programmes/${PST}/sessions/06-review-and-evaluation`);
    expect(s6.text).toContain('written assignment in essay format');
    const s11 = await browser.get(`/programmes/${PST}/sessions/11-review-and-evaluation`);
    expect(s11.text).toContain('final assignment');
    const s10 = await browser.get(`/programmes/${PST}/sessions/10-positive-risk-taking-and-boundaries`);
    const note = s10.text.indexOf('Content note');
    expect(note).toBeGreaterThan(0);
    expect(s10.text).toContain('trauma, suicidality and risk');
    expect(note).toBeLessThan(s10.text.indexOf('About this lesson'));
  });

  it('shows coordinators where the seeds gave nothing, and participants no such note', async () => {
    const coordinator = await as('coordinator');
    expect((await coordinator.get(`/programmes/${PST}/sessions/01-introduction`)).text).toContain('To be written by the programme team');
    const participant = await as(null);
    expect((await participant.get(`/programmes/${PST}/sessions/01-introduction`)).text).not.toContain('To be written by the programme team');
  });

  it('sends someone signed out to sign in', async () => {
    expect((await t.client().get('/programmes')).status).toBe(303);
    expect((await t.client().get(`/programmes/${PST}/sessions/${S2}`)).status).toBe(303);
  });
});

describe('facilitator-only material', () => {
  const MK = 'MK-MARKER-hope-is-contagious';
  const GUIDE = 'GUIDE-MARKER-pair-people-up';

  async function withFacilitatorMaterial() {
    const coordinator = await as('coordinator');
    const [first] = await addIntentions(t, coordinator, PST, S2, [
      'Explore the development of the recovery approach in mental health.',
      'Examine key concepts in recovery and a range of factors that support recovery.',
    ]);
    await addKnowledge(t, coordinator, PST, S2, {
      title: 'Where the recovery approach came from',
      body: `Background: ${MK}`,
      intentions: [first!],
    });
    await addActivity(t, coordinator, PST, S2, {
      title: 'Recovery in pairs',
      participant: 'Talk in pairs about what helps.',
      facilitator: `Tip: ${GUIDE}`,
      minutes: '20',
    });
    await publish(coordinator, PST, 'Added knowledge');
    return coordinator;
  }

  it('never shows Mini Knowledge or facilitator guidance to a participant, by any route, export or search', async () => {
    await withFacilitatorMaterial();
    const row = (await getProgrammeRow(t.deps.db, PST))!;
    const draft = await draftOf(t, PST);
    const moduleId = draft.modules[0]!.id;
    const participant = await as(null);
    const partner = await as('partner');

    const allowed = [
      `/programmes`,
      `/programmes/${PST}`,
      `/programmes/${PST}/sessions/${S2}`,
      `/programmes/${PST}/modules/${moduleId}/workbook`,
      `/search?q=hope`,
      `/search?q=pair`,
      `/search?q=contagious`,
    ];
    const refused = [
      `/programmes/${PST}/sessions/${S2}/guide`,
      `/programmes/${PST}/sessions/${S2}/present`,
      `/programmes/${PST}/sessions/${S2}/history`,
      `/programmes/${PST}/modules/${moduleId}/facilitator-pack`,
      `/programmes/${PST}/overlap`,
      `/programmes/${PST}/history`,
      `/programmes/${PST}/export.zip`,
      `/programmes/${PST}/export.zip?draft=1`,
      `/programmes/${PST}?draft=1`,
      `/programmes/${PST}/sessions/${S2}?draft=1`,
      `/programmes/${PST}/draft`,
      `/programmes/${PST}/draft/sessions/${S2}`,
    ];
    for (const who of [participant, partner]) {
      for (const path of allowed) {
        const res = await who.get(path);
        expect(res.status, path).toBe(200);
        expect(res.text, path).not.toContain(MK);
        expect(res.text, path).not.toContain(GUIDE);
        expect(res.text, path).not.toContain('Mini Knowledge');
      }
      for (const path of refused) {
        const res = await who.get(path);
        expect(res.status, path).toBe(403);
        expect(res.text, path).not.toContain(MK);
      }
    }
    // The participant still sees the activity's participant instructions.
    expect((await participant.get(`/programmes/${PST}/sessions/${S2}`)).text).toContain('Talk in pairs about what helps.');
    expect(row.latest_version).toBe(2);
  });

  it('shows a facilitator each learning intention with its linked knowledge beneath it', async () => {
    const coordinator = await withFacilitatorMaterial();
    const guide = await coordinator.get(`/programmes/${PST}/sessions/${S2}/guide`);
    expect(guide.status).toBe(200);
    const first = guide.text.indexOf('Explore the development of the recovery approach in mental health.');
    const knowledge = guide.text.indexOf(MK);
    const second = guide.text.indexOf('Examine key concepts in recovery');
    expect(first).toBeGreaterThan(0);
    expect(knowledge).toBeGreaterThan(first);
    expect(second).toBeGreaterThan(knowledge);
    expect(guide.text).toContain(GUIDE);
    expect(guide.text).toContain('(20 minutes)');
  });

  it('hides every facilitator-only part in the presenting view, keeping the intentions', async () => {
    const coordinator = await withFacilitatorMaterial();
    const present = await coordinator.get(`/programmes/${PST}/sessions/${S2}/present`);
    expect(present.status).toBe(200);
    expect(present.text).not.toContain(MK);
    expect(present.text).not.toContain(GUIDE);
    expect(present.text).not.toContain('facilitator-only');
    expect(present.text).toContain('Explore the development of the recovery approach in mental health.');
    expect(present.text).toContain('Talk in pairs about what helps.');
  });

  it('lets facilitators and coordinators find knowledge by search, and participants only lessons', async () => {
    const coordinator = await withFacilitatorMaterial();
    const staff = await coordinator.get('/search?q=contagious');
    expect(staff.text).toContain('1 result');
    expect(staff.text).toContain(`/programmes/${PST}/sessions/${S2}/guide`);
    expect(staff.text).toMatch(/<mark>contagious<\/mark>/i);
    const participant = await as(null);
    expect((await participant.get('/search?q=contagious')).text).toContain('0 results');
    const lesson = await participant.get('/search?q=lived experience');
    expect(lesson.text).toContain('What is Peer Support?');
  });

  it('treats search syntax as plain words', async () => {
    const participant = await as(null);
    for (const q of ['"', 'NEAR(', 'recovery OR', "'; drop table programmes; --", '*', 'a:b']) {
      expect((await participant.get(`/search?q=${encodeURIComponent(q)}`)).status, q).toBe(200);
    }
  });
});

describe('authoring and versions', () => {
  it('keeps published versions unchanged while the draft is edited, and shows what changed', async () => {
    const coordinator = await as('coordinator');
    const form = await coordinator.get(`/programmes/${PST}/draft/sessions/${S2}`);
    expect(form.status).toBe(200);
    const res = await coordinator.post(`/programmes/${PST}/draft/sessions/${S2}`, {
      revision: await revisionOf(t, PST),
      intent: 'save',
      title: 'What is Recovery?',
      aim: 'A rewritten aim for the session.',
      durationMinutes: '90',
      intentionCount: '1',
      intentionId_0: 'recovery-approach',
      intentionText_0: 'Explore how the recovery approach developed.',
      noteCount: '0',
      overview: '',
      lesson: 'A **new** lesson.',
      assessment: '',
      tags: 'hope',
    });
    expect(res.status).toBe(303);
    const participant = await as(null);
    expect((await participant.get(`/programmes/${PST}/sessions/${S2}`)).text).not.toContain('A rewritten aim');
    await publish(coordinator, PST, 'New aim');
    const after = await participant.get(`/programmes/${PST}/sessions/${S2}`);
    expect(after.text).toContain('A rewritten aim for the session.');
    expect(after.text).toContain('<strong>new</strong>');
    const row = (await getProgrammeRow(t.deps.db, PST))!;
    const v1 = await getPublishedVersion(t.deps.db, row.id, 1);
    expect(v1!.programme.modules[0]!.sessions[1]!.aim).toContain('The aim of this session is to explore the development');

    const history = await coordinator.get(`/programmes/${PST}/sessions/${S2}/history`);
    expect(history.text).toContain('Version 2');
    expect(history.text).toMatch(/<ins><span class="visually-hidden">Added: <\/span>[^<]*rewritten/);
    expect(history.text).toContain('New aim');
  });

  it('refuses a save built on an older revision, keeping what the person typed', async () => {
    const coordinator = await as('coordinator');
    const stale = await revisionOf(t, PST);
    await coordinator.post(`/programmes/${PST}/draft/programme`, { revision: stale, title: 'Peer Support Training', summary: 'Changed by someone else' });
    const res = await coordinator.post(`/programmes/${PST}/draft/programme`, { revision: stale, title: 'Peer Support Training', summary: 'My own summary' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Someone else saved changes');
    expect(res.text).toContain('value="My own summary"');
    expect((await draftOf(t, PST)).summary).toBe('Changed by someone else');
  });

  it('re-renders an invalid session form with its errors and what was typed', async () => {
    const coordinator = await as('coordinator');
    const res = await coordinator.post(`/programmes/${PST}/draft/sessions/${S2}`, {
      revision: await revisionOf(t, PST),
      intent: 'save',
      title: '',
      aim: 'Kept aim text',
      durationMinutes: 'ninety',
      intentionCount: '0',
      noteCount: '1',
      noteTopic_0: 'trauma',
      noteText_0: '',
      lesson: 'Kept lesson text',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter the session title');
    expect(res.text).toContain('Enter the length in whole minutes');
    expect(res.text).toContain('Say what participants should expect');
    expect(res.text).toContain('Kept aim text');
    expect(res.text).toContain('Kept lesson text');
  });

  it('previews Markdown on the server without saving', async () => {
    const coordinator = await as('coordinator');
    const before = await revisionOf(t, PST);
    const res = await coordinator.post(`/programmes/${PST}/draft/sessions/${S2}`, {
      revision: before,
      intent: 'preview',
      title: 'What is Recovery?',
      lesson: '## Heading\n\n- one\n- two',
      intentionCount: '0',
      noteCount: '0',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Preview (not saved yet)');
    expect(res.text).toContain('<h3>Heading</h3>');
    expect(await revisionOf(t, PST)).toBe(before);
  });

  it('reorders sessions and modules with buttons', async () => {
    const coordinator = await as('coordinator');
    await coordinator.post(`/programmes/${PST}/draft/sessions/${S2}/move`, { direction: 'up' });
    expect((await draftOf(t, PST)).modules[0]!.sessions.slice(0, 2).map((s) => s.title)).toEqual(['What is Recovery?', 'Introduction']);
    const p2p = await draftOf(t, 'peer-2-peer');
    await coordinator.post(`/programmes/peer-2-peer/draft/modules/${p2p.modules[3]!.id}/move`, { direction: 'up' });
    expect((await draftOf(t, 'peer-2-peer')).modules.map((m) => m.title).slice(2)).toEqual(['Peer Concepts and Practice', 'The Peer Support Relationship']);
  });

  it('removes a session from the draft after asking, keeping it in the published version', async () => {
    const coordinator = await as('coordinator');
    const confirm = await coordinator.get(`/programmes/${PST}/draft/sessions/${S2}/remove`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Remove the session “What is Recovery?” from the draft?');
    expect((await coordinator.post(`/programmes/${PST}/draft/sessions/${S2}/remove`)).status).toBe(303);
    expect((await draftOf(t, PST)).modules[0]!.sessions).toHaveLength(10);
    expect((await coordinator.get(`/programmes/${PST}/sessions/${S2}`)).status).toBe(200);
    await publish(coordinator, PST);
    expect((await coordinator.get(`/programmes/${PST}/sessions/${S2}`)).status).toBe(404);
  });

  it('adds a module and a session, which appear once published', async () => {
    const coordinator = await as('coordinator');
    const p2p = await draftOf(t, 'peer-2-peer');
    const add = await coordinator.post(`/programmes/peer-2-peer/draft/modules/${p2p.modules[1]!.id}/sessions`, {
      revision: await revisionOf(t, 'peer-2-peer'),
      title: 'A safe learning environment',
    });
    expect(add.status).toBe(303);
    await publish(coordinator, 'peer-2-peer');
    expect((await (await as(null)).get('/programmes/peer-2-peer')).text).toContain('A safe learning environment');
  });

  for (const role of ['partner', null] as const) {
    it(`refuses a ${role ?? 'participant'} every authoring action`, async () => {
      const who = await as(role);
      const rev = await revisionOf(t, PST);
      const posts: [string, Record<string, string>][] = [
        [`/programmes/${PST}/draft/programme`, { revision: rev, title: 'Hijacked' }],
        [`/programmes/${PST}/draft/sessions/${S2}`, { revision: rev, title: 'Hijacked', intentionCount: '0', noteCount: '0' }],
        [`/programmes/${PST}/draft/sessions/${S2}/move`, { direction: 'up' }],
        [`/programmes/${PST}/publish`, { note: 'x' }],
        [`/programmes/${PST}/draft/modules`, { revision: rev, title: 'x' }],
        [`/programmes/${PST}/draft/sessions/${S2}/remove`, { revision: rev }],
      ];
      for (const [path, form] of posts) expect((await who.post(path, form)).status, path).toBe(403);
      expect((await who.get('/programmes/import')).status).toBe(403);
      expect((await draftOf(t, PST)).title).toBe('Peer Support Training');
      expect((await getProgrammeRow(t.deps.db, PST))!.latest_version).toBe(1);
    });
  }
});

describe('content packs', () => {
  it('exports each default programme and imports it back to identical content', async () => {
    const coordinator = await as('coordinator');
    for (const slug of ['peer-2-peer', PST]) {
      const before = await draftOf(t, slug);
      const res = await coordinator.raw(`/programmes/${slug}/export.zip`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toContain(`${slug}.zip`);
      const pack = readPackZip(new Uint8Array(await res.arrayBuffer()));
      expect(pack.ok, JSON.stringify(pack.ok ? '' : pack.problems)).toBe(true);
      if (pack.ok) expect(pack.programme).toEqual(before);
    }
  });

  it('reports every problem of an invalid pack with its file and line, and imports nothing', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const zip = zipSync({
      'bad-pack/programme.md': strToU8('---\ntitle: Bad pack\nslug: bad-pack\n---\n'),
      'bad-pack/01-first/module.md': strToU8('---\ntitle: First\nsurprise: true\n---\n'),
      'bad-pack/01-first/01-one.md': strToU8(
        '---\ntitle: One\nlearning_intentions:\n  - id: alpha\n    text: Alpha\nmini_knowledge:\n  - title: K\n    intentions: [beta]\n    body: x\nduration_minutes: lots\n---\nLesson\n',
      ),
      'bad-pack/01-first/02-two.md': strToU8(
        '---\ntitle: Two\nlearning_intentions:\n  - id: alpha\n    text: Alpha\nmini_knowledge:\n  - title: K\n    intentions: [alpha, beta]\n---\n',
      ),
    });
    const coordinator = await as('coordinator');
    const form = new FormData();
    form.append('pack', new File([zip], 'bad.zip', { type: 'application/zip' }));
    const res = await coordinator.request('/programmes/import', { method: 'POST', body: form, headers: { origin: 'http://localhost:3000' } });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Nothing was imported');
    expect(res.text).toMatch(/01-first\/module\.md:3: unknown field surprise/);
    expect(res.text).toMatch(/01-first\/01-one\.md:10: duration_minutes: /);
    expect(res.text).toContain('01-first/02-two.md:8: Mini Knowledge &quot;K&quot; links to learning intention &quot;beta&quot;');
    expect(await getProgrammeRow(t.deps.db, 'bad-pack')).toBeUndefined();
  });

  it('imports a valid pack from a zip into a new draft', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const zip = zipSync({
      'programme.md': strToU8('---\ntitle: Small course\nslug: small-course\n---\nA short course.\n'),
      '01-only/module.md': strToU8('---\ntitle: Only module\n---\n'),
      '01-only/01-first.md': strToU8('---\ntitle: First session\naim: To begin.\n---\nHello.\n'),
    });
    const coordinator = await as('coordinator');
    const form = new FormData();
    form.append('pack', new File([zip], 'small.zip', { type: 'application/zip' }));
    const res = await coordinator.request('/programmes/import', { method: 'POST', body: form, headers: { origin: 'http://localhost:3000' } });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/programmes/small-course/draft?notice=imported');
    expect((await draftOf(t, 'small-course')).modules[0]!.sessions[0]!.title).toBe('First session');
    // Not published yet, so participants cannot see it.
    expect((await (await as(null)).get('/programmes/small-course')).status).toBe(404);
  });
});
