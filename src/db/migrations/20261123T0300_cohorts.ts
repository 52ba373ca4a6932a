import type { Kysely } from 'kysely';

// Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cohorts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('plan_modules', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('joining_link', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer')
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('attendance_threshold', 'integer', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('cohorts_starts_idx').on('cohorts').column('starts_on').execute();

  await db.schema
    .createTable('cohort_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('is_lead', 'integer', (c) => c.notNull())
    .addColumn('lived_experience', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cohort_members_uq', ['cohort_id', 'user_id', 'role'])
    .execute();
  await db.schema.createIndex('cohort_members_user_idx').on('cohort_members').column('user_id').execute();
  await db.schema.createIndex('cohort_members_cohort_idx').on('cohort_members').columns(['cohort_id', 'role']).execute();

  await db.schema
    .createTable('cohort_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text')
    .addColumn('duration_minutes', 'integer')
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('bring', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cohort_sessions_cohort_idx').on('cohort_sessions').columns(['cohort_id', 'position']).execute();
  await db.schema.createIndex('cohort_sessions_starts_idx').on('cohort_sessions').column('starts_at').execute();

  await db.schema
    .createTable('attendance_marks')
    .addColumn('cohort_session_id', 'text', (c) => c.notNull().references('cohort_sessions.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('marked_by', 'text')
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_marks_pk', ['cohort_session_id', 'user_id'])
    .execute();
  await db.schema.createIndex('attendance_marks_user_idx').on('attendance_marks').column('user_id').execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['calendar_feeds', 'attendance_marks', 'cohort_sessions', 'cohort_members', 'cohorts']) await db.schema.dropTable(t).execute();
}
