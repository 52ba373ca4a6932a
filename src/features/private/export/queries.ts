import type { Deps } from '../../../types.ts';
import { privacyRegistry } from '../../../db/privacy-registry.ts';

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
