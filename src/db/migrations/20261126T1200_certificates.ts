import type { Kysely } from 'kysely';

// Frozen once landed. Certificates of completion (each with its Open Badges credential), accredited
// awards recorded from an awarding body, and the keys that sign credentials (ADR 21).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credential_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('private_key_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('programme_id', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('programme_title', 'text', (c) => c.notNull())
    .addColumn('completed_on', 'text', (c) => c.notNull())
    .addColumn('basis_json', 'text', (c) => c.notNull())
    .addColumn('credential_jwt', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull().references('credential_keys.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_reason', 'text')
    .execute();
  await db.schema.createIndex('certificates_cohort_idx').on('certificates').columns(['cohort_id', 'user_id']).execute();
  await db.schema.createIndex('certificates_user_idx').on('certificates').column('user_id').execute();
  await db.schema
    .createTable('accredited_awards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('credits', 'integer')
    .addColumn('awarding_body', 'text', (c) => c.notNull())
    .addColumn('awarded_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accredited_awards_cohort_idx').on('accredited_awards').columns(['cohort_id', 'user_id']).execute();
  await db.schema.createIndex('accredited_awards_user_idx').on('accredited_awards').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['accredited_awards', 'certificates', 'credential_keys']) await db.schema.dropTable(t).execute();
}
