import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../db/index.ts';

const config = loadConfig();
const database = openDatabase(config);
try {
  const applied = await migrateToLatest(database);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
} finally {
  await database.close();
}
