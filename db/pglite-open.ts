/** Opens an embedded PGlite database with Haven's extensions and type parsers (both threads use it). */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

// Both engines return the same JavaScript types: bigint counts as numbers (ids are uuids, so
// no count comes near 2^53) and `date` columns as 'YYYY-MM-DD' strings, not local-midnight Dates.
export const INT8 = 20;
export const DATE = 1082;
const pgliteParsers = { [INT8]: (value: string) => Number(value), [DATE]: (value: string) => value };

const pgliteExtensions = { cube, earthdistance, pg_trgm, unaccent };

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
