// npm run bench [-- --size small|large] [--duration 10] [--check] [--pg]
// Generates data, starts the real server, drives each scenario with autocannon next to a plain
// node:http server sending the same bytes (the ceiling), and writes the table to docs/benchmarks.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.ts';
import { bootDeps } from '../src/boot.ts';
import { BENCH_PASSWORD, generate, type Size } from './generate.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] && !args[i + 1]!.startsWith('--') ? args[i + 1]! : fallback;
};
const size = arg('size', 'large') as Size;
const duration = Number(arg('duration', '10'));
const check = args.includes('--check');
const pgUrl = args.includes('--pg') ? (process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/peer_toolbox_bench') : '';
const port = 3900 + Math.floor(Math.random() * 50);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'peer-toolbox-bench-'));

const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', BASE_URL: base, DATA_DIR: dataDir, DATABASE_URL: pgUrl, LOG_LEVEL: 'silent' };

console.log(`Generating the ${size} data set…`);
const started = Date.now();
const deps = await bootDeps(loadConfig(env));
const people = await generate(deps.db, size, new Date());
await deps.database.close();
console.log(`Generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const coldStart = Date.now();
// --profile writes a CPU profile of the server to bench/profiles/ (find the time before optimising).
const profile = args.includes('--profile') ? ['--cpu-prof', '--cpu-prof-dir=bench/profiles'] : [];
const server = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/server.ts'], { env, stdio: 'ignore' });
let coldStartMs = 0;
for (;;) {
  try {
    if ((await fetch(`${base}/help`)).ok) break;
  } catch {
    await new Promise((r) => setTimeout(r, 20));
  }
}
coldStartMs = Date.now() - coldStart;

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ email, password: BENCH_PASSWORD, next: '/' }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`could not sign in as ${email}`);
  return cookie;
}
const participant = await signIn(people.participantEmail);
const facilitator = await signIn(people.facilitatorEmail);
const coordinator = await signIn(people.coordinatorEmail);

interface Scenario {
  name: string;
  path: string;
  cookie: string;
  write?: boolean;
}
const scenarios: Scenario[] = [
  { name: 'Participant session page', path: '/programmes/peer-support-training/sessions/04-what-is-peer-support?version=1', cookie: participant },
  { name: 'Participant home', path: '/', cookie: participant },
  { name: "Facilitator's day", path: '/', cookie: facilitator },
  { name: 'Cohort attendance grid', path: `/cohorts/${people.cohortId}/attendance`, cookie: coordinator },
  { name: 'Curriculum search', path: '/search?q=recovery', cookie: facilitator },
  { name: 'Save a journal entry', path: '/my/journal', cookie: participant, write: true },
];

const css = readFileSync('public/styles.css');
const js = readFileSync('public/enhance/main.js');

interface Row {
  name: string;
  rps: number;
  ceiling: number | null;
  p50: number;
  p99: number;
  errors: number;
  kb: number;
}
const rows: Row[] = [];

async function drive(url: string, cookie: string, write: boolean) {
  return autocannon({
    url,
    connections: 50,
    duration,
    method: write ? 'POST' : 'GET',
    headers: write ? { cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' } : { cookie },
    body: write ? new URLSearchParams({ title: 'Benchmark reflection', text: 'What helped this week.', session: '' }).toString() : undefined,
  });
}

for (const s of scenarios) {
  const page = await fetch(`${base}${s.write ? '/my/journal' : s.path}`, { headers: { cookie: s.cookie } });
  const bytes = Buffer.from(await page.arrayBuffer());
  if (!page.ok) throw new Error(`${s.name}: ${page.status}`);
  let ceiling: number | null = null;
  if (!s.write) {
    const plain = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': bytes.length });
      res.end(bytes);
    });
    await new Promise<void>((r) => plain.listen(port + 100, '127.0.0.1', r));
    ceiling = (await drive(`http://127.0.0.1:${port + 100}/`, '', false)).requests.average;
    await new Promise((r) => plain.close(r));
  }
  const result = await drive(`${base}${s.path}`, s.cookie, Boolean(s.write));
  const errors = result.errors + result.timeouts + (result['4xx'] ?? 0) + (result['5xx'] ?? 0);
  rows.push({
    name: s.name,
    rps: result.requests.average,
    ceiling,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
    kb: Math.round(((bytes.length + css.length + js.length) / 1024) * 10) / 10,
  });
  console.log(
    `${s.name}: ${Math.round(result.requests.average)} req/s${ceiling ? ` (ceiling ${Math.round(ceiling)})` : ''}, p99 ${result.latency.p99} ms, errors ${errors}`,
  );
}

const rss = Number(readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });

const misses: string[] = [];
for (const r of rows) {
  if (r.ceiling && r.rps / r.ceiling < 0.4) misses.push(`${r.name}: ${Math.round((r.rps / r.ceiling) * 100)}% of ceiling (target 40%)`);
  if (r.p99 >= 50) misses.push(`${r.name}: p99 ${r.p99} ms (target under 50 ms)`);
  if (r.errors > 0) misses.push(`${r.name}: ${r.errors} errors`);
  if (r.kb > 60) misses.push(`${r.name}: ${r.kb} KB (target 60 KB)`);
}
if (coldStartMs >= 2000) misses.push(`cold start ${coldStartMs} ms (target under 2 s)`);
if (rss >= 300) misses.push(`RSS ${Math.round(rss)} MB (target under 300 MB)`);

const table = [
  `## ${new Date().toISOString().slice(0, 10)} · ${size} data set · ${pgUrl ? 'PostgreSQL' : 'SQLite'} · ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB · ${duration} s per scenario, 50 connections`,
  '',
  '| Scenario | req/s | ceiling req/s | % of ceiling | p50 ms | p99 ms | errors | KB (HTML+CSS+JS) |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${Math.round(r.rps)} | ${r.ceiling ? Math.round(r.ceiling) : '—'} | ${r.ceiling ? `${Math.round((r.rps / r.ceiling) * 100)}%` : '—'} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.kb} |`,
  ),
  '',
  `Cold start to first page: ${coldStartMs} ms. Server RSS after the run: ${Math.round(rss)} MB.`,
  '',
  misses.length ? `Targets missed: ${misses.join('; ')}.` : 'Every target met.',
  '',
].join('\n');
console.log(`\n${table}`);
if (!args.includes('--no-write')) {
  const file = 'docs/benchmarks.md';
  let existing = '';
  try {
    existing = readFileSync(file, 'utf8');
  } catch {
    existing = '# Benchmarks\n\nRun by `npm run bench` (see `bench/run.ts`). Newest first.\n\n';
  }
  const [head, ...rest] = existing.split('\n## ');
  writeFileSync(file, `${head!.trimEnd()}\n\n${table}\n${rest.length ? `## ${rest.join('\n## ')}` : ''}`);
}
process.exit(check && misses.length ? 1 : 0);
