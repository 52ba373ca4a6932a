import type { Kysely } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

const CONTACTS_CHECKED_ON = '2026-11-23';

const crisisContacts = [
  {
    name: 'Emergency services',
    how_to_reach: 'Call 999 (or 112) if you or someone else is in immediate danger',
    hours: '24 hours a day',
    nations: 'England, Scotland, Wales, Northern Ireland',
  },
  {
    name: 'Samaritans',
    how_to_reach: 'Call 116 123 free',
    hours: '24 hours a day, every day',
    nations: 'England, Scotland, Wales, Northern Ireland, Ireland',
  },
  {
    name: 'Shout',
    how_to_reach: 'Text SHOUT to 85258',
    hours: '24 hours a day, every day',
    nations: 'England, Scotland, Wales, Northern Ireland',
  },
  {
    name: 'NHS 111 (mental health option)',
    how_to_reach: 'Call 111 and choose the mental health option',
    hours: '24 hours a day',
    nations: 'England',
  },
  {
    name: 'NHS 24',
    how_to_reach: 'Call 111',
    hours: '24 hours a day',
    nations: 'Scotland',
  },
  {
    name: 'Breathing Space',
    how_to_reach: 'Call 0800 83 85 87 free',
    hours: 'See the service for current opening hours',
    nations: 'Scotland',
  },
  {
    name: 'Lifeline',
    how_to_reach: 'Call 0808 808 8000 free',
    hours: '24 hours a day',
    nations: 'Northern Ireland',
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text')
    .addColumn('deactivated_at', 'text')
    .execute();
  await db.schema.createIndex('users_role_status_idx').on('users').columns(['role', 'status']).execute();
  await db.schema.createIndex('users_name_idx').on('users').column('name').execute();

  await db.schema
    .createTable('login_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_sessions_user_idx').on('login_sessions').column('user_id').execute();

  await db.schema
    .createTable('user_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('user_tokens_user_idx').on('user_tokens').columns(['user_id', 'purpose']).execute();

  await db.schema
    .createTable('sign_in_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_user_id', 'text')
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'text')
    .execute();
  await db.schema.createIndex('audit_events_subject_idx').on('audit_events').columns(['subject_user_id', 'occurred_at']).execute();
  await db.schema.createIndex('audit_events_actor_idx').on('audit_events').columns(['actor_user_id', 'occurred_at']).execute();
  await db.schema.createIndex('audit_events_occurred_idx').on('audit_events').column('occurred_at').execute();

  await db.schema
    .createTable('outbox_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_messages_created_idx').on('outbox_messages').column('created_at').execute();

  await db.schema
    .createTable('crisis_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('how_to_reach', 'text', (c) => c.notNull())
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('nations', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('last_checked_on', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('crisis_contacts_position_idx').on('crisis_contacts').column('position').execute();

  const now = new Date().toISOString();
  await (db as Kysely<Record<string, Record<string, unknown>>>)
    .insertInto('crisis_contacts')
    .values(
      crisisContacts.map((c, i) => ({
        id: crypto.randomUUID(),
        ...c,
        notes: null,
        last_checked_on: CONTACTS_CHECKED_ON,
        position: i + 1,
        updated_at: now,
      })),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['crisis_contacts', 'outbox_messages', 'audit_events', 'sign_in_throttles', 'user_tokens', 'login_sessions', 'users']) {
    await db.schema.dropTable(t).execute();
  }
}
