/**
 * HTTP side of the benchmark: the real app (production build behind createHttpApp) and a bare
 * node:http server that runs the same functions — apiServices for /api/v1/services, and the
 * search page's data (loadSearchPage: the same SQL as the page's loader) written out as a
 * minimal HTML list for /search — all loaded by autocannon with the same rotating list of query
 * points.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import autocannon from 'autocannon';
import type { Kysely } from 'kysely';
import { apiServices } from '../../app/api/services.server';
import { loadSearchPage } from '../../app/search/search-page.server';
import { loadConfig } from '../../app/config/config.server';
import { createHttpApp } from '../../app/http/app.server';
import type { Database } from '../../db/types';
import { ensureBuild, SERVER_BUILD } from '../lib/build';

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

export async function realApp(db: Kysely<Database>): Promise<{ origin: string; server: Server }> {
  ensureBuild();
  const build = (await import(pathToFileURL(SERVER_BUILD).href)) as ServerBuild;
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  const server = createServer(createHttpApp({ config, db, build }));
  return { origin: await listen(server), server };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The search page's data as the least HTML that shows it: the floor the real page is compared with. */
async function bareSearchPage(db: Kysely<Database>, url: URL): Promise<string> {
  const page = await loadSearchPage(db, url);
  const items = page.kind === 'results' ? page.result.items : [];
  return `<!doctype html><html lang="en"><title>Search</title><ol>${items
    .map((item) => `<li><a href="/services/${item.serviceId}">${escapeHtml(item.serviceName)}</a></li>`)
    .join('')}</ol></html>`;
}

export async function bareServer(db: Kysely<Database>): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/search') {
      bareSearchPage(db, url).then(
        (html) => {
          response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          response.end(html);
        },
        () => {
          response.writeHead(500);
          response.end();
        },
      );
      return;
    }
    apiServices(db, url.searchParams).then(
      (answer) => {
        response.writeHead(answer.ok ? 200 : 400, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(answer.ok && answer.format === 'json' ? answer.envelope : answer));
      },
      () => {
        response.writeHead(500);
        response.end();
      },
    );
  });
  return { origin: await listen(server), server };
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Responses by status code, when any was not 2xx. */
  statuses?: Record<string, number>;
}

export async function load(
  origin: string,
  paths: string[],
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: origin,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          request.path = paths[next++ % paths.length]!;
          return request;
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    ...(result.non2xx > 0
      ? {
          statuses: Object.fromEntries(
            Object.entries(result.statusCodeStats ?? {}).map(([code, stat]): [string, number] => [
              code,
              stat?.count ?? 0,
            ]),
          ),
        }
      : {}),
  };
}
