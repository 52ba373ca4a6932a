import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, testEngine, type TestApp } from '../../tests/support/app.ts';
import { listTables } from './index.ts';
import { privacyRegistry } from './privacy-registry.ts';
import { toNumber } from './helpers.ts';
import { openSqlite } from './sqlite.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe(`database on ${testEngine}`, () => {
  it('declares every table in the privacy registry', async () => {
    const tables = await listTables(t.deps.database);
    expect(tables.length).toBeGreaterThan(0);
    const undeclared = tables.filter((name) => !(name in privacyRegistry));
    expect(undeclared, 'tables missing from src/db/privacy-registry.ts').toEqual([]);
    const stale = Object.keys(privacyRegistry).filter((name) => !tables.includes(name));
    expect(stale, 'registry entries with no table').toEqual([]);
  });

  it('names a real column for the person each table is about', async () => {
    const tables = await t.deps.db.introspection.getTables();
    for (const [name, decl] of Object.entries(privacyRegistry)) {
      if (!decl.person) continue;
      const table = tables.find((x) => x.name === name && (testEngine !== 'postgres' || x.schema === t.config.databaseSchema));
      expect(
        table?.columns.map((c) => c.name),
        name,
      ).toContain(decl.person.column);
    }
  });

  it('returns counts as numbers on both engines', async () => {
    const row = await t.deps.db
      .selectFrom('crisis_contacts')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(toNumber(row.n)).toBeGreaterThan(5);
    expect(typeof toNumber(row.n)).toBe('number');
  });

  it('keeps foreign keys on, so a login session cannot point at no one', async () => {
    await expect(
      t.deps.db.insertInto('login_sessions').values({ id: 'x', user_id: 'nobody', created_at: 'a', last_seen_at: 'a', expires_at: 'a' }).execute(),
    ).rejects.toThrow();
  });
});

describe('SQLite durability', () => {
  it('uses synchronous NORMAL by default and FULL when configured', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pt-sync-'));
    try {
      const level = (mode?: 'NORMAL' | 'FULL') => {
        const { raw } = openSqlite(join(dir, `${mode ?? 'default'}.db`), mode);
        const value = (raw.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous;
        raw.close();
        return value;
      };
      // SQLite's numbers: 1 is NORMAL, 2 is FULL.
      expect(level()).toBe(1);
      expect(level('FULL')).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
