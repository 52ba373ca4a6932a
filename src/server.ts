import { serve } from '@hono/node-server';
import { loadConfig } from './config.ts';
import { bootDeps } from './boot.ts';
import { createApp } from './app.ts';

const started = performance.now();
const config = loadConfig();
const deps = await bootDeps(config);
const app = createApp(deps);

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  deps.logger.info(
    { port: info.port, engine: config.engine, mail: deps.mailer.usesOutbox ? 'outbox' : 'smtp', startupMs: Math.round(performance.now() - started) },
    `Peer Toolbox is running at ${config.baseUrl}`,
  );
});

const shutdown = () => {
  server.close(() => {
    void deps.database.close().then(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
