/**
 * The HTTP edge: Express in front of the Remix request handler. Owns what every response
 * shares — security headers (CSP with a per-request nonce), compression, static assets,
 * privacy-safe request logs — and hands loaders `{ db, config, cspNonce }`.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import path from 'node:path';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Kysely } from 'kysely';
import { pickDatabase, type ReadReplica } from '../../db/routing';
import type { Database } from '../../db/types';
import { pmtilesUrl } from './pmtiles.server';
import type { Config } from '../config/config.server';
import { databaseResponses } from './database.server';
import { watchAnswers } from './health.server';
import { createLogger, errorFields, type Logger, safePath } from './logger.server';
import { refuseCrossOriginRequests } from './same-origin.server';

/** The methods the app answers; anything else (TRACE, CONNECT, PROPFIND…) gets a plain 405. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export interface HttpAppOptions {
  config: Config;
  db: Kysely<Database>;
  /** A read replica for public reads (db/routing.ts); `db` is then the primary. */
  replica?: ReadReplica;
  /** The Remix build, or (`npm run dev`) a function returning the latest one. */
  build: ServerBuild | (() => Promise<ServerBuild>);
  logger?: Logger;
  /** Folder holding `build/` (the browser assets) and other public files. */
  publicDir?: string;
}

function tileOrigin(tileUrl: string): string {
  const url = new URL(tileUrl.replace(/\{[a-z]\}/g, 'a'));
  // `{s}` subdomain templates: allow the subdomains of the same parent host.
  if (!tileUrl.includes('{s}')) return url.origin;
  const parent = url.host.split('.').slice(1).join('.');
  return `${url.protocol}//*.${parent}`;
}

export function createHttpApp(options: HttpAppOptions) {
  const { config, build } = options;
  // Health checks count any statement that succeeds while they wait (./health.server.ts).
  const db = watchAnswers(options.db);
  const replica = options.replica && { ...options.replica, db: watchAnswers(options.replica.db) };
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const publicDir = options.publicDir ?? path.resolve('public');
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-* headers are believed only from the configured number of proxies.
  app.set('trust proxy', config.TRUST_PROXY > 0 ? config.TRUST_PROXY : false);
  app.use(databaseResponses(replica, config.NODE_ENV === 'production'));

  // Request log: method, path without query string, status, duration. Never IP, never query.
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info('request', {
        method: req.method,
        path: safePath(req.originalUrl),
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
      });
    });
    next();
  });

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`],
          styleSrc: ["'self'", "'unsafe-inline'"],
          // An outside tile server (TILE_URL, shown only after consent) is the only outside
          // host a page may contact (DESIGN.md §6); by default there is none.
          imgSrc: ["'self'", 'data:', ...(config.TILE_URL ? [tileOrigin(config.TILE_URL)] : [])],
          // `npm run dev`: the page's live-reload socket talks to `remix dev` on another port.
          connectSrc: config.NODE_ENV === 'development' ? ["'self'", 'ws://localhost:*'] : ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: config.NODE_ENV === 'production',
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader('Permissions-Policy', 'geolocation=(self), camera=(), microphone=(), interest-cohort=()');
    next();
  });
  app.use(compression());

  app.use((req, res, next) => {
    if (METHODS.includes(req.method)) return next();
    res
      .status(405)
      .set({ Allow: METHODS.join(', '), 'Cache-Control': 'no-store' })
      .type('text/plain');
    res.send('Method not allowed.');
  });
  app.use(refuseCrossOriginRequests(config.PUBLIC_URL));

  // Fingerprinted assets can be cached for a year; everything else briefly.
  app.use(
    '/build',
    express.static(path.join(publicDir, 'build'), { immutable: true, maxAge: '1y', index: false }),
  );
  // The basemap's URLs carry its version (app/components/map/basemap.ts): cacheable for a year.
  app.use(
    '/basemap',
    express.static(path.join(publicDir, 'basemap'), { immutable: true, maxAge: '1y', index: false }),
    // No file is open sea (the build writes no empty tiles): as cacheable as a tile.
    (_req: Request, res: Response) => {
      res.status(404).setHeader('Cache-Control', 'public, max-age=31536000, immutable').end();
    },
  );
  // The operator's PMTiles extract (TILE_PMTILES): `send` answers Range requests (206, 416).
  const pmtiles = config.TILE_PMTILES;
  if (pmtiles) {
    app.get(pmtilesUrl(pmtiles), (_req, res, next) => {
      res.sendFile(pmtiles.path, { immutable: true, maxAge: '1y', dotfiles: 'allow' }, (error) => {
        if (!error || res.headersSent) return;
        // A client error from `send` (416 with `Content-Range: bytes */size`) is answered as is.
        const { status, headers } = error as Error & { status?: number; headers?: Record<string, string> };
        if (status && status < 500)
          res
            .status(status)
            .set(headers ?? {})
            .end();
        else next(error);
      });
    });
  }
  app.use(express.static(publicDir, { maxAge: '1h', index: false }));

  app.all(
    '*',
    createRequestHandler({
      build,
      mode: config.NODE_ENV,
      getLoadContext: (req, res) => ({
        db: pickDatabase(db, replica, {
          method: req.method,
          path: req.path,
          cookie: req.headers.cookie,
        }),
        replica: replica?.status(),
        config,
        cspNonce: res.locals.cspNonce as string,
        clientAddress: req.ip ?? req.socket.remoteAddress ?? '',
      }),
    }),
  );

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    logger.error('unhandled error', {
      method: req.method,
      path: safePath(req.originalUrl),
      ...errorFields(error),
    });
    if (!res.headersSent) res.status(500).type('text/plain').send('Something went wrong on our side.');
  });

  return app;
}

/** Listens on the port; returns a stop() that drains connections before resolving. */
export function startHttpServer(app: ReturnType<typeof express>, port: number, host?: string) {
  return new Promise<{ server: Server; port: number; stop: () => Promise<void> }>((resolve, reject) => {
    const server = app.listen(port, host ?? '0.0.0.0');
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      const stop = () =>
        new Promise<void>((done) => {
          server.close(() => done());
          server.closeIdleConnections();
          // Long-lived keep-alive connections get a few seconds, then are cut.
          setTimeout(() => server.closeAllConnections(), 5000).unref();
        });
      resolve({ server, port: actualPort, stop });
    });
  });
}
