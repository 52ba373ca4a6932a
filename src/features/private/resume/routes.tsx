import { Hono } from 'hono';
import type { AppEnv } from '../../../types.ts';
import { renderPage } from '../../../views/layout.tsx';
import { currentActor, requireUser } from '../../../auth/guards.ts';
import { takePendingSave } from './commands.ts';
import { ResumeView } from './views.tsx';

/** Writing kept from an expired login session, offered back filled in at /my/resume/:id; it is removed once shown. */
export function resumeRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser);

  app.get('/:id', async (c) => {
    const pending = await takePendingSave(c.var.deps, currentActor(c), c.req.param('id'));
    if (!pending) return c.notFound();
    return renderPage(c, { title: 'Your writing was kept', body: <ResumeView pending={pending} /> });
  });

  return app;
}
