import { Hono } from 'hono';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { currentActor, requireUser } from '../../auth/guards.ts';
import { stocktakeCohortIds } from '../../policies/index.ts';
import { privateHome } from './queries.ts';
import { PrivateHomeView } from './views.tsx';

/**
 * The home of the private space, at /my. Its guard is on '/' alone: a '*' here would also run in front
 * of every /my/... sub-app, before their own guard could keep writing sent from an expired login.
 */
export function privateHomeRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/', requireUser);

  app.get('/', async (c) => {
    const actor = currentActor(c);
    const home = await privateHome(c.var.deps.db, actor.id);
    return renderPage(c, { title: 'My private space', body: <PrivateHomeView {...home} stocktakeCohortIds={stocktakeCohortIds(actor)} /> });
  });

  return app;
}
