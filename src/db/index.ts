import { Kysely, PostgresDialect, sql, type Dialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import type { Config } from '../config.ts';
import { openSqlite } from './sqlite.ts';
import { migrations } from './migrations/index.ts';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  engine: Config['engine'];
  /** PostgreSQL schema in use, when one was chosen. */
  schema?: string | undefined;
  close(): Promise<void>;
}

/** Opens the database the configuration names: SQLite by default, PostgreSQL for a postgres:// URL. */
export function openDatabase(config: Pick<Config, 'engine' | 'databaseUrl' | 'databaseSchema'> & Partial<Pick<Config, 'sqliteSynchronous'>>): Database {
  let dialect: Dialect;
  if (config.engine === 'postgres') {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: 10,
      ...(config.databaseSchema ? { options: `-c search_path=${config.databaseSchema}` } : {}),
    });
    dialect = new PostgresDialect({ pool });
  } else {
    dialect = openSqlite(config.databaseUrl, config.sqliteSynchronous).dialect;
  }
  const db = new Kysely<DB>({ dialect });
  return {
    db,
    engine: config.engine,
    schema: config.databaseSchema,
    close: () => db.destroy(),
  };
}

// Any number fixed for the application: PostgreSQL advisory locks are keyed by a number per database.
const CATALOG_LOCK = 7_410_322;

/**
 * Runs `fn` while holding a database-wide lock on PostgreSQL (nothing on SQLite). Migrations and
 * dropping a test schema take it: Kysely's migrator reads the catalogue of every schema to find its
 * own table, and that read fails when another process drops a schema in the middle of it — which is
 * what test files running side by side, or two servers starting at once, would otherwise do.
 */
export async function withCatalogLock<T>(database: Database, fn: () => Promise<T>): Promise<T> {
  if (database.engine !== 'postgres') return fn();
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${CATALOG_LOCK})`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(${CATALOG_LOCK})`.execute(conn);
    }
  });
}

/** Runs every pending migration; throws with the failing migration's name if one fails. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  return withCatalogLock(database, async () => {
    let schema = database.schema;
    if (database.engine === 'postgres') {
      if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(database.db);
      // Without a schema of its own, the one search_path names: the migrator must look for its table
      // there only, not find another schema's and think this one is migrated.
      else schema = (await sql<{ name: string }>`select current_schema() as name`.execute(database.db)).rows[0]!.name;
    }
    const migrator = new Migrator({
      db: database.db,
      provider: { getMigrations: async () => migrations },
      ...(database.engine === 'postgres' && schema ? { migrationTableSchema: schema } : {}),
    });
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (error) {
      throw new Error(`Migration ${failed?.migrationName ?? ''} failed`, { cause: error });
    }
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  });
}

/** Lists the application's tables (not Kysely's own, nor SQLite's FTS5 shadow tables), for the privacy registry check. */
export async function listTables(database: Database): Promise<string[]> {
  const tables = await database.db.introspection.getTables();
  let names = tables.filter((t) => database.engine !== 'postgres' || t.schema === (database.schema ?? 'public')).map((t) => t.name);
  if (database.engine === 'sqlite') {
    const virtual = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and sql like 'CREATE VIRTUAL TABLE%'`.execute(database.db);
    const shadows = new Set(virtual.rows.flatMap((v) => ['data', 'idx', 'content', 'docsize', 'config'].map((s) => `${v.name}_${s}`)));
    names = [...new Set([...names, ...virtual.rows.map((v) => v.name)])].filter((n) => !shadows.has(n));
  }
  return names.filter((n) => !n.startsWith('kysely_')).sort();
}

/**
 * Serialises first-run setup. On PostgreSQL two concurrent transactions could both see "no
 * administrator yet", so the users table is locked; SQLite's single connection already serialises.
 */
export async function lockUsersForSetup(trx: Kysely<DB>, engine: Config['engine']): Promise<void> {
  if (engine === 'postgres') await sql`lock table users in share row exclusive mode`.execute(trx);
}

/**
 * Holds a cohort row for the rest of the transaction, so two people taking the last place at the
 * same moment are served one after the other. SQLite's single connection already serialises.
 */
export async function lockCohortRow(trx: Kysely<DB>, engine: Config['engine'], cohortId: string): Promise<void> {
  if (engine === 'postgres') await sql`select id from cohorts where id = ${cohortId} for update`.execute(trx);
}
