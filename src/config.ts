import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  BASE_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  // true (one proxy), false, or how many proxies stand in front of the app (a CDN and a reverse proxy: 2).
  TRUST_PROXY: z
    .union([bool, z.coerce.number().int().min(0).max(10)])
    .default(false)
    .transform((v) => (v === true ? 1 : v === false ? 0 : v)),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  BODY_LIMIT_KB: z.coerce.number().int().min(16).max(10_240).default(1024),
  UPLOAD_LIMIT_MB: z.coerce.number().int().min(1).max(500).default(20),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Peer Toolbox <no-reply@peer-toolbox.invalid>'),
  PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
});

export type Engine = 'sqlite' | 'postgres';

export interface Config {
  port: number;
  host: string;
  /** The public address people use, e.g. https://training.example.org; used for links in email and the CSRF origin check. */
  baseUrl: string;
  dataDir: string;
  engine: Engine;
  /** File path for SQLite, connection string for PostgreSQL. */
  databaseUrl: string;
  /** PostgreSQL schema to use (tests give each app its own); undefined means the server's default. */
  databaseSchema?: string | undefined;
  cookieSecure: boolean;
  /** Whether the app sits behind a reverse proxy whose X-Forwarded-For it may believe. */
  trustProxy: boolean;
  /** How many proxies append to X-Forwarded-For: the client is that many entries from the right. 0 ignores the header. */
  trustedProxies: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  bodyLimitBytes: number;
  /** Largest exercise file or content pack accepted. */
  uploadLimitBytes: number;
  smtpUrl?: string | undefined;
  mailFrom: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** How many app processes `npm start` runs on the one port (Node's cluster); 1 means no cluster. */
  processes: number;
  /** SQLite's `synchronous` setting: NORMAL (the default, see ADR 4) or FULL for power-loss safety. */
  sqliteSynchronous: 'NORMAL' | 'FULL';
}

export class ConfigError extends Error {}

/** Reads and validates the environment once. The only place process.env is read. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const isPostgres = e.DATABASE_URL !== undefined && /^postgres(ql)?:\/\//.test(e.DATABASE_URL);
  if (e.DATABASE_URL && !isPostgres) {
    throw new ConfigError('Invalid configuration: DATABASE_URL must be a postgres:// URL (leave it unset for the embedded database)');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    dataDir: e.DATA_DIR,
    engine: isPostgres ? 'postgres' : 'sqlite',
    databaseUrl: isPostgres ? e.DATABASE_URL! : `${e.DATA_DIR.replace(/\/+$/, '')}/peer-toolbox.db`,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? baseUrl.startsWith('https://') : e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY > 0,
    trustedProxies: e.TRUST_PROXY,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    bodyLimitBytes: e.BODY_LIMIT_KB * 1024,
    uploadLimitBytes: e.UPLOAD_LIMIT_MB * 1024 * 1024,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    processes: e.PROCESSES,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
  };
}
