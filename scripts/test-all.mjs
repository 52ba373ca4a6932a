// The whole suite: unit and integration tests on SQLite, the same on PostgreSQL, then the browser journeys.
// Outside CI, a missing PostgreSQL or Chromium is reported and skipped; with CI=true it is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const ci = process.env.CI === 'true';
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/peer_toolbox_test';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const results = [];
const reports = mkdtempSync(join(tmpdir(), 'peer-toolbox-tests-'));

/** Runs one vitest pass, keeping its JSON report so the summary can say how many tests ran where. */
function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const report = join(reports, `${results.length}.json`);
  const r = spawnSync(cmd, [...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(report)) {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    counts = { passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + j.numTodoTests };
  }
  results.push({ label, ok: r.status === 0, ...counts });
  return r.status === 0;
}

async function postgresReachable() {
  const admin = new URL(pgUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

run('Integration and unit tests on SQLite', 'vitest', ['run'], { TEST_DATABASE_URL: '' });

if (await postgresReachable()) {
  run('Integration and unit tests on PostgreSQL', 'node', ['scripts/with-pg.mjs', 'vitest', 'run'], { TEST_DATABASE_URL: pgUrl });
} else if (ci) {
  console.error(`\nPostgreSQL is not reachable at ${new URL(pgUrl).host}: CI needs it.`);
  results.push({ label: 'PostgreSQL not reachable', ok: false });
} else {
  console.warn(`\nSkipped the PostgreSQL run: no server at ${new URL(pgUrl).host} (set TEST_DATABASE_URL).`);
}

if (existsSync(chromium)) {
  run('Browser journeys in Chromium', 'vitest', ['run', '--config', 'vitest.e2e.config.ts']);
} else if (ci) {
  console.error(`\nChromium is missing at ${chromium}: CI needs it.`);
  results.push({ label: 'Chromium missing', ok: false });
} else {
  console.warn(`\nSkipped the browser journeys: no Chromium at ${chromium} (apt-get install chromium).`);
}

console.log('\n=== Summary ===');
for (const r of results) {
  const counts = r.passed === undefined ? '' : ` (${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped)`;
  console.log(`${r.ok ? 'ok    ' : 'FAILED'}  ${r.label}${counts}`);
}
const total = (k) => results.reduce((n, r) => n + (r[k] ?? 0), 0);
const failedSteps = results.filter((r) => !r.ok).length;
console.log(`${total('passed')} passed, ${Math.max(total('failed'), failedSteps)} failed`);
process.exit(failedSteps === 0 ? 0 : 1);
