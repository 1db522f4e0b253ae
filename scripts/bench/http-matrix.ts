/**
 * `npm run bench -- --http`: the public search page (HTML) and the API under autocannon, for
 * (a) the single-process default (the production build in this process, on the bench database)
 * and (b) the scripted cluster (scripts/lib/cluster.ts) with the bench database restored into
 * its primary: 1 and 2 Haven processes behind HAProxy, with public reads on the streaming
 * replica and without it. Each layout is compared with a bare node:http server running the same
 * functions (./http.ts) on the same database, in the same run.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import { createDatabase } from '../../db/index';
import type { Database } from '../../db/types';
import { startCluster, startFrontend } from '../lib/cluster';
import { pgBin } from '../lib/pg-bin';
import { bareServer, load, type LoadResult, realApp } from './http';

const execFileAsync = promisify(execFile);

export interface MatrixOptions {
  db: Kysely<Database>;
  /** postgres:// URL of the bench database; without it only the single process is measured. */
  databaseUrl?: string;
  /** Measure the single process (default true). */
  single?: boolean;
  /** Where the bench database's `pg_dump -Fc` archive is kept (made once, reused by later runs). */
  dumpFile: string;
  points: Array<{ lat: number; lng: number }>;
  seconds: number;
  connections: number;
  emit: (record: Record<string, unknown>) => void;
  log: (line: string) => void;
}

type Target = 'api' | 'html';
const round = (x: number) => Math.round(x * 100) / 100;

export async function httpMatrix(options: MatrixOptions): Promise<void> {
  const { points, seconds, connections, emit, log } = options;
  const paths: Record<Target, string[]> = {
    api: points.map((p) => `/api/v1/services?lat=${p.lat}&lng=${p.lng}`),
    html: points.map((p) => `/search?lat=${p.lat}&lng=${p.lng}`),
  };
  const measure = async (origin: string, target: Target): Promise<LoadResult> => {
    await load(origin, paths[target], 2, connections); // warm-up
    return load(origin, paths[target], seconds, connections);
  };
  const record = (layout: string, target: Target, server: string, result: LoadResult, bare?: LoadResult) => {
    emit({
      metric: 'http',
      layout,
      target,
      server,
      connections,
      seconds,
      ...result,
      ...(bare ? { over_bare: round(result.requestsPerSecond / bare.requestsPerSecond) } : {}),
    });
  };
  /** Bare node:http on `db`, both targets. */
  const bareOn = async (db: Kysely<Database>, layout: string) => {
    const { origin, server } = await bareServer(db);
    const results = {} as Record<Target, LoadResult>;
    for (const target of ['api', 'html'] as const) {
      results[target] = await measure(origin, target);
      record(layout, target, 'bare node:http', results[target]);
    }
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    return results;
  };

  // (a) The single process: the production build in this process, on the bench database.
  if (options.single ?? true) {
    log('http: single process');
    const singleBare = await bareOn(options.db, 'single process');
    const { origin, server } = await realApp(options.db);
    for (const target of ['api', 'html'] as const)
      record('single process', target, 'real app', await measure(origin, target), singleBare[target]);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  if (!options.databaseUrl) {
    log('http: no cluster (it needs --engine postgres, and not --no-cluster)');
    return;
  }
  // (b) The cluster, on a copy of the bench database.
  if (!existsSync(options.dumpFile)) {
    log(`http: pg_dump of the bench database to ${options.dumpFile}`);
    await execFileAsync(pgBin('pg_dump'), ['-Fc', '-Z', '1', '-f', options.dumpFile, options.databaseUrl], {
      timeout: 60 * 60_000,
    });
  }
  log(`http: cluster from ${options.dumpFile} (${Math.round(statSync(options.dumpFile).size / 1e6)} MB)`);
  const started = Date.now();
  const cluster = await startCluster({ apps: 0, replica: true, restoreFrom: options.dumpFile, log });
  emit({ metric: 'cluster start', seconds: Math.round((Date.now() - started) / 1000) });
  try {
    const primary = await createDatabase({ databaseUrl: cluster.primary.url, maxConnections: 10 });
    const replica = await createDatabase({ databaseUrl: cluster.replica!.url, maxConnections: 10 });
    try {
      const bare = {
        primary: await bareOn(primary.db, 'cluster primary'),
        replica: await bareOn(replica.db, 'cluster replica'),
      };
      for (const withReplica of [false, true]) {
        for (const apps of [1, 2]) {
          const layout = `cluster: ${apps} app${apps > 1 ? 's' : ''}, ${withReplica ? 'reads on the replica' : 'primary only'}`;
          log(`http: ${layout}`);
          const frontend = await startFrontend({
            dir: cluster.dir,
            primaryUrl: cluster.primary.url,
            replicaUrl: withReplica ? cluster.replica!.url : undefined,
            apps,
            log,
          });
          try {
            for (const target of ['api', 'html'] as const) {
              record(
                layout,
                target,
                'HAProxy → Haven',
                await measure(frontend.balancerUrl, target),
                bare[withReplica ? 'replica' : 'primary'][target],
              );
              // Who answered what (cumulative since HAProxy started, warm-ups included): a 5xx
              // counted on the backend but on no process is HAProxy's own 503 (no process up).
              emit({ metric: 'balancer', layout, after: target, servers: await frontend.balancerStats() });
            }
          } finally {
            await frontend.stop();
          }
        }
      }
    } finally {
      await primary.close();
      await replica.close();
    }
  } finally {
    await cluster.stop();
  }
}
