import { sql, type Kysely } from 'kysely';

// A cohort's plan may draw modules from more than one published programme (the Peer 2 Peer readiness
// pre-programme before a Peer Support Training course), each pinned to its version. Each cohort
// session now names its programme, and the plan lists programme, version and module for each module.
// Existing cohorts keep working: their sessions and plans are filled in from the cohort's own programme.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('cohort_sessions')
    .addColumn('programme_id', 'text', (c) => c.references('programmes.id'))
    .execute();
  await sql`update cohort_sessions set programme_id = (select cohorts.programme_id from cohorts where cohorts.id = cohort_sessions.cohort_id)`.execute(db);
  const cohorts = await sql<{ id: string; programme_id: string; version_number: number; plan_modules: string }>`
    select id, programme_id, version_number, plan_modules from cohorts`.execute(db);
  for (const c of cohorts.rows) {
    if (c.plan_modules.trim().startsWith('[')) continue;
    const plan = c.plan_modules
      .split(',')
      .filter(Boolean)
      .map((moduleId) => ({ programmeId: c.programme_id, version: Number(c.version_number), moduleId }));
    await sql`update cohorts set plan_modules = ${JSON.stringify(plan)} where id = ${c.id}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const cohorts = await sql<{ id: string; plan_modules: string }>`select id, plan_modules from cohorts`.execute(db);
  for (const c of cohorts.rows) {
    if (!c.plan_modules.trim().startsWith('[')) continue;
    const plan = JSON.parse(c.plan_modules) as { moduleId: string }[];
    await sql`update cohorts set plan_modules = ${plan.map((m) => m.moduleId).join(',')} where id = ${c.id}`.execute(db);
  }
  await db.schema.alterTable('cohort_sessions').dropColumn('programme_id').execute();
}
