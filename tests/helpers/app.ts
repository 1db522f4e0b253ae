/** Starts the real HTTP app (real build, real database) on a random local port. */
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import type { Kysely } from 'kysely';
import { type Config, loadConfig } from '../../app/config/config.server';
import { createHttpApp, startHttpServer } from '../../app/http/app.server';
import { createLogger, type Logger } from '../../app/http/logger.server';
import type { Database } from '../../db/types';
import { SERVER_BUILD } from '../../scripts/lib/build';

export interface RunningApp {
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startTestApp(
  db: Kysely<Database>,
  options: { env?: Record<string, string>; logger?: Logger } = {},
): Promise<RunningApp & { config: Config }> {
  const config = loadConfig({ NODE_ENV: 'test', SEED_DEMO: '0', LOG_LEVEL: 'silent', ...options.env });
  const build = (await import(pathToFileURL(SERVER_BUILD).href)) as ServerBuild;
  const app = createHttpApp({ config, db, build, logger: options.logger ?? createLogger('silent') });
  const { port, stop } = await startHttpServer(app, 0, '127.0.0.1');
  return { baseUrl: `http://127.0.0.1:${port}`, stop, config };
}
