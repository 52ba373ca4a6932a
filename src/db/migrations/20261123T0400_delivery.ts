import type { Kysely } from 'kysely';

// Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('group_agreements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('group_agreements_version_uq', ['cohort_id', 'version'])
    .execute();

  await db.schema
    .createTable('agreement_acknowledgements')
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('group_agreements.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('acknowledged_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agreement_acknowledgements_pk', ['agreement_id', 'user_id'])
    .execute();
  await db.schema.createIndex('agreement_acknowledgements_user_idx').on('agreement_acknowledgements').column('user_id').execute();

  await db.schema
    .createTable('session_notes')
    .addColumn('cohort_session_id', 'text', (c) => c.notNull().references('cohort_sessions.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_notes_pk', ['cohort_session_id', 'user_id', 'kind'])
    .execute();
  await db.schema.createIndex('session_notes_user_idx').on('session_notes').column('user_id').execute();

  await db.schema
    .createTable('session_plans')
    .addColumn('cohort_session_id', 'text', (c) => c.primaryKey().references('cohort_sessions.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cohort_interest')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('why_now', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('offered_at', 'text')
    .addColumn('responded_at', 'text')
    .execute();
  await db.schema.createIndex('cohort_interest_cohort_idx').on('cohort_interest').columns(['cohort_id', 'created_at']).execute();
  await db.schema.createIndex('cohort_interest_token_idx').on('cohort_interest').column('token_hash').execute();

  await db.schema
    .alterTable('cohorts')
    .addColumn('interest_open', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cohorts').dropColumn('interest_open').execute();
  for (const t of ['cohort_interest', 'session_plans', 'session_notes', 'agreement_acknowledgements', 'group_agreements'])
    await db.schema.dropTable(t).execute();
}
