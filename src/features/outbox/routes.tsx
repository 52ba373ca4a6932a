import { Hono } from 'hono';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { allow, requireUser } from '../../auth/guards.ts';
import { canReadOutbox } from '../../policies/users.ts';
import { getOutboxMessage, listOutbox } from './queries.ts';
import { OutboxListView, OutboxMessageView } from './views.tsx';

/** The outbox at /admin/outbox: mail kept in the app when no SMTP server is configured. */
export function outboxRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, allow(canReadOutbox));

  app.get('/', async (c) => renderPage(c, { title: 'Outbox', body: <OutboxListView messages={await listOutbox(c.var.deps.db)} /> }));

  app.get('/:id', async (c) => {
    const message = await getOutboxMessage(c.var.deps.db, c.req.param('id'));
    if (!message) return c.notFound();
    return renderPage(c, { title: message.subject, body: <OutboxMessageView message={message} /> });
  });

  return app;
}
