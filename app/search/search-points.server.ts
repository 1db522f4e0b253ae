/**
 * Deferred search_point maintenance for bulk loads (migration 2026_12_01_0201): inside a
 * transaction, `deferSearchPoints` makes the search_point triggers only note the services
 * they touch; `flushSearchPoints` rebuilds those services' rows once, set-based. Between the
 * two, search_point is stale for the transaction's own rows only (nothing is visible to other
 * sessions before the commit). Both must run inside the same transaction.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';

export async function deferSearchPoints(trx: Kysely<Database>): Promise<void> {
  await sql`create temp table if not exists haven_search_points_pending (service_id uuid) on commit drop`.execute(
    trx,
  );
  await sql`select set_config('haven.defer_search_points', 'on', true)`.execute(trx);
}

/** Refreshes every service noted since `deferSearchPoints` and ends the deferral. */
export async function flushSearchPoints(trx: Kysely<Database>): Promise<void> {
  await sql`select set_config('haven.defer_search_points', 'off', true)`.execute(trx);
  await sql`select haven_refresh_search_points(array(select distinct service_id from haven_search_points_pending))`.execute(
    trx,
  );
  await sql`drop table haven_search_points_pending`.execute(trx);
}
