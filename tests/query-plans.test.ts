// Every query behind the benchmark's pages finds its rows through an index: none reads a whole table
// that grows with the organisation. Checked with EXPLAIN, on both engines, on the queries the pages
// really run (the generator's small data set, the benchmark's own scenarios).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, type KyselyPlugin, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { buildTestApp, testEngine, type TestApp } from './support/app.ts';
import { signIn } from './support/factories.ts';
import { BENCH_PASSWORD, generate, type Generated } from '../bench/generate.ts';
import { emailOf, JOURNAL_FORM, scenarios } from '../bench/scenarios.ts';

// Tables that stay a handful of rows whatever the organisation's size, so reading them whole is fine.
const SMALL_BY_NATURE = new Set(['programmes', 'crisis_contacts', 'consent_texts', 'safeguarding_leads']);

let t: TestApp;
let people: Generated;
const seen = new Map<string, CompiledQuery>();

beforeAll(async () => {
  t = await buildTestApp({}, { defaultContent: true });
  people = await generate(t.deps.db, 'small', t.clock.now());
  // Records every query the app compiles from here on (the same connection; only compiling is watched).
  const plain = t.deps.db;
  const recorder: KyselyPlugin = {
    transformQuery({ node, queryId }) {
      const compiled = plain.getExecutor().compileQuery(node as RootOperationNode, queryId);
      if (/^\s*(select|with)\b/i.test(compiled.sql)) seen.set(compiled.sql, compiled);
      return node;
    },
    transformResult: async ({ result }: { result: QueryResult<UnknownRow> }) => result,
  };
  t.deps.db = plain.withPlugin(recorder);
});
afterAll(async () => {
  await t?.close();
});

/** The tables a query reads whole, on the engine of this run. */
async function fullScans(query: CompiledQuery): Promise<string[]> {
  if (testEngine === 'sqlite') {
    const plan = await t.deps.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
    // "SCAN t" and "SCAN t USING [COVERING] INDEX i" both read every row; "SEARCH" looks rows up, and
    // a full-text MATCH reads the virtual table through its own index.
    return plan.rows.flatMap(({ detail }) => detail.match(/^SCAN (\w+)(?: USING (?:COVERING )?INDEX \w+)?$/)?.[1] ?? []);
  }
  // PostgreSQL picks a sequential scan for small tables whatever their indexes; with sequential scans
  // priced out of reach, one is left in the plan only where no index can serve the query. This is the
  // weaker check (PostgreSQL will walk a whole index whose second column matches); SQLite's is exact.
  return t.deps.db.transaction().execute(async (trx) => {
    await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
    const plan = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
    return plan.rows.flatMap((r) => r['QUERY PLAN'].match(/Seq Scan on (\w+)/)?.[1] ?? []);
  });
}

describe('query plans of the benchmark pages', () => {
  it('read no growing table without an index', async () => {
    for (const s of scenarios(people)) {
      const browser = t.client();
      await signIn(browser, emailOf(people, s.who), BENCH_PASSWORD);
      const res = s.write ? await browser.post(s.path, JOURNAL_FORM) : await browser.get(s.path);
      expect(res.status, s.name).toBeLessThan(400);
      if (s.write) expect((await browser.get(s.path)).status).toBe(200);
    }
    expect(seen.size).toBeGreaterThan(10);

    const problems: string[] = [];
    for (const query of seen.values())
      for (const table of await fullScans(query)) if (!SMALL_BY_NATURE.has(table)) problems.push(`${table} read whole by: ${query.sql}`);
    expect(problems).toEqual([]);
  });
});
