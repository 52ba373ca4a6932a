import { Hono } from 'hono';
import type { AppEnv } from '../../../types.ts';
import { currentActor, requireUser } from '../../../auth/guards.ts';
import { contentDisposition } from '../../../lib/file-check.ts';
import { exportMyData } from './commands.ts';

/** Download my data, at /my/data: everything held about the person, as readable HTML and JSON. */
export function exportRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser);

  app.get('/', async (c) => {
    const zip = await exportMyData(c.var.deps, currentActor(c));
    return c.body(zip.slice().buffer as ArrayBuffer, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': contentDisposition('my-peer-toolbox-data.zip'),
      'Cache-Control': 'no-store',
    });
  });

  return app;
}
