/**
 * The search indexes a bulk load drops and builds again once after it (faster than keeping
 * them up to date row by row): the bench generator (scripts/bench/generate.ts) and a large
 * streamed import (app/hsds/import.server.ts). Definitions identical to the migrations.
 *
 * Dropping an index locks its table (ACCESS EXCLUSIVE) until the transaction ends: readers of
 * `service` and `search_point` wait for the load to commit, so only loads that bring at least
 * as much as the directory already holds do it.
 */
import { type Kysely, sql } from 'kysely';
import { categoryWalkIndexes } from '../../db/migrations/2026_12_01_0191_search_point_category';
import type { Database } from '../../db/types';

export const SEARCH_INDEXES = [
  ['search_point_earth_idx', 'create index search_point_earth_idx on search_point using gist (earth)'],
  [
    'service_search_vector_idx',
    'create index service_search_vector_idx on service using gin (search_vector)',
  ],
  [
    'service_name_trgm_idx',
    'create index service_name_trgm_idx on service using gin (haven_unaccent(lower(name)) gin_trgm_ops)',
  ],
  ['service_name_order_idx', 'create index service_name_order_idx on service (name, id)'],
  [
    'service_name_vector_idx',
    `create index service_name_vector_idx on service using gin ((
       to_tsvector('english'::regconfig, haven_unaccent(name)) ||
       to_tsvector('spanish'::regconfig, haven_unaccent(name))))`,
  ],
  ...categoryWalkIndexes,
] as const;

export async function dropSearchIndexes(db: Kysely<Database>): Promise<void> {
  for (const [name] of SEARCH_INDEXES) await sql.raw(`drop index if exists ${name}`).execute(db);
}

/**
 * Builds the indexes again; `step` times each one (the generator logs them). search_point's
 * GiST index gets its CLUSTER mark back (migration 2026_11_30_0007).
 */
export async function createSearchIndexes(
  db: Kysely<Database>,
  step: (label: string, run: () => Promise<unknown>) => Promise<void> = async (_, run) => {
    await run();
  },
): Promise<void> {
  for (const [name, statement] of SEARCH_INDEXES)
    await step(`index ${name}`, () => sql.raw(statement).execute(db));
  await step('cluster mark', () =>
    sql`alter table search_point cluster on search_point_earth_idx`.execute(db),
  );
}
