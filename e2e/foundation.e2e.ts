import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, expectAccessible, launchChromium, projects, startServer, type RunningServer } from './support.ts';
import { inMainNav } from './navigation.ts';

const ADMIN = { name: 'Ada Admin', email: 'ada@example.org', password: 'kettle harbour lantern' };
const COORDINATOR = { name: 'Cara Coordinator', email: 'cara@example.org', password: 'lighthouse morning tea' };

if (!chromiumAvailable && process.env.CI === 'true') throw new Error('Chromium is missing: browser journeys must run in CI.');

describe.skipIf(!chromiumAvailable).each(projects)('foundation journey ($name)', (project) => {
  let server: RunningServer;
  let browser: Browser;
  let scanContext: BrowserContext;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    scanContext = await browser.newContext({ viewport: project.viewport, baseURL: server.baseUrl });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: project.viewport, javaScriptEnabled: project.javaScriptEnabled, baseURL: server.baseUrl });
    contexts.push(context);
    return context.newPage();
  }
  const scan = (page: Page) => expectAccessible(page, project, scanContext);

  async function signIn(page: Page, who: { email: string; password: string }) {
    await page.goto('/sign-in');
    await scan(page);
    await page.getByLabel('Email address').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/');
  }

  it('sets up, invites a coordinator who joins from the outbox link and finds help from the header', async () => {
    const page = await newPage();

    // First run: the home page leads to setup.
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/setup');
    await expect.poll(() => page.title()).toContain('Set up Peer Toolbox');
    await scan(page);

    // A mistake keeps what was typed and explains the problem.
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Create a password').fill('short');
    await page.getByLabel('Type the password again').fill('short');
    await page.getByRole('button', { name: 'Create administrator account' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'There is a problem' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Your name').inputValue()).toBe(ADMIN.name);
    await scan(page);

    await page.getByLabel('Create a password').fill(ADMIN.password);
    await page.getByLabel('Type the password again').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create administrator account' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Hello, ${ADMIN.name}`);

    // Sign out and back in.
    await (await inMainNav(page, 'button', 'Sign out')).click();
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await signIn(page, ADMIN);
    await scan(page);

    // Invite a coordinator.
    await (await inMainNav(page, 'link', 'People')).click();
    await scan(page);
    await page.getByRole('link', { name: 'Invite someone' }).click();
    await scan(page);
    await page.getByLabel('Their name').fill(COORDINATOR.name);
    await page.getByLabel('Their email address').fill(COORDINATOR.email);
    await page.getByLabel('Organisation role').selectOption('coordinator');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => page.getByText('Invitation sent.').isVisible()).toBe(true);
    await scan(page);

    // Follow the invitation link from the outbox.
    await (await inMainNav(page, 'link', 'Outbox')).click();
    await scan(page);
    await page.getByRole('link', { name: 'You are invited to Peer Toolbox' }).click();
    await scan(page);
    const invitation = await page.getByRole('link', { name: /\/invitation\// }).getAttribute('href');
    expect(invitation).toBeTruthy();

    const cara = await newPage();
    await cara.goto(invitation!);
    await scan(cara);
    await cara.getByLabel('Your name').fill(COORDINATOR.name);
    await cara.getByLabel('Create a password').fill(COORDINATOR.password);
    await cara.getByLabel('Type the password again').fill(COORDINATOR.password);
    await cara.getByRole('button', { name: 'Create account' }).click();
    await cara.waitForURL((u) => u.pathname === '/');
    await scan(cara);
    await (await inMainNav(cara, 'button', 'Sign out')).click();
    await cara.waitForURL((u) => u.pathname === '/sign-in');
    await signIn(cara, COORDINATOR);
    await expect.poll(() => cara.getByText('Organisation role: Coordinator').isVisible()).toBe(true);
    await scan(cara);

    // Help is one click away, from the header.
    await cara.getByRole('banner').getByRole('link', { name: 'Get help now' }).click();
    await cara.waitForURL((u) => u.pathname === '/help');
    await expect.poll(() => cara.getByRole('heading', { name: 'Samaritans' }).isVisible()).toBe(true);
    await scan(cara);

    // And a coordinator keeps the contacts current.
    await (await inMainNav(cara, 'link', 'Crisis contacts')).click();
    await scan(cara);
  });
});
