/**
 * Creates the Kysely instance. This is the one place that chooses the engine:
 * PostgreSQL when a URL is given, embedded PGlite otherwise. Everything above it runs the
 * same Kysely code on both.
 */
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DATE, INT8, openPGlite } from './pglite-open';
import { PGlitePool } from './pglite-pool';
import { PGliteThread } from './pglite-thread';
import { preparingPool } from './prepared';
import { failoverPool, type ReadReplica, type ReplicaLog, ReplicaMonitor } from './routing';
import type { Database } from './types';

export type Engine = 'pglite' | 'postgres';

export interface DatabaseOptions {
  /** postgres://… — use PostgreSQL. */
  databaseUrl?: string;
  /** postgres://… of a streaming replica for public reads (with databaseUrl only). */
  databaseReadUrl?: string;
  /** The replica is skipped while its replay lag exceeds this many seconds (default 5). */
  readMaxLagS?: number;
  /** Where the replica's state changes are reported (default: stderr). */
  log?: ReplicaLog;
  /** PGlite data directory, or `memory://` for an in-memory database. */
  pgliteDir?: string;
  /** A gzipped PGlite data-dir dump to start from (tests use a migrated template). */
  pgliteDataDir?: Blob;
  /**
   * PGlite only: run the database in a worker thread with this deadline (ms) on every
   * statement, restarting the worker when one is exceeded (docs/decisions/003). The server does;
   * tests and CLIs keep PGlite in their own thread (faster to start, and `pglite` is available).
   */
  pgliteWorker?: { statementTimeoutMs: number; onRestart?: (reason: string) => void };
  /** PostgreSQL pool size. */
  maxConnections?: number;
  /**
   * PostgreSQL only: an idle pooled connection failed (the server restarted, or an
   * administrator ended it). The pool drops that connection and opens a new one when needed;
   * without a listener the error would crash the process. Default: one line on stderr.
   */
  onIdleConnectionError?: (error: Error) => void;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** Only for PGlite in this thread: the underlying instance (tests dump it as a template). */
  pglite?: PGlite;
  /** Only with databaseReadUrl: the replica's handle and state (see db/routing.ts). */
  replica?: ReadReplica;
  /** Only for PGlite in a worker thread. */
  pgliteThread?: PGliteThread;
  close(): Promise<void>;
}

// Both engines return the same JavaScript types (see db/pglite-open.ts for PGlite's side).
pg.types.setTypeParser(INT8, (value) => Number(value));
pg.types.setTypeParser(DATE, (value) => value);

const stderrLog: ReplicaLog = {
  warn: (message, fields) => process.stderr.write(`database: ${message} ${JSON.stringify(fields ?? {})}\n`),
  info: (message, fields) => process.stderr.write(`database: ${message} ${JSON.stringify(fields ?? {})}\n`),
};

export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const openPool = (connectionString: string) => {
      // A server that does not answer fails a request after 5 s instead of holding it.
      const pool = new pg.Pool({
        connectionString,
        max: options.maxConnections ?? 10,
        connectionTimeoutMillis: 5000,
      });
      pool.on(
        'error',
        options.onIdleConnectionError ??
          ((error) => process.stderr.write(`database: an idle connection failed: ${error.message}\n`)),
      );
      // A server that ends its connections (a restart, a stopped replica: 57P01) makes each pg
      // client emit 'error', and an 'error' event with no listener ends the process. The pool
      // listens only while a client is idle, not while it is checked out or being removed, so
      // every client keeps a listener for its whole life; the failed statement itself still
      // rejects, and the pool drops the broken client.
      pool.on('connect', (client) => client.on('error', () => {}));
      return pool;
    };
    const primary = preparingPool(openPool(options.databaseUrl));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: primary }) });
    if (!options.databaseReadUrl) return { db, engine: 'postgres', close: () => db.destroy() };

    const replicaPool = openPool(options.databaseReadUrl);
    const maxLagS = options.readMaxLagS ?? 5;
    const monitor = new ReplicaMonitor(replicaPool, maxLagS, options.log ?? stderrLog);
    await monitor.start();
    const readDb = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: failoverPool(preparingPool(replicaPool), primary, monitor) }),
    });
    const close = async () => {
      monitor.stop();
      await readDb.destroy();
      await db.destroy();
      if (!replicaPool.ended) await replicaPool.end();
    };
    return {
      db,
      engine: 'postgres',
      replica: { db: readDb, maxLagS, status: () => monitor.status() },
      close,
    };
  }
  if (options.pgliteWorker) {
    const thread = await PGliteThread.open({
      dataDir: options.pgliteDir ?? 'memory://',
      loadDataDir: options.pgliteDataDir,
      ...options.pgliteWorker,
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PGlitePool(thread) }) });
    const close = async () => {
      await db.destroy();
      await thread.close();
    };
    return { db, engine: 'pglite', pgliteThread: thread, close };
  }
  const pglite = await openPGlite({ dataDir: options.pgliteDir, loadDataDir: options.pgliteDataDir });
  const embedded = {
    generation: 0,
    query: <R>(text: string, parameters: unknown[]) => pglite.query<R>(text, parameters),
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PGlitePool(embedded) }) });
  // Kysely only ends a pool it has used; close PGlite ourselves so an unused handle is released too.
  const close = async () => {
    await db.destroy();
    if (!pglite.closed) await pglite.close();
  };
  return { db, engine: 'pglite', pglite, close };
}
