/**
 * Haven's server entry: validate configuration, open the database (PGlite or PostgreSQL),
 * migrate, load demo data into an empty database, then serve the Remix app over Express.
 * Stops gracefully on SIGTERM/SIGINT.
 */
import { existsSync, statSync, watch } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import { ConfigError, loadConfig } from './app/config/config.server';
import { createHttpApp, startHttpServer } from './app/http/app.server';
import { createLogger, errorFields } from './app/http/logger.server';
import { startMailSender } from './app/mail/sender.server';
import { createDatabase } from './db/index';
import { migrateToLatest } from './db/migrate';

export const BUILD_PATH = path.resolve('build/index.js');

/** The server build; by its modification time, so a rebuilt one is imported anew (`npm run dev`). */
async function importBuild(): Promise<ServerBuild> {
  const url = pathToFileURL(BUILD_PATH);
  url.searchParams.set('t', String(statSync(BUILD_PATH).mtimeMs));
  return (await import(url.href)) as ServerBuild;
}

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  if (!existsSync(BUILD_PATH)) {
    logger.error('no build found: run `npm run build` (npm start does this for you)');
    process.exit(1);
  }

  const handle = await createDatabase({
    databaseUrl: config.DATABASE_URL,
    databaseReadUrl: config.DATABASE_READ_URL,
    readMaxLagS: config.READ_MAX_LAG_S,
    log: logger,
    pgliteDir: config.PGLITE_DIR,
    // The embedded engine runs in a worker thread so a statement that never returns cannot
    // freeze the server (docs/decisions/003).
    pgliteWorker: {
      statementTimeoutMs: config.PGLITE_STATEMENT_TIMEOUT_S * 1000,
      onRestart: (reason) =>
        logger.error('embedded database restarted; requests in flight got 503', { reason }),
    },
    onIdleConnectionError: (error) => logger.warn('an idle database connection failed', errorFields(error)),
  });
  logger.info('database opened', { engine: handle.engine });
  await migrateToLatest(handle.db, (line) => logger.info(line));

  if (config.SEED_DEMO === '1') {
    const { seedDemoData } = await import('./app/hsds/seed.server');
    await seedDemoData(handle.db, { log: (line: string) => logger.info(line) });
  }

  // The live-reload loop of `npm run dev`; plain `npm start` with NODE_ENV=development only logs more.
  const development = config.NODE_ENV === 'development' && config.REMIX_DEV_ORIGIN !== undefined;
  let build = await importBuild();
  const app = createHttpApp({
    config,
    db: handle.db,
    replica: handle.replica,
    build: development ? async () => build : build,
    logger,
  });
  const { port, stop } = await startHttpServer(app, config.PORT);
  const mail = startMailSender(handle.db, config, logger);
  logger.info(`Haven is listening on http://localhost:${port}`, { engine: handle.engine });
  if (development) {
    const { broadcastDevReady } = await import('@remix-run/node');
    // `npm run dev` (remix dev --manual): each rebuild rewrites build/version.txt; load the new
    // build and tell remix dev, which then reloads the open pages (<LiveReload /> in root.tsx).
    await broadcastDevReady(build);
    watch(path.dirname(BUILD_PATH), (_event, file) => {
      if (file !== 'version.txt') return;
      importBuild()
        .then(async (next) => {
          // One rebuild can fire the watcher twice; the same file is the same module.
          if (next === build) return;
          build = next;
          await broadcastDevReady(build);
          logger.info('rebuilt: serving the new build');
        })
        .catch((error: unknown) => logger.error('could not load the new build', errorFields(error)));
    });
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    try {
      await stop();
      await mail.stop();
      await handle.close();
      process.exit(0);
    } catch (error) {
      logger.error('shutdown failed', errorFields(error));
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Haven failed to start: ${JSON.stringify(errorFields(error))}\n`);
  process.exit(1);
});
