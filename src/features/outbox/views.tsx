import type { OutboxMessage } from '../../db/schema.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ColumnHeads } from '../../views/table.tsx';

const URL_RE = /(https?:\/\/[^\s<>"]+)/g;

/** Shows a plain-text message with its web addresses as links, so a reader can follow them. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(URL_RE);
  return <div class="mail-body">{parts.map((p, i) => (i % 2 === 1 ? <a href={p}>{p}</a> : p))}</div>;
}

export function OutboxListView({ messages }: { messages: Pick<OutboxMessage, 'id' | 'created_at' | 'to_address' | 'subject'>[] }) {
  return (
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
  );
}

export function OutboxMessageView({ message: m }: { message: OutboxMessage }) {
  return (
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
  );
}
