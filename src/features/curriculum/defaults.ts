import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Deps } from '../../types.ts';
import { readPackFolder } from './pack.ts';
import { importProgramme } from './commands.ts';

/** The default programmes shipped in content/, built from the customer's documents. */
export const DEFAULT_CONTENT_DIR = fileURLToPath(new URL('../../../content', import.meta.url));

/** On the very first start (no programmes at all), imports and publishes the default programmes. */
export async function loadDefaultContent(deps: Deps): Promise<void> {
  const any = await deps.db.selectFrom('programmes').select('id').limit(1).executeTakeFirst();
  if (any) return;
  const folders = (await readdir(DEFAULT_CONTENT_DIR, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const folder of folders) {
    const pack = await readPackFolder(join(DEFAULT_CONTENT_DIR, folder));
    if (!pack.ok) throw new Error(`Default content ${folder} is invalid: ${pack.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('; ')}`);
    const result = await importProgramme(deps, null, pack, { publish: true });
    if (!result.ok) throw new Error(`Default content ${folder} could not be imported: ${result.problems.map((p) => p.message).join('; ')}`);
  }
}
