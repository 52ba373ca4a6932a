import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';

/**
 * Gives node:sqlite's DatabaseSync the statement shape Kysely's SqliteDialect expects.
 * node:sqlite spreads parameters and has no `reader` flag: a statement "reads" when it returns columns.
 */
class NodeSqliteStatement implements SqliteStatement {
  readonly reader: boolean;
  constructor(private readonly stmt: StatementSync) {
    this.reader = stmt.columns().length > 0;
  }
  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.stmt.all(...(parameters as SQLInputValue[]));
  }
  run(parameters: ReadonlyArray<unknown>) {
    const r = this.stmt.run(...(parameters as SQLInputValue[]));
    return { changes: r.changes, lastInsertRowid: r.lastInsertRowid };
  }
  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.stmt.iterate(...(parameters as SQLInputValue[])) as IterableIterator<unknown>;
  }
}

class NodeSqliteDatabase implements SqliteDatabase {
  // Kysely prepares every query it runs; preparing is a measurable share of a page's time, and an
  // app runs the same few hundred statements, so prepared statements are kept and reused.
  private readonly statements = new Map<string, NodeSqliteStatement>();
  constructor(readonly raw: DatabaseSync) {}
  prepare(sql: string): SqliteStatement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = new NodeSqliteStatement(this.raw.prepare(sql));
      if (this.statements.size >= 1000) this.statements.clear();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
  close(): void {
    if (this.raw.isOpen) this.raw.close();
  }
}

/** Opens (creating if needed) a SQLite database file, or ':memory:', with WAL, foreign keys and a busy timeout. */
export function openSqlite(path: string, synchronous: 'NORMAL' | 'FULL' = 'NORMAL'): { dialect: SqliteDialect; raw: DatabaseSync } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new DatabaseSync(path, { enableForeignKeyConstraints: true, timeout: 5000 });
  if (path !== ':memory:') raw.exec('PRAGMA journal_mode = WAL');
  raw.exec(`PRAGMA synchronous = ${synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
  raw.exec('PRAGMA foreign_keys = ON');
  return { dialect: new SqliteDialect({ database: new NodeSqliteDatabase(raw) }), raw };
}
