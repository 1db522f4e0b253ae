/**
 * Creates the Kysely instance. This is the one place that chooses the engine:
 * PostgreSQL when a URL is given, embedded PGlite otherwise. Everything above it runs the
 * same Kysely code on both.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlitePool } from './pglite-pool';
import { preparingPool } from './prepared';
import type { Database } from './types';

export type Engine = 'pglite' | 'postgres';

export interface DatabaseOptions {
  /** postgres://… — use PostgreSQL. */
  databaseUrl?: string;
  /** PGlite data directory, or `memory://` for an in-memory database. */
  pgliteDir?: string;
  /** A gzipped PGlite data-dir dump to start from (tests use a migrated template). */
  pgliteDataDir?: Blob;
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
  /** Only for PGlite: the underlying instance (tests dump it as a template). */
  pglite?: PGlite;
  close(): Promise<void>;
}

// Both engines return the same JavaScript types: bigint counts as numbers (ids are uuids, so
// no count comes near 2^53) and `date` columns as 'YYYY-MM-DD' strings, not local-midnight Dates.
const INT8 = 20;
const DATE = 1082;
pg.types.setTypeParser(INT8, (value) => Number(value));
pg.types.setTypeParser(DATE, (value) => value);
const pgliteParsers = { [INT8]: (value: string) => Number(value), [DATE]: (value: string) => value };

export const pgliteExtensions = { cube, earthdistance, pg_trgm, unaccent };

export async function openPGlite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<PGlite> {
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({
    dataDir,
    loadDataDir: options.loadDataDir,
    extensions: pgliteExtensions,
    parsers: pgliteParsers,
  });
}

export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.maxConnections ?? 10 });
    pool.on(
      'error',
      options.onIdleConnectionError ??
        ((error) => process.stderr.write(`database: an idle connection failed: ${error.message}\n`)),
    );
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const pglite = await openPGlite({ dataDir: options.pgliteDir, loadDataDir: options.pgliteDataDir });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
  // Kysely only ends a pool it has used; close PGlite ourselves so an unused handle is released too.
  const close = async () => {
    await db.destroy();
    if (!pglite.closed) await pglite.close();
  };
  return { db, engine: 'pglite', pglite, close };
}
