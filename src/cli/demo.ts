// npm run demo: builds a fictional organisation in a new, empty installation (./demo-data unless
// DATA_DIR or DATABASE_URL says otherwise) and prints how to sign in. It refuses anything that is not
// empty, so example content can never end up in a real installation. See docs/demo.md.
import { existsSync, readdirSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import { bootDeps } from '../boot.ts';
import { buildDemo, DemoRefused } from '../demo/build.ts';

/** Where the demo goes when DATA_DIR is not given: its own folder, never the real ./data. */
const DEMO_DATA_DIR = './demo-data';

// The demo's default folder differs from the server's, so it is applied here before the environment is read.
// eslint-disable-next-line no-restricted-properties
const config = { ...loadConfig({ DATA_DIR: DEMO_DATA_DIR, ...process.env }), logLevel: 'warn' as const };
const postgres = config.engine === 'postgres';

if (!postgres && existsSync(config.dataDir) && readdirSync(config.dataDir).length > 0) {
  console.error(`Nothing was done: ${config.dataDir} is not empty.
The demo only builds into a new, empty folder, so that example content never mixes with a real installation.
To build it again, remove the folder first (rm -r ${config.dataDir}), or choose another: DATA_DIR=./another-folder npm run demo`);
  process.exit(1);
}

const deps = await bootDeps(config);
let exitCode = 0;
try {
  const demo = await buildDemo(deps);
  const start = postgres ? 'DATABASE_URL=<the same DATABASE_URL> npm start' : `DATA_DIR=${config.dataDir} npm start`;
  const width = Math.max(...demo.people.map((p) => p.email.length));
  console.log(`The demo is ready: ${demo.organisation}, in ${postgres ? 'the PostgreSQL database at DATABASE_URL' : config.dataDir}.
Everything in it is made up, and its example text is marked "Example:" wherever it shows.

Start it with:

  ${start}

then open ${config.baseUrl} and sign in as any of these people. Every one of them has the password

  ${demo.password}

${demo.people.map((p) => `  ${p.email.padEnd(width)}  ${p.name}, ${p.does}`).join('\n')}

Cohorts: ${demo.cohorts.map((c) => c.name).join('; ')}.`);
} catch (err) {
  if (!(err instanceof DemoRefused)) throw err;
  console.error(`Nothing was done: ${err.message}`);
  exitCode = 1;
} finally {
  await deps.database.close();
}
process.exit(exitCode);
