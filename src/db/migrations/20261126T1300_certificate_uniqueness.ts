import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen once landed. At most one unrevoked certificate per participant per cohort, held by the database so
// two coordinators issuing at once (or one double click) cannot both succeed (ADR 21). Both engines support
// partial indexes; the issuing command's insert names this index in its ON CONFLICT clause.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('certificates_one_valid_idx')
    .on('certificates')
    .columns(['cohort_id', 'user_id'])
    .unique()
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('certificates_one_valid_idx').execute();
}
