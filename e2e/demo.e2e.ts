// After `npm run demo`, the example facilitator and participant find a course under way: the journey
// runs the demo's own command into a new folder and starts the real server on it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, launchChromium, projects, startServer, type RunningServer } from './support.ts';

if (!chromiumAvailable && process.env.CI === 'true') throw new Error('Chromium is missing: browser journeys must run in CI.');

describe.skipIf(!chromiumAvailable)('the demo', () => {
  let root: string;
  let password: string;
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'peer-toolbox-demo-e2e-'));
    const dataDir = join(root, 'demo-data');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/demo.ts'], { env: { PATH: process.env.PATH, DATA_DIR: dataDir }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`DATA_DIR=${dataDir} npm start`);
    password = run.stdout.match(/has the password\s+(\S+)/)![1]!;
    server = await startServer({ env: { DATA_DIR: dataDir } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  describe.each(projects)('$name', (project) => {
    let scanContext: BrowserContext;
    beforeAll(async () => {
      scanContext = await browser.newContext({ viewport: project.viewport, baseURL: server.baseUrl });
    });
    const scan = (page: Page) => expectAccessible(page, project, scanContext);

    async function signedIn(email: string): Promise<Page> {
      const context = await browser.newContext({ viewport: project.viewport, javaScriptEnabled: project.javaScriptEnabled, baseURL: server.baseUrl });
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      return page;
    }

    it("the example facilitator opens their next session's guide and finds Mini Knowledge", async () => {
      const fran = await signedIn('facilitator@brightwater.example');
      await expect.poll(() => fran.getByRole('heading', { name: /^Your next session:/ }).isVisible()).toBe(true);
      await scan(fran);
      await fran.getByRole('link', { name: 'Facilitator guide' }).click();
      await fran.waitForURL((u) => u.pathname.endsWith('/guide'));
      await expect.poll(() => fran.getByText('Mini Knowledge').first().isVisible()).toBe(true);
      await expect.poll(() => fran.getByRole('heading', { name: /Example: Supporting the first assessment/ }).isVisible()).toBe(true);
      await scan(fran);
    });

    it('the example participant sees their cohort and its next session at home, and a past lesson with text', async () => {
      const priya = await signedIn('participant@brightwater.example');
      await expect.poll(() => priya.getByRole('heading', { name: /^Next session:/ }).isVisible()).toBe(true);
      await expect.poll(() => priya.getByText('Example: Peer Support Training, autumn group').first().isVisible()).toBe(true);
      await scan(priya);
      await priya.getByRole('link', { name: 'What is Recovery?' }).click();
      await expect.poll(() => priya.getByText(/^Example: Recovery here means/).isVisible()).toBe(true);
      await scan(priya);
    });
  });
});
