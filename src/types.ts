import type { Hono } from 'hono';
import type { Config } from './config.ts';
import type { Database, Db } from './db/index.ts';
import type { Clock } from './lib/clock.ts';
import type { Logger } from './lib/logger.ts';
import type { Mailer } from './mail/mailer.ts';
import type { FileStorage } from './storage/index.ts';
import type { Actor } from './policies/actor.ts';

/** What every request handler can reach, built once at start-up. */
export interface Deps {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  storage: FileStorage;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    /** The signed-in person, or null. */
    actor: Actor | null;
    /** Hash of the current login session's id, when signed in. */
    loginSessionId: string | null;
    clientIp: string;
    /** Set on the request where a login session was found expired: whose it was. */
    expiredUserId: string | null;
  };
}

/**
 * One sub-app and the URL prefix it is mounted at. Each feature's `index.ts` exports its list as
 * `mounts`; `app.ts` mounts every one once, and the route table in docs/ARCHITECTURE.md lists them.
 */
export interface Mount {
  prefix: string;
  routes: () => Hono<AppEnv>;
}
