/**
 * Haven's server entry: validate configuration, open the database (PGlite or PostgreSQL),
 * migrate, load demo data into an empty database, then serve the Remix app over Express.
 * Stops gracefully on SIGTERM/SIGINT.
 */
import { existsSync } from 'node:fs';
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
    pgliteDir: config.PGLITE_DIR,
    onIdleConnectionError: (error) => logger.warn('an idle database connection failed', errorFields(error)),
  });
  logger.info('database opened', { engine: handle.engine });
  await migrateToLatest(handle.db, (line) => logger.info(line));

  if (config.SEED_DEMO === '1') {
    const { seedDemoData } = await import('./app/hsds/seed.server');
    await seedDemoData(handle.db, { log: (line: string) => logger.info(line) });
  }

  const build = (await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild;
  const app = createHttpApp({ config, db: handle.db, build, logger });
  const { port, stop } = await startHttpServer(app, config.PORT);
  const mail = startMailSender(handle.db, config, logger);
  logger.info(`Haven is listening on http://localhost:${port}`, { engine: handle.engine });

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
