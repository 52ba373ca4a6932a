// Several app processes serve one database: nothing a request needs lives in one process's memory.
// Two real server processes share a database; what happens on one is seen by the other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { bootDeps } from '../src/boot.ts';
import { loadDefaultContent } from '../src/features/curriculum/index.ts';
import { openDatabase, withCatalogLock } from '../src/db/index.ts';
import { sql } from 'kysely';
import { createUser, PASSWORD } from './support/factories.ts';
import { testEngine } from './support/app.ts';
import { freePort, startServer, type RunningServer } from './support/server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'peer-toolbox-scale-'));
const schema = `s_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
const ports = [await freePort()];
while (ports.length < 2) {
  const port = await freePort();
  if (!ports.includes(port)) ports.push(port);
}
// Behind a reverse proxy every process has the same public address.
const publicUrl = `http://127.0.0.1:${ports[0]}`;
let databaseUrl = '';
const servers: RunningServer[] = [];
let email = '';

function pgUrlWithSchema(url: string, name: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${name}`);
  return u.toString();
}

beforeAll(async () => {
  if (testEngine === 'postgres') {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    databaseUrl = pgUrlWithSchema(process.env.TEST_DATABASE_URL!, schema);
  }
  const env = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, BASE_URL: publicUrl, LOG_LEVEL: 'silent' };
  // As in production: the database is brought up to date once, then the processes start.
  const deps = await bootDeps(loadConfig(env));
  await loadDefaultContent(deps);
  email = (await createUser(deps, { role: 'administrator', name: 'Shared Sam' })).email;
  await deps.database.close();
  // Both start together, each on its own port, sharing the database.
  servers.push(...(await Promise.all(ports.map((port) => startServer({ port, baseUrl: publicUrl, env })))));
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(dataDir, { recursive: true, force: true });
  if (testEngine === 'postgres') {
    const database = openDatabase({ engine: 'postgres', databaseUrl: process.env.TEST_DATABASE_URL!, databaseSchema: undefined });
    await withCatalogLock(database, () => sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db));
    await database.close();
  }
});

const on = (i: number, path: string, init: RequestInit = {}) => fetch(`http://127.0.0.1:${ports[i]}${path}`, { redirect: 'manual', ...init });
const signInOn = (i: number, password: string) =>
  on(i, '/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: publicUrl },
    body: new URLSearchParams({ email, password, next: '/' }),
  });

describe('two app processes on one database', () => {
  it('recognises on the second process a sign-in made on the first, and a sign-out on the second ends it on the first', async () => {
    const res = await signInOn(0, PASSWORD);
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;

    const other = await on(1, '/', { headers: { cookie } });
    expect(other.status).toBe(200);
    expect(await other.text()).toContain('Shared Sam');

    // Someone without the cookie is sent to sign in on either process.
    expect((await on(1, '/')).headers.get('location')).toMatch(/^\/sign-in/);

    const out = await on(1, '/sign-out', { method: 'POST', headers: { cookie, origin: publicUrl, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(out.status).toBe(303);
    const after = await on(0, '/', { headers: { cookie } });
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/sign-in/);
  });

  it('sends the security headers and the no-store default from a real server, and lets static files be cached', async () => {
    // Over HTTP these headers are set on Node's own response, a different path from in-process tests.
    for (const i of [0, 1]) {
      const page = await on(i, '/help');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('cache-control')).toBe('no-store');
      const css = await on(i, '/static/styles.css');
      expect(css.headers.get('cache-control')).toBe('public, max-age=3600');
      expect(css.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
  });

  it('counts failed sign-ins across processes, so spreading guesses over them gains nothing', async () => {
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await signInOn(i % 2, `wrong guess ${i}`)).status);
    // Five guesses on each process add up to the account's limit, as if all ten were made on one.
    expect(statuses[0]).toBe(422);
    expect(statuses[9]).toBe(429);
    for (const i of [0, 1]) {
      const res = await signInOn(i, PASSWORD);
      expect(res.status).toBe(429);
      expect(res.headers.get('set-cookie') ?? '').not.toContain('pt_login=');
    }
  });
});
