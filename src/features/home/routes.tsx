import { Hono } from 'hono';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { setupIsOpen } from '../../auth/commands.ts';
import { homePage } from './queries.ts';
import { HomeView } from './views.tsx';

/** The home page: first-run setup until there is an administrator, then each person's starting point. */
export function homeRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const actor = c.var.actor;
    if (!actor) return c.redirect((await setupIsOpen(c.var.deps)) ? '/setup' : '/sign-in', 303);
    const data = await homePage(c.var.deps, actor);
    return renderPage(c, {
      title: 'Home',
      body: <HomeView actor={actor} data={data} welcome={c.req.query('notice') === 'welcome'} />,
    });
  });

  return app;
}
