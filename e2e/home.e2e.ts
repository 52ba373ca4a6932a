import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, inviteAndJoin, journey, projects, setUpAdministrator, type Project } from './support.ts';
import { inMainNav } from './navigation.ts';

if (!chromiumAvailable && process.env.CI === 'true') throw new Error('Chromium is missing: browser journeys must run in CI.');

const ADMIN = { name: 'Ada Admin', email: 'ada@example.org', password: 'kettle harbour lantern' };
const NEWCOMER = { name: 'Nia Newcomer', email: 'nia@example.org', password: 'river stone autumn' };

// The phone the review measured on, as well as the journeys' own two sizes.
// journey() reads only the viewport and whether JavaScript is on, so a third size passes for a project.
const phone360 = { name: 'phone 360 px, no JavaScript', viewport: { width: 360, height: 740 }, javaScriptEnabled: false } as unknown as Project;
const sizes: Project[] = [phone360, ...projects];

const heightOf = (page: Page, selector: string) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().height);

describe.skipIf(!chromiumAvailable).each(sizes)('home and navigation ($name)', (project) => {
  const { newPage, scan } = journey(project, { beforeAll, afterAll });
  const narrow = project.viewport.width < 768;

  it('keeps the navigation to one row, with help in view and a menu that opens without JavaScript', async () => {
    const admin = await newPage();
    await setUpAdministrator(admin, ADMIN);
    // An administrator has the longest navigation of anyone: on a phone it is still one row, a Menu; on a
    // desktop its row of fourteen links may wrap once.
    const closed = await heightOf(admin, 'nav.site-nav');
    expect(closed).toBeGreaterThan(0);
    expect(closed).toBeLessThan(narrow ? 60 : 110);
    await expect.poll(() => admin.getByRole('banner').getByRole('link', { name: 'Get help now' }).isVisible()).toBe(true);
    await scan(admin);

    const people = await inMainNav(admin, 'link', 'People');
    await expect.poll(() => people.isVisible()).toBe(true);
    expect(await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page');
    await scan(admin);
    if (narrow) expect(await heightOf(admin, 'nav.site-nav')).toBeGreaterThan(closed);
    await people.click();
    await admin.waitForURL((u) => u.pathname === '/admin/users');
    expect(await heightOf(admin, 'nav.site-nav')).toBe(closed);

    // A newcomer's home: no organisation role, where their private space is, and help.
    const nia = await newPage();
    await inviteAndJoin(admin, nia, NEWCOMER, '');
    await expect.poll(() => nia.getByRole('heading', { name: 'You are not in a cohort yet' }).isVisible()).toBe(true);
    expect(await nia.getByText('Organisation role').count()).toBe(0);
    await expect.poll(() => nia.getByRole('main').getByRole('link', { name: 'My private space' }).isVisible()).toBe(true);
    expect(await heightOf(nia, 'nav.site-nav')).toBeLessThan(60);
    await scan(nia);

    // Signing out is in the menu too.
    await (await inMainNav(nia, 'button', 'Sign out')).click();
    await nia.waitForURL((u) => u.pathname === '/sign-in');
  });
});
