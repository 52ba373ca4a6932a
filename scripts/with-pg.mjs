// Runs a command with TEST_DATABASE_URL pointing at a PostgreSQL test database, creating it if needed.
// Uses TEST_DATABASE_URL if already set, else the local server (postgres://postgres@127.0.0.1:5432/peer_toolbox_test).
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/peer_toolbox_test';
const target = new URL(url);
const dbName = decodeURIComponent(target.pathname.slice(1));
const admin = new URL(url);
admin.pathname = '/postgres';

const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
try {
  await client.connect();
  const exists = await client.query('select 1 from pg_database where datname = $1', [dbName]);
  if (exists.rowCount === 0) await client.query(`create database "${dbName.replaceAll('"', '""')}"`);
} catch (err) {
  console.error(`PostgreSQL is not reachable at ${target.host} (${err.message}).`);
  process.exit(2);
} finally {
  await client.end().catch(() => {});
}

const [cmd, ...args] = process.argv.slice(2);
const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: url } });
process.exit(r.status ?? 1);
