import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allMounts } from '../src/app.ts';

// docs/ARCHITECTURE.md's route table is how a newcomer finds the code behind a URL: it must name every
// prefix the app mounts, and nothing it does not.
const doc = readFileSync(new URL('../docs/ARCHITECTURE.md', import.meta.url), 'utf8');
const section = doc.slice(doc.indexOf('## Routes'));
const rows = [...section.matchAll(/^\| `([^`]+)` \| `([^`]+)` \|/gm)].map((m) => ({ prefix: m[1]!, folder: m[2]! }));

describe('the route table in docs/ARCHITECTURE.md', () => {
  it('has rows', () => expect(rows.length).toBeGreaterThan(5));

  it('lists every mounted prefix', () => {
    const listed = new Set(rows.map((r) => r.prefix));
    expect(allMounts.map((m) => m.prefix).filter((p) => !listed.has(p))).toEqual([]);
  });

  it('lists nothing that is not mounted', () => {
    const mounted = new Set(allMounts.map((m) => m.prefix));
    expect(rows.map((r) => r.prefix).filter((p) => !mounted.has(p))).toEqual([]);
  });

  it('names folders that exist', () => {
    expect(rows.filter((r) => !existsSync(new URL(`../${r.folder}`, import.meta.url))).map((r) => r.folder)).toEqual([]);
  });

  it('mounts each prefix once', () => {
    const prefixes = allMounts.map((m) => m.prefix);
    expect(prefixes.filter((p, i) => prefixes.indexOf(p) !== i)).toEqual([]);
  });
});
