import type { Kysely } from 'kysely';

// Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('readiness_conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('facilitator_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('signposted_to', 'text', (c) => c.notNull())
    .addColumn('agreed_note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('readiness_participant_idx').on('readiness_conversations').columns(['participant_id', 'created_at']).execute();
  await db.schema.createIndex('readiness_cohort_idx').on('readiness_conversations').column('cohort_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('readiness_conversations').execute();
}
