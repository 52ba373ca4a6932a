import type { Db } from '../../db/index.ts';
import type { OutboxMessage } from '../../db/schema.ts';

/** The newest 200 messages kept in the outbox, without their bodies. */
export function listOutbox(db: Db): Promise<Pick<OutboxMessage, 'id' | 'created_at' | 'to_address' | 'subject'>[]> {
  return db.selectFrom('outbox_messages').select(['id', 'created_at', 'to_address', 'subject']).orderBy('created_at', 'desc').limit(200).execute();
}

/** One message with its body (which may hold a sign-in link: the route lets administrators only). */
export function getOutboxMessage(db: Db, id: string): Promise<OutboxMessage | undefined> {
  return db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirst();
}
