import type { Kysely } from 'kysely';

// Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('safeguarding_leads')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('added_by', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('safeguarding_concerns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id'))
    .addColumn('subject_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('raised_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('what_happened', 'text', (c) => c.notNull())
    .addColumn('immediate_risk', 'text', (c) => c.notNull())
    .addColumn('action_taken', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_by', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_at', 'text')
    .execute();
  await db.schema.createIndex('safeguarding_concerns_created_idx').on('safeguarding_concerns').column('created_at').execute();
  await db.schema.createIndex('safeguarding_concerns_raiser_idx').on('safeguarding_concerns').column('raised_by').execute();
  await db.schema.createIndex('safeguarding_concerns_subject_idx').on('safeguarding_concerns').column('subject_user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('safeguarding_concerns').execute();
  await db.schema.dropTable('safeguarding_leads').execute();
}
