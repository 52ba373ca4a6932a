import type { Kysely } from 'kysely';

// Found with the benchmark (docs/benchmarks.md): a facilitator's next session, across all their
// cohorts, is looked up by cohort and start time on every visit to their home page.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('cohort_sessions_cohort_starts_idx').on('cohort_sessions').columns(['cohort_id', 'starts_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cohort_sessions_cohort_starts_idx').execute();
}
