import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../../types.ts';
import { renderPage } from '../../../views/layout.tsx';
import { currentActor, requireUser } from '../../../auth/guards.ts';
import { contentDisposition } from '../../../lib/file-check.ts';
import { buildCalendar } from './ics.ts';
import { feedCohorts, feedMadeAt } from './queries.ts';
import { renewCalendarFeed, revokeCalendarFeed } from './commands.ts';
import { CalendarFeedView } from './views.tsx';

/** An iCalendar response, never cached by anything in between: it shows where and when people meet. */
export const icsResponse = (c: Context<AppEnv>, body: string, filename: string) =>
  c.body(body, 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': contentDisposition(filename),
    'Cache-Control': 'private, no-store',
  });

/** The personal feed at /calendar/<secret>.ics, fetched by calendar apps that cannot sign in: the secret in its address is the key. */
export function calendarFeedRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/:token{[A-Za-z0-9_-]+\\.ics}', async (c) => {
    const { db, config, clock } = c.var.deps;
    const cohorts = await feedCohorts(db, c.req.param('token').replace(/\.ics$/, ''));
    if (!cohorts) return c.notFound();
    return icsResponse(c, buildCalendar('Peer Toolbox sessions', cohorts, config.baseUrl, clock.now()), 'peer-toolbox.ics');
  });

  return app;
}

/** Making and turning off one's feed address, at /account/calendar. */
export function accountCalendarRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser);

  app.get('/', async (c) =>
    renderPage(c, { title: 'Your calendar feed', body: <CalendarFeedView hasFeed={(await feedMadeAt(c.var.deps.db, currentActor(c).id)) !== null} /> }),
  );

  // The new address is shown in the response, never put in a URL where history or logs could keep it.
  app.post('/', async (c) => {
    const token = await renewCalendarFeed(c.var.deps, currentActor(c));
    return renderPage(c, { title: 'Your calendar feed', body: <CalendarFeedView hasFeed freshUrl={`${c.var.deps.config.baseUrl}/calendar/${token}.ics`} /> });
  });

  app.post('/revoke', async (c) => {
    await revokeCalendarFeed(c.var.deps, currentActor(c));
    return c.redirect('/account/calendar', 303);
  });

  return app;
}
