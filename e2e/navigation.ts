import type { Locator, Page } from 'playwright-core';

/**
 * A link or button of the Main navigation. On a narrow screen the navigation is a Menu disclosure, so
 * it is opened first, as a person would; on a wide one the links are already in view.
 */
export async function inMainNav(page: Page, role: 'link' | 'button', name: string): Promise<Locator> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const menu = nav.locator('details.nav-menu');
  if ((await menu.isVisible()) && (await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  return nav.getByRole(role, { name, exact: true });
}
