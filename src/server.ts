import cluster from 'node:cluster';
import { serve } from '@hono/node-server';
import { loadConfig, type Config } from './config.ts';
import { bootDeps } from './boot.ts';
import { createApp } from './app.ts';
import { loadDefaultContent } from './features/curriculum/index.ts';

const started = performance.now();
const config = loadConfig();

/** One app process: every piece of state another process needs lives in the database (see docs/deployment.md). */
async function serveOneProcess(config: Config) {
  const deps = await bootDeps(config);
  await loadDefaultContent(deps);
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    deps.logger.info(
      {
        port: info.port,
        engine: config.engine,
        mail: deps.mailer.usesOutbox ? 'outbox' : 'smtp',
        process: cluster.isWorker ? cluster.worker?.id : undefined,
        startupMs: Math.round(performance.now() - started),
      },
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
}

/**
 * PROCESSES > 1: this process migrates the database and loads the default content once, then starts
 * that many app processes sharing the port (Node's cluster hands each new connection to the next one)
 * and replaces any that stops. It serves nothing itself.
 */
async function superviseProcesses(config: Config) {
  // Migrations and the default content, once, before any app process opens the database.
  const deps = await bootDeps(config);
  await loadDefaultContent(deps);
  await deps.database.close();
  const logger = deps.logger;
  let stopping = false;
  const fork = () => cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ process: worker.id, code, signal }, 'an app process stopped; starting another');
    setTimeout(fork, 500);
  });
  for (let i = 0; i < config.processes; i++) fork();
  const shutdown = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    const done = () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0);
    cluster.on('exit', done);
    done();
    setTimeout(() => process.exit(0), 4000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (cluster.isPrimary && config.processes > 1) await superviseProcesses(config);
else await serveOneProcess(config);
