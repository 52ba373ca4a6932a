import { resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { bootDeps } from '../boot.ts';
import { loadDefaultContent } from '../features/curriculum/index.ts';
import { readPackFolder, writePackFiles, writePackFolder } from '../features/curriculum/pack.ts';
import { importProgramme } from '../features/curriculum/commands.ts';
import { getProgrammeRow, getPublishedVersion, parseProgramme } from '../features/curriculum/queries.ts';

const usage = `Usage:
  npm run content:import -- <pack folder> [--publish]
  npm run content:export -- <programme slug> <output folder> [--draft]`;

const [command, ...args] = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const [first, second] = args.filter((a) => !a.startsWith('--'));

const deps = await bootDeps({ ...loadConfig(), logLevel: 'warn' });
await loadDefaultContent(deps);
let exitCode = 0;
try {
  if (command === 'import' && first) {
    const pack = await readPackFolder(resolve(first));
    if (!pack.ok) {
      console.error(`Nothing was imported. The pack has ${pack.problems.length} problem(s):`);
      for (const p of pack.problems) console.error(`  ${p.file}:${p.line}: ${p.message}`);
      exitCode = 1;
    } else {
      const result = await importProgramme(deps, null, pack, { publish: flags.has('--publish') });
      if (!result.ok) {
        for (const p of result.problems) console.error(`  ${p.file}:${p.line}: ${p.message}`);
        exitCode = 1;
      } else {
        console.log(`${result.created ? 'Created' : 'Updated the draft of'} "${pack.programme.title}"${flags.has('--publish') ? ' and published it' : ''}.`);
      }
    }
  } else if (command === 'export' && first && second) {
    const row = await getProgrammeRow(deps.db, first);
    if (!row) throw new Error(`No programme with slug "${first}"`);
    const programme = flags.has('--draft')
      ? parseProgramme(row.draft_json)
      : ((await getPublishedVersion(deps.db, row.id))?.programme ?? parseProgramme(row.draft_json));
    const bytes = new Map<string, Uint8Array>();
    for (const m of programme.modules)
      for (const s of m.sessions)
        for (const f of s.files) {
          const b = await deps.storage.get(f.storageKey);
          if (b) bytes.set(f.id, b);
        }
    await writePackFolder(
      resolve(second),
      writePackFiles(programme, (id) => bytes.get(id)),
    );
    console.log(`Wrote "${programme.title}" to ${resolve(second)}.`);
  } else {
    console.error(usage);
    exitCode = 2;
  }
} catch (err) {
  console.error((err as Error).message);
  exitCode = 1;
} finally {
  await deps.database.close();
}
process.exit(exitCode);
