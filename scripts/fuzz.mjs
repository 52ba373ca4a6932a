// A long fuzz session: tests/fuzz.test.ts with many submissions per route, on SQLite and then on PostgreSQL.
// FUZZ_RUNS (default 500), FUZZ_SEED, FUZZ_ROUTE and the other knobs described in the test file pass through.
// Outside CI a missing PostgreSQL is reported and skipped; with CI=true it is a failure.
import { spawnSync } from 'node:child_process';

// A new seed each long run (the suite in npm test keeps a fixed one): printed in every failure for replaying.
const env = { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS ?? '500', FUZZ_SEED: process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31)) };
console.log(`FUZZ_SEED=${env.FUZZ_SEED}`);
const vitest = ['vitest', 'run', 'tests/fuzz.test.ts', ...process.argv.slice(2)];
const results = [];

console.log(`\n=== Fuzzing on SQLite (${env.FUZZ_RUNS} submissions per route) ===`);
results.push(['SQLite', spawnSync('npx', vitest, { stdio: 'inherit', env: { ...env, TEST_DATABASE_URL: '' } }).status]);

console.log(`\n=== Fuzzing on PostgreSQL (${env.FUZZ_RUNS} submissions per route) ===`);
const pgRun = spawnSync('node', ['scripts/with-pg.mjs', 'npx', ...vitest], { stdio: 'inherit', env }).status;
// with-pg.mjs exits 2 when there is no server to run against.
if (pgRun === 2 && process.env.CI !== 'true') console.warn('Skipped PostgreSQL: no server (set TEST_DATABASE_URL).');
else results.push(['PostgreSQL', pgRun]);

console.log('\n=== Summary ===');
for (const [label, status] of results) console.log(`${status === 0 ? 'ok    ' : 'FAILED'}  ${label}`);
process.exit(results.every(([, status]) => status === 0) ? 0 : 1);
