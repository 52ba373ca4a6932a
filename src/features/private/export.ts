import type { Deps } from '../../types.ts';
import { privacyRegistry } from '../../db/privacy-registry.ts';
import { formatDateTime } from '../../lib/format.ts';

// Secrets and their hashes are never part of an export: they are not information about the person.
const WITHHELD = new Set(['password_hash', 'token_hash']);
const HASHED_IDS = new Set(['login_sessions', 'user_tokens']);
// Audit events about rows that are reviewed before release would reveal those rows exist: hold them back too.
const REVIEWED_TARGETS = new Set(Object.values(privacyRegistry).flatMap((d) => (d.reviewBeforeRelease && d.auditTargetType ? [d.auditTargetType] : [])));

/**
 * Everything held about a person, table by table, driven by the privacy registry: a table added later
 * and declared there is included without changing this code.
 */
export async function exportPersonalData(deps: Deps, userId: string): Promise<Record<string, Record<string, unknown>[]>> {
  const user = await deps.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow();
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const [table, decl] of Object.entries(privacyRegistry)) {
    if (!decl.person) continue;
    if (decl.reviewBeforeRelease) {
      out[table] = [{ note: decl.reviewBeforeRelease }];
      continue;
    }
    const key = decl.person.kind === 'user_id' ? userId : user.email;
    // Table and column names come from the registry in code, never from input.
    const rows = (await deps.db
      .selectFrom(table as 'users')
      .selectAll()
      .where(decl.person.column as 'id', '=', key)
      .execute()) as Record<string, unknown>[];
    const released = table === 'audit_events' ? rows.filter((r) => !REVIEWED_TARGETS.has(String(r.target_type))) : rows;
    out[table] = released.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !WITHHELD.has(k) && !(HASHED_IDS.has(table) && k === 'id'))));
  }
  return out;
}

const escape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** A readable, self-contained HTML page of the export. */
export function exportHtml(name: string, data: Record<string, Record<string, unknown>[]>, now: Date): string {
  const sections = Object.entries(data)
    .map(([table, rows]) => {
      const purpose = privacyRegistry[table]?.purpose ?? '';
      if (rows.length === 0) return `<section><h2>${escape(table)}</h2><p>${escape(purpose)}</p><p>Nothing held.</p></section>`;
      const cols = Object.keys(rows[0]!);
      const head = cols.map((c) => `<th scope="col">${escape(c)}</th>`).join('');
      const body = rows.map((r) => `<tr>${cols.map((c) => `<td>${escape(String(r[c] ?? ''))}</td>`).join('')}</tr>`).join('');
      return `<section><h2>${escape(table)}</h2><p>${escape(purpose)}</p><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Your data from Peer Toolbox</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top;white-space:pre-wrap}</style></head><body><h1>Everything Peer Toolbox holds about ${escape(name)}</h1><p>Made ${escape(formatDateTime(now.toISOString()))}. The same information is in the json folder, one file per kind of record.</p>${sections}</body></html>`;
}
