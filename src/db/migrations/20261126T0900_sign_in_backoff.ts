import type { Kysely } from 'kysely';

// Frozen once landed. Replaces the hard lockout of sign_in_throttles with exponential back-off keyed on
// account, device and address (ADR 18); adds fixed-window rate limits for public forms and the
// server's own secrets (the key that signs device cookies), shared by every app process.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sign_in_throttles').execute();
  await db.schema
    .createTable('sign_in_backoffs')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('blocked_until', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['server_secrets', 'rate_limits', 'sign_in_backoffs']) await db.schema.dropTable(t).execute();
  await db.schema
    .createTable('sign_in_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();
}
