// Certificates from issue to revocation, and the assignment pages around them. The cohort is built
// finished: a small setup runs the app's own forms in-process against a new DATA_DIR (sessions dated
// in the past, the register taken), then the real server starts on that folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { bootDeps } from '../src/boot.ts';
import { createApp } from '../src/app.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { formatDate } from '../src/lib/format.ts';
import { TestClient } from '../tests/support/client.ts';
import type { TestApp } from '../tests/support/app.ts';
import { createUser, PASSWORD, signIn } from '../tests/support/factories.ts';
import { createCohortThreeThenTwo, seedCourse } from '../tests/support/cohorts.ts';
import { draftOf, publish, revisionOf } from '../tests/support/curriculum.ts';
import { chromiumAvailable, expectAccessible, launchChromium, projects, startServer, type RunningServer } from './support.ts';
import { inMainNav } from './navigation.ts';

if (!chromiumAvailable && process.env.CI === 'true') throw new Error('Chromium is missing: browser journeys must run in CI.');

const SLUG = 'overlap-course';
const PARTICIPANT = 'Σοφία Παπαδοπούλου';
const ABSENT = 'Łukasz Wójcik';
const REASON = 'Issued to the wrong cohort by mistake.';

const londonDate = (offsetDays: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

interface World {
  cohortId: string;
  sessionId: string;
  assignmentId: string;
  coordinator: string;
  participant: string;
  /** The date of the last session, as the certificate prints it. */
  completedOn: string;
}

/**
 * A finished cohort of the overlap course with an assignment in one session: four weekly sessions
 * ending a week ago, one participant present at all of them and one at none.
 */
async function buildFinishedCohort(dataDir: string): Promise<World> {
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', BASE_URL: 'http://localhost:3000' });
  const clock = new ManualClock(new Date(Date.now() - 40 * 86_400_000));
  const deps = await bootDeps(config, { clock });
  const app = createApp(deps);
  const t = { app, deps, clock, config, logs: [], client: () => new TestClient(app, config.baseUrl), close: () => deps.database.close() } satisfies TestApp;
  try {
    await seedCourse(t);
    const people = {
      coordinator: await createUser(deps, { role: 'coordinator', name: 'Cora Coordinator' }),
      facilitator: await createUser(deps, { name: 'Fran Facilitator' }),
      participant: await createUser(deps, { name: PARTICIPANT }),
      absent: await createUser(deps, { name: ABSENT }),
    };
    const cora = t.client();
    await signIn(cora, people.coordinator.email);

    const sessionId = (await draftOf(t, SLUG)).modules[1]!.sessions[0]!.id;
    const added = await cora.post(`/programmes/${SLUG}/draft/sessions/${sessionId}/assignments/new`, {
      revision: await revisionOf(t, SLUG),
      intent: 'save',
      title: 'Reflective essay',
      brief: 'Write about **recovery** as you understand it.',
      guidance: 'Start from your own story.',
      criterionCount: '2',
      criterionText_0: 'Explains the recovery approach.',
      criterionText_1: 'Relates personal experience to peer support.',
      wordMinimum: '1500',
      wordMaximum: '2000',
      wordTolerance: '10',
      formativeDrafts: '1',
      resubmissions: '1',
      retentionMonths: '36',
    });
    expect(added.status).toBe(303);
    await publish(cora, SLUG);
    const assignmentId = (await draftOf(t, SLUG)).modules[1]!.sessions[0]!.assignments[0]!.id;

    const cohortId = await createCohortThreeThenTwo(t, cora, { name: 'Leith autumn cohort', startsOn: londonDate(-35), endsOn: londonDate(-1) });
    for (const [who, role] of [
      [people.facilitator, 'facilitator'],
      [people.participant, 'participant'],
      [people.absent, 'participant'],
    ] as const)
      expect((await cora.post(`/cohorts/${cohortId}/members`, { name: who.name, email: who.email, role })).status).toBe(303);
    const sessions = await deps.db.selectFrom('cohort_sessions').select('id').where('cohort_id', '=', cohortId).orderBy('position').execute();
    const schedule: Record<string, string> = {};
    sessions.forEach((s, i) => {
      schedule[`date_${s.id}`] = londonDate(-7 * (sessions.length - i));
      schedule[`time_${s.id}`] = '10:00';
      schedule[`duration_${s.id}`] = '120';
    });
    expect((await cora.post(`/cohorts/${cohortId}/schedule`, schedule)).status).toBe(303);

    clock.set(new Date());
    const fran = t.client();
    await signIn(fran, people.facilitator.email);
    for (const s of sessions) {
      const res = await fran.post(`/cohorts/${cohortId}/sessions/${s.id}/register`, {
        [`mark_${people.participant.id}`]: 'present',
        [`mark_${people.absent.id}`]: 'absent',
      });
      expect(res.status).toBe(303);
    }
    return {
      cohortId,
      sessionId,
      assignmentId,
      coordinator: people.coordinator.email,
      participant: people.participant.email,
      completedOn: formatDate(londonDate(-7)),
    };
  } finally {
    await deps.database.close();
  }
}

describe.skipIf(!chromiumAvailable).each(projects)('certificates journey ($name)', (project) => {
  let root: string;
  let world: World;
  let server: RunningServer;
  let browser: Browser;
  let scanContext: BrowserContext;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'peer-toolbox-certificates-e2e-'));
    const dataDir = join(root, 'data');
    world = await buildFinishedCohort(dataDir);
    server = await startServer({ env: { DATA_DIR: dataDir } });
    browser = await launchChromium();
    scanContext = await browser.newContext({ viewport: project.viewport, baseURL: server.baseUrl });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });
  const scan = (page: Page) => expectAccessible(page, project, scanContext);

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: project.viewport, javaScriptEnabled: project.javaScriptEnabled, baseURL: server.baseUrl });
    return context.newPage();
  }

  async function signedIn(email: string): Promise<Page> {
    const page = await newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    return page;
  }

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

  it('a coordinator issues a certificate; the participant downloads it; a visitor verifies it; revoked, the public page says so', async () => {
    // The coordinator finds the cohort's certificates from the cohort page and issues one.
    const cora = await signedIn(world.coordinator);
    await (await inMainNav(cora, 'link', 'Cohorts')).click();
    await cora.getByRole('link', { name: 'Leith autumn cohort' }).click();
    await expect.poll(() => heading(cora)).toBe('Leith autumn cohort');
    await scan(cora);
    await cora.getByRole('link', { name: 'Certificates', exact: true }).click();
    await expect.poll(() => heading(cora)).toBe('Certificates: Leith autumn cohort');
    await scan(cora);
    expect(await cora.getByRole('button', { name: `Issue certificate to ${ABSENT}` }).count()).toBe(0);
    await cora.getByRole('button', { name: `Issue certificate to ${PARTICIPANT}` }).click();
    await expect.poll(() => cora.getByText('Certificate issued.').isVisible()).toBe(true);
    await scan(cora);
    const code = (await cora.getByRole('link', { name: /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/ }).textContent())!;
    await cora.getByRole('link', { name: code }).click();
    await expect.poll(() => heading(cora)).toBe(`Certificate ${code}`);
    await scan(cora);
    const certificateUrl = new URL(cora.url()).pathname;

    // The participant finds it from home, and again from the private space; the PDF downloads.
    const sofia = await signedIn(world.participant);
    await scan(sofia);
    await sofia.getByRole('link', { name: 'My certificates' }).click();
    await expect.poll(() => heading(sofia)).toBe('My certificates');
    await expect.poll(() => sofia.getByText(code).isVisible()).toBe(true);
    await scan(sofia);
    await sofia.goto('/');
    await sofia.getByRole('link', { name: 'My private space' }).first().click();
    await expect.poll(() => heading(sofia)).toBe('My private space');
    await scan(sofia);
    await sofia.getByRole('link', { name: 'My certificates' }).click();
    await expect.poll(() => heading(sofia)).toBe('My certificates');
    const pdfHref = (await sofia.getByRole('link', { name: 'Download the certificate (PDF)' }).getAttribute('href'))!;
    const pdf = await sofia.context().request.get(pdfHref);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // A visitor, signed out, checks the code on the public page.
    const visitor = await newPage();
    await visitor.goto('/verify');
    await expect.poll(() => heading(visitor)).toBe('Check a certificate');
    await scan(visitor);
    await visitor.getByLabel('Verification code').fill(code.toLowerCase().replaceAll('-', ' '));
    await visitor.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => heading(visitor)).toBe('Certificate verification');
    const facts = visitor.locator('dl');
    for (const fact of [PARTICIPANT, 'Overlap course', world.completedOn, 'Valid', 'Verified'])
      await expect.poll(() => facts.getByText(fact, { exact: true }).isVisible()).toBe(true);
    await scan(visitor);

    // The coordinator revokes it with a reason; the public page then says revoked, the participant sees why.
    await cora.goto(certificateUrl);
    await cora.getByRole('button', { name: 'Revoke certificate' }).click();
    await expect.poll(() => cora.getByText('Enter the reason for revoking').first().isVisible()).toBe(true);
    await scan(cora);
    await cora.getByLabel('Reason for revoking').fill(REASON);
    await cora.getByRole('button', { name: 'Revoke certificate' }).click();
    await expect.poll(() => cora.getByText('Certificate revoked.').isVisible()).toBe(true);
    await scan(cora);

    await visitor.reload();
    await expect.poll(() => visitor.getByRole('heading', { name: 'This certificate has been revoked' }).isVisible()).toBe(true);
    await expect.poll(() => facts.getByText('Revoked', { exact: true }).isVisible()).toBe(true);
    expect(await visitor.getByText(REASON).count()).toBe(0);
    await scan(visitor);

    await sofia.reload();
    await expect.poll(() => sofia.getByText(`Reason given: ${REASON}`).isVisible()).toBe(true);
    await scan(sofia);
  });

  it('a coordinator opens the assignment authoring pages; the participant reads the assignment in their session', async () => {
    const cora = await signedIn(world.coordinator);
    const base = `/programmes/${SLUG}/draft/sessions/${world.sessionId}`;
    await cora.goto(base);
    await scan(cora);
    await cora.getByRole('link', { name: 'Reflective essay (edit)' }).click();
    await expect.poll(() => cora.url()).toContain(`/assignments/${world.assignmentId}`);
    await expect.poll(() => cora.getByLabel('Title').inputValue()).toBe('Reflective essay');
    await scan(cora);
    await cora.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => cora.getByText('Explains the recovery approach.').first().isVisible()).toBe(true);
    await scan(cora);

    await cora.goto(base);
    await cora.getByRole('link', { name: 'Add an assignment' }).click();
    await expect.poll(() => heading(cora)).toMatch(/^Add an assignment set in /);
    await scan(cora);
    await cora.getByRole('button', { name: 'Save to draft' }).click();
    await expect.poll(() => cora.getByRole('heading', { name: 'There is a problem' }).isVisible()).toBe(true);
    await scan(cora);

    const sofia = await signedIn(world.participant);
    await sofia.getByRole('link', { name: 'Values' }).first().click();
    await expect.poll(() => sofia.getByRole('heading', { name: 'Reflective essay' }).isVisible()).toBe(true);
    await expect.poll(() => sofia.getByText('Relates personal experience to peer support.').isVisible()).toBe(true);
    await scan(sofia);
  });
});
