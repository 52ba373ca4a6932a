import type { Config } from './config.ts';
import type { Deps } from './types.ts';
import { migrateToLatest, openDatabase } from './db/index.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { createLogger } from './lib/logger.ts';
import { outboxMailer, smtpMailer, type Mailer } from './mail/mailer.ts';
import { localFileStorage, type FileStorage } from './storage/index.ts';
import { join } from 'node:path';

/**
 * Opens the database, runs migrations and wires the dependencies the app needs. Loading the default
 * programmes is the caller's choice (server and db:migrate do; a test app does when it asks).
 */
export async function bootDeps(config: Config, overrides: { clock?: Clock; mailer?: Mailer; storage?: FileStorage } = {}): Promise<Deps> {
  const database = openDatabase(config);
  await migrateToLatest(database);
  const clock = overrides.clock ?? systemClock;
  const mailer = overrides.mailer ?? (config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : outboxMailer(database.db, clock));
  const storage = overrides.storage ?? localFileStorage(join(config.dataDir, 'files'));
  const deps: Deps = { config, database, db: database.db, clock, logger: createLogger(config.logLevel), mailer, storage };
  return deps;
}
