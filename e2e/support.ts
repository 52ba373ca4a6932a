import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);

/** The two ways every journey runs: a phone with JavaScript off, and a desktop with it on. */
export const projects = [
  { name: 'phone, no JavaScript', viewport: { width: 320, height: 640 }, javaScriptEnabled: false },
  { name: 'desktop, JavaScript', viewport: { width: 1280, height: 800 }, javaScriptEnabled: true },
] as const;
export type Project = (typeof projects)[number];

import { startServer, type RunningServer } from '../tests/support/server.ts';

export { startServer, type RunningServer };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Runs axe on what the page shows now and fails on any violation. axe needs JavaScript, so for the
 * no-JavaScript project the page's HTML is served again, unchanged, into a scanning page of the same
 * size; the same scan also checks that nothing scrolls sideways at that width.
 */
export async function expectAccessible(page: Page, project: Project, scanContext: BrowserContext): Promise<void> {
  let target = page;
  let scanPage: Page | undefined;
  if (!project.javaScriptEnabled) {
    const html = await page.content();
    const url = page.url();
    scanPage = await scanContext.newPage();
    await scanPage.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await scanPage.goto(url);
    target = scanPage;
  }
  try {
    const results = await new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    const problems = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(problems, `axe on ${page.url()}`).toEqual([]);
    const overflow = await target.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow, `sideways scrolling on ${page.url()}`).toBeLessThanOrEqual(0);
  } finally {
    await scanPage?.close();
  }
}

export interface Person {
  name: string;
  email: string;
  password: string;
}

/** First-run setup through the form; leaves the page signed in as the new administrator. */
export async function setUpAdministrator(page: Page, admin: Person): Promise<void> {
  await page.goto('/setup');
  await page.getByLabel('Your name').fill(admin.name);
  await page.getByLabel('Email address').fill(admin.email);
  await page.getByLabel('Create a password').fill(admin.password);
  await page.getByLabel('Type the password again').fill(admin.password);
  await page.getByRole('button', { name: 'Create administrator account' }).click();
  await page.waitForURL((u) => u.pathname === '/');
}

/** Follows the newest invitation to `email` from the outbox (administrators only) and accepts it on `theirPage`. */
export async function acceptInvitationFromOutbox(adminPage: Page, theirPage: Page, person: Person): Promise<void> {
  await adminPage.goto('/admin/outbox');
  await adminPage
    .getByRole('row', { name: new RegExp(person.email.replace('.', '\\.')) })
    .getByRole('link')
    .first()
    .click();
  const link = await adminPage.getByRole('link', { name: /\/invitation\// }).getAttribute('href');
  await theirPage.goto(link!);
  await theirPage.getByLabel('Your name').fill(person.name);
  await theirPage.getByLabel('Create a password').fill(person.password);
  await theirPage.getByLabel('Type the password again').fill(person.password);
  await theirPage.getByRole('button', { name: 'Create account' }).click();
  await theirPage.waitForURL((u) => u.pathname === '/');
}

/** An administrator invites someone; the invitation is accepted from the outbox link on `theirPage`. */
export async function inviteAndJoin(adminPage: Page, theirPage: Page, person: Person, role: '' | 'coordinator' | 'partner' | 'administrator'): Promise<void> {
  await adminPage.goto('/admin/users/invite');
  await adminPage.getByLabel('Their name').fill(person.name);
  await adminPage.getByLabel('Their email address').fill(person.email);
  await adminPage.getByLabel('Organisation role').selectOption(role);
  await adminPage.getByRole('button', { name: 'Send invitation' }).click();
  await adminPage.waitForURL((u) => u.pathname === '/admin/users');
  await acceptInvitationFromOutbox(adminPage, theirPage, person);
}

/**
 * The shared frame of a journey: a fresh server, Chromium, pages sized for the project, and an axe
 * scan that works with JavaScript on or off. Call inside a `describe` for one project.
 */
export function journey(project: Project, hooks: { beforeAll: (fn: () => Promise<void>) => void; afterAll: (fn: () => Promise<void>) => void }) {
  let server: RunningServer;
  let browser: Browser;
  let scanContext: BrowserContext;
  hooks.beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    scanContext = await browser.newContext({ viewport: project.viewport, baseURL: server.baseUrl });
  });
  hooks.afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    newPage: async (): Promise<Page> =>
      (await browser.newContext({ viewport: project.viewport, javaScriptEnabled: project.javaScriptEnabled, baseURL: server.baseUrl })).newPage(),
    scan: (page: Page) => expectAccessible(page, project, scanContext),
  };
}
