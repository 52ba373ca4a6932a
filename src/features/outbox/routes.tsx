import { Hono } from 'hono';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { allow, requireUser } from '../../auth/guards.ts';
import { canReadOutbox } from '../../policies/users.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ColumnHeads } from '../../views/table.tsx';

const URL_RE = /(https?:\/\/[^\s<>"]+)/g;

/** Shows a plain-text message with its web addresses as links, so a reader can follow them. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(URL_RE);
  return <div class="mail-body">{parts.map((p, i) => (i % 2 === 1 ? <a href={p}>{p}</a> : p))}</div>;
}

/** The outbox: mail kept in the app when no SMTP server is configured. */
export function outboxRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, allow(canReadOutbox));

  app.get('/', async (c) => {
    const messages = await c.var.deps.db
      .selectFrom('outbox_messages')
      .select(['id', 'created_at', 'to_address', 'subject'])
      .orderBy('created_at', 'desc')
      .limit(200)
      .execute();
    return renderPage(c, {
      title: 'Outbox',
      body: (
        <>
          <h1>Outbox</h1>
          <p>No mail server is configured, so email is kept here instead of being sent. Set SMTP_URL to send it.</p>
          {messages.length === 0 ? (
            <p>No messages yet.</p>
          ) : (
            <table>
              <caption class="visually-hidden">Messages, newest first</caption>
              <ColumnHeads columns={['To', 'Subject', 'When']} />
              <tbody>
                {messages.map((m) => (
                  <tr>
                    <td>{m.to_address}</td>
                    <td>
                      <a href={`/admin/outbox/${m.id}`}>{m.subject}</a>
                    </td>
                    <td>{formatDateTime(m.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ),
    });
  });

  app.get('/:id', async (c) => {
    const m = await c.var.deps.db.selectFrom('outbox_messages').selectAll().where('id', '=', c.req.param('id')).executeTakeFirst();
    if (!m) return c.notFound();
    return renderPage(c, {
      title: m.subject,
      body: (
        <>
          <h1>{m.subject}</h1>
          <dl class="summary-list">
            <div>
              <dt>To</dt>
              <dd>{m.to_address}</dd>
            </div>
            <div>
              <dt>When</dt>
              <dd>{formatDateTime(m.created_at)}</dd>
            </div>
          </dl>
          <Linkified text={m.body_text} />
          <p>
            <a href="/admin/outbox">Back to the outbox</a>
          </p>
        </>
      ),
    });
  });

  return app;
}
