// npm run db:migrate: brings the database up to date (migrations, and the default programmes on a new
// database). Run it once before starting several app processes side by side (docs/deployment.md).
import { loadConfig } from '../config.ts';
import { bootDeps } from '../boot.ts';
import { loadDefaultContent } from '../features/curriculum/index.ts';

const deps = await bootDeps(loadConfig());
await loadDefaultContent(deps);
await deps.database.close();
console.log('The database is up to date.');
