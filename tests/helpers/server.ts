/**
 * The real Haven server for browser tests: the built Remix app behind the production Express
 * app (app/http/app.server.ts), on a random port, over a fresh PGlite database loaded with the
 * demo data through the real importer. Two stand-ins for the outside world run next to it,
 * because the test machine has no internet: a "neutral site" for QUICK_EXIT_URL and a map
 * tile server for TILE_URL. Each has its own origin, so the request recorder can tell them apart.
 */
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import type { Kysely } from 'kysely';
import { loadConfig, type Config } from '../../app/config/config.server';
import { createHttpApp } from '../../app/http/app.server';
import { createLogger } from '../../app/http/logger.server';
import { seedDemoData } from '../../app/hsds/seed.server';
import type { Database } from '../../db/types';
import { ensureBuild, SERVER_BUILD } from '../../scripts/lib/build';
import { createTestDatabase, type TestDatabase } from './db';
import type { Engine } from '../../db/index';

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  db: Kysely<Database>;
  config: Config;
  /** The neutral page the quick exit goes to (another origin). */
  quickExitUrl: string;
  /** Origin of the stand-in map tile server (TILE_URL only with `streetTiles`). */
  tileOrigin: string;
  close(): Promise<void>;
}

// A 1×1 grey PNG: Leaflet stretches it to a 256 px tile.
const TILE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGPYAQAAqACnPI6D8QAAAABJRU5ErkJggg==',
  'base64',
);

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${port}`);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function neutralSite(): Server {
  return createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html lang="en"><title>Weather</title><h1>Weather forecast</h1></html>');
  });
}

function tileServer(): Server {
  return createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' });
    response.end(TILE_PNG);
  });
}

interface LoadedBuild {
  build: ServerBuild;
  publicDir: string;
}

let buildPromise: Promise<LoadedBuild> | undefined;

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every browser asset the server build refers to, as paths under public/. */
function assetPaths(build: ServerBuild): string[] {
  const { assets } = build;
  const urls = [assets.url, assets.entry.module, ...assets.entry.imports];
  for (const route of Object.values(assets.routes))
    urls.push(route.module, ...(route.imports ?? []), ...(route.css ?? []));
  return urls.map((url) => url.replace(/^\//, ''));
}

/**
 * The production build (the global setup builds it). Each worker serves a private copy of
 * build/ and public/, so a rebuild while tests run (another `npm test`, `npm start`) cannot
 * swap the browser assets under a running server.
 */
function loadBuild(): Promise<LoadedBuild> {
  buildPromise ??= (async () => {
    const copy = path.join(repoRoot, '.cache', `e2e-build-${process.pid}`);
    for (let attempt = 1; ; attempt += 1) {
      ensureBuild();
      rmSync(copy, { recursive: true, force: true });
      mkdirSync(copy, { recursive: true });
      cpSync(path.dirname(SERVER_BUILD), path.join(copy, 'build'), { recursive: true });
      // The basemap's folder carries its version, so it cannot change under a running server:
      // linked, not copied (thousands of files).
      const basemap = path.join(repoRoot, 'public', 'basemap');
      cpSync(path.join(repoRoot, 'public'), path.join(copy, 'public'), {
        recursive: true,
        filter: (source) => source !== basemap,
      });
      if (existsSync(basemap)) symlinkSync(basemap, path.join(copy, 'public', 'basemap'));
      const build = (await import(pathToFileURL(path.join(copy, 'build', 'index.js')).href)) as ServerBuild;
      const publicDir = path.join(copy, 'public');
      const missing = assetPaths(build).filter((asset) => !existsSync(path.join(publicDir, asset)));
      if (missing.length === 0) {
        process.once('exit', () => rmSync(copy, { recursive: true, force: true }));
        return { build, publicDir };
      }
      // Copied in the middle of someone else's build: wait for it to finish and copy again.
      if (attempt === 5)
        throw new Error(`The build in build/ and public/build do not match: missing ${missing.join(', ')}`);
      await sleep(3_000);
    }
  })();
  return buildPromise;
}

export interface StartOptions {
  /** Database engine (default PGlite); PostgreSQL needs TEST_DATABASE_URL. */
  engine?: Engine;
  /** Load the demo data (default true). */
  seed?: boolean;
  /** Extra environment for loadConfig (e.g. SITE_NAME). */
  env?: Record<string, string>;
  /** Set TILE_URL to the stand-in tile server (an outside street map, shown after consent). */
  streetTiles?: boolean;
}

export async function startTestServer(options: StartOptions = {}): Promise<TestServer> {
  const [{ build, publicDir }, database] = await Promise.all([
    loadBuild(),
    createTestDatabase(options.engine ?? 'pglite'),
  ]);
  const opened: { database: TestDatabase; servers: Server[] } = { database, servers: [] };
  try {
    if (options.seed ?? true) await seedDemoData(database.db);

    const exit = neutralSite();
    const tiles = tileServer();
    opened.servers.push(exit, tiles);
    const [exitOrigin, tileOrigin] = await Promise.all([listen(exit), listen(tiles)]);
    const quickExitUrl = `${exitOrigin}/weather`;

    const config = loadConfig({
      // 'test': the same app as production minus HSTS and upgrade-insecure-requests, which
      // would send the browser to https://127.0.0.1.
      NODE_ENV: 'test',
      PGLITE_DIR: 'memory://',
      SEED_DEMO: '0',
      LOG_LEVEL: 'silent',
      QUICK_EXIT_URL: quickExitUrl,
      ...(options.streetTiles
        ? { TILE_URL: `${tileOrigin}/tiles/{z}/{x}/{y}.png`, TILE_ATTRIBUTION: 'Test tiles' }
        : {}),
      ...options.env,
    });
    const app = createHttpApp({ config, db: database.db, build, publicDir, logger: createLogger('silent') });
    const http = createServer(app);
    opened.servers.push(http);
    const origin = await listen(http);

    return {
      origin,
      db: database.db,
      config,
      quickExitUrl,
      tileOrigin,
      close: async () => {
        await Promise.all(opened.servers.map(closeServer));
        await database.close();
      },
    };
  } catch (error) {
    await Promise.all(opened.servers.map(closeServer));
    await database.close();
    throw error;
  }
}
