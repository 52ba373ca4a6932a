import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, testEngine, type TestApp } from './support/app.ts';
import { createUser, signIn } from './support/factories.ts';
import { buildDemo, DemoRefused, type Demo } from '../src/demo/build.ts';
import { EXAMPLE } from '../src/demo/content.ts';
import { allPublishedVersions, getProgrammeRow } from '../src/features/curriculum/queries.ts';
import type { Programme } from '../src/features/curriculum/model.ts';

const PASSWORD = 'demo password for tests';
const emailOf = (demo: Demo, key: string) => demo.people.find((p) => p.key === key)!.email;
const marked = (text: string) => text.startsWith(EXAMPLE);

let t: TestApp;
let demo: Demo;
beforeAll(async () => {
  t = await buildTestApp();
  demo = await buildDemo(t.deps, { password: PASSWORD });
});
afterAll(async () => {
  await t.close();
});

describe('npm run demo', () => {
  it("shows a facilitator their next session's guide with Mini Knowledge", async () => {
    const fran = t.client();
    await signIn(fran, emailOf(demo, 'facilitator'), PASSWORD);
    const home = await fran.get('/');
    expect(home.text).toContain('Your next session:');
    expect(home.text).toContain('Example: Peer Support Training, autumn group');
    const guide = home.text.match(/href="([^"]+\/guide\?version=\d+)"/)![1]!.replaceAll('&amp;', '&');
    const page = await fran.get(guide);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Mini Knowledge');
    expect(page.text).toContain('Example: Supporting the first assessment');
    expect(page.text).not.toContain('To be written by the programme team');
  });

  it('shows a participant their cohort, next session, attendance and lessons with text', async () => {
    const priya = t.client();
    await signIn(priya, emailOf(demo, 'participant'), PASSWORD);
    const home = await priya.get('/');
    expect(home.text).toContain('Next session:');
    expect(home.text).toMatch(/You have attended \d of 5 sessions/);
    const lessons = [...home.text.matchAll(/href="(\/programmes\/peer-support-training\/sessions\/[^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    // The five lessons held so far, and the next session's lesson to read before it.
    expect(lessons.length).toBe(6);
    for (const lesson of lessons) {
      const page = await priya.get(lesson);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('There is no lesson text');
      expect(page.text).not.toContain('Mini Knowledge');
    }
  });

  it('gives the safeguarding lead a concern to read, and the facilitators a shared story', async () => {
    const sam = t.client();
    await signIn(sam, emailOf(demo, 'safeguarding'), PASSWORD);
    const list = await sam.get('/safeguarding');
    const concern = list.text.match(/href="(\/safeguarding\/[^"]+)"/)![1]!;
    expect((await sam.get(concern)).text).toContain('Example: In the break');
    const shared = await t.deps.db.selectFrom('stories').select(['title', 'shared']).orderBy('title').execute();
    expect(shared).toEqual([
      { title: 'Example: My story so far', shared: 0 },
      { title: 'Example: Where I am now', shared: 1 },
    ]);
  });

  it('lets every example person sign in to a working home page, and shows the coordinator both cohorts', async () => {
    for (const p of demo.people) {
      const browser = t.client();
      await signIn(browser, p.email, PASSWORD);
      const home = await browser.get('/');
      expect(home.status, p.email).toBe(200);
      expect(home.text).toContain(`Hello, ${p.name}`);
    }
    const cora = t.client();
    await signIn(cora, emailOf(demo, 'coordinator'), PASSWORD);
    for (const c of demo.cohorts) {
      for (const page of ['', '/members', '/attendance']) expect((await cora.get(`/cohorts/${c.id}${page}`)).status, `${c.id}${page}`).toBe(200);
    }
  });

  it('puts someone in every role', async () => {
    const users = await t.deps.db.selectFrom('users').select(['role']).execute();
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(['administrator', 'coordinator', 'partner', null]));
    const members = await t.deps.db.selectFrom('cohort_members').select('role').execute();
    expect(new Set(members.map((m) => m.role))).toEqual(new Set(['facilitator', 'participant', 'assessor', 'verifier']));
    expect(await t.deps.db.selectFrom('safeguarding_leads').select('user_id').execute()).toHaveLength(1);
    const marks = await t.deps.db.selectFrom('attendance_marks').select('status').execute();
    expect(marks.length).toBeGreaterThan(0);
  });

  it('marks every piece of example text, and leaves the first published versions as they were', async () => {
    for (const slug of ['peer-support-training', 'peer-2-peer']) {
      const row = (await getProgrammeRow(t.deps.db, slug))!;
      const [first, example] = (await allPublishedVersions(t.deps.db, row.id)).sort((a, b) => a.number - b.number);
      expect(first!.note).toBe('First version');
      expect(marked(example!.note!)).toBe(true);
      const before = first!.programme;
      const sessionsOf = (p: Programme) => p.modules.flatMap((m) => m.sessions);
      const old = new Map(sessionsOf(before).map((s) => [s.id, s]));
      for (const s of sessionsOf(example!.programme)) {
        const was = old.get(s.id);
        if (!was) {
          for (const text of [s.title, s.aim, s.lesson, ...s.learningIntentions.map((i) => i.text)]) expect(marked(text), text).toBe(true);
        } else if (s.lesson !== was.lesson) expect(was.lesson).toBe('');
        if (s.lesson !== was?.lesson) expect(marked(s.lesson), s.lesson).toBe(true);
        const known = new Set(was?.miniKnowledge.map((k) => k.id));
        for (const k of s.miniKnowledge.filter((k) => !known.has(k.id))) expect(marked(k.title) && marked(k.body), k.title).toBe(true);
        expect(s.miniKnowledge.length, s.title).toBeGreaterThan(0);
      }
      // What the customer's documents gave is still there, word for word.
      expect(example!.programme.modules.map((m) => [m.title, m.description])).toEqual(before.modules.map((m) => [m.title, m.description]));
    }
    const db = t.deps.db;
    const texts = [
      ...(await db.selectFrom('cohorts').select('name as text').execute()),
      ...(await db.selectFrom('journal_entries').select('title as text').execute()),
      ...(await db.selectFrom('journal_entries').select('text').execute()),
      ...(await db.selectFrom('stories').select('title as text').execute()),
      ...(await db.selectFrom('story_versions').select('text').execute()),
      ...(await db.selectFrom('safeguarding_concerns').select('what_happened as text').execute()),
      ...(await db.selectFrom('safeguarding_concerns').select('action_taken as text').execute()),
    ].map((r) => r.text);
    for (const text of texts) expect(marked(text), text).toBe(true);
    for (const u of await db.selectFrom('users').select(['name', 'email']).execute()) {
      expect(u.name).toMatch(/ Example$/);
      expect(u.email).toMatch(/@brightwater\.example$/);
    }
  });

  it('refuses a database that already has people in it, and writes nothing', async () => {
    await expect(buildDemo(t.deps)).rejects.toBeInstanceOf(DemoRefused);
    const real = await buildTestApp();
    try {
      await createUser(real.deps, { role: 'administrator' });
      await expect(buildDemo(real.deps)).rejects.toThrow('already has people');
      const versions = await real.deps.db.selectFrom('programme_versions').select('number').execute();
      expect(versions.every((v) => v.number === 1)).toBe(true);
      expect(await real.deps.db.selectFrom('cohorts').select('id').execute()).toEqual([]);
    } finally {
      await real.close();
    }
  });

  // The folder check happens before any database is opened, so one engine is enough.
  it.skipIf(testEngine === 'postgres')('refuses to build into a folder that is not empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peer-toolbox-demo-'));
    try {
      writeFileSync(join(dir, 'peer-toolbox.db'), 'a real installation');
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/demo.ts'], {
        env: { PATH: process.env.PATH, DATA_DIR: dir },
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`Nothing was done: ${dir} is not empty`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
