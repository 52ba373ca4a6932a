import type { Kysely } from 'kysely';

// Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('journal_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('cohort_session_id', 'text', (c) => c.references('cohort_sessions.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('journal_entries_user_idx').on('journal_entries').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('wellbeing_plans')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('keeps_me_well', 'text', (c) => c.notNull())
    .addColumn('early_signs', 'text', (c) => c.notNull())
    .addColumn('what_helps', 'text', (c) => c.notNull())
    .addColumn('who_to_contact', 'text', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('item_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('item_comments_item_idx').on('item_comments').columns(['item_type', 'item_id', 'created_at']).execute();
  await db.schema.createIndex('item_comments_owner_idx').on('item_comments').column('owner_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['item_comments', 'wellbeing_plans', 'journal_entries']) await db.schema.dropTable(t).execute();
}
