import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { pino } from 'pino';
import type { Hono } from 'hono';
import { loadConfig, type Config } from '../../src/config.ts';
import { bootDeps } from '../../src/boot.ts';
import { withCatalogLock } from '../../src/db/index.ts';
import { createApp } from '../../src/app.ts';
import { loadDefaultContent } from '../../src/features/curriculum/index.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import type { AppEnv, Deps } from '../../src/types.ts';
import { TestClient } from './client.ts';
import { memoryStorage } from './memory-storage.ts';

/** The engine this run of the suite uses: PostgreSQL when TEST_DATABASE_URL is set, otherwise SQLite in memory. */
export const testEngine = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

export interface TestApp {
  app: Hono<AppEnv>;
  deps: Deps;
  clock: ManualClock;
  config: Config;
  /** Every log line the app wrote, as text. */
  logs: string[];
  client(): TestClient;
  close(): Promise<void>;
}

/**
 * A fresh app on a fresh, migrated database (with the default programmes only when asked): SQLite in memory, or a schema of its own on PostgreSQL
 * so test files can run side by side.
 */
export async function buildTestApp(env: Record<string, string> = {}, options: { defaultContent?: boolean } = {}): Promise<TestApp> {
  const config = loadConfig({ LOG_LEVEL: 'info', BASE_URL: 'http://localhost:3000', ...env });
  if (testEngine === 'postgres') {
    config.engine = 'postgres';
    config.databaseUrl = process.env.TEST_DATABASE_URL!;
    config.databaseSchema = `t_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
  } else {
    config.engine = 'sqlite';
    config.databaseUrl = ':memory:';
  }
  const clock = new ManualClock();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const deps = await bootDeps(config, { clock, storage: memoryStorage() });
  deps.logger = pino({ level: 'info', base: undefined }, sink);
  // The default programmes take a few hundred milliseconds to import: only the tests about them ask.
  if (options.defaultContent) await loadDefaultContent(deps);
  const app = createApp(deps);
  return {
    app,
    deps,
    clock,
    config,
    logs,
    client: () => new TestClient(app, config.baseUrl),
    async close() {
      const schema = config.databaseSchema;
      if (schema) await withCatalogLock(deps.database, () => sql`drop schema if exists ${sql.id(schema)} cascade`.execute(deps.db));
      await deps.database.close();
    },
  };
}
