/**
 * search_point kept in spatial order, with a lean GiST index.
 *
 * Why (measured at 1M services on PostgreSQL, docs/PERFORMANCE.md): a GiST index built by
 * inserting points in arbitrary order (what triggers and imports do) has leaves whose boxes
 * overlap across the country; the 80-nearest walk at a dense point read 206 index pages. The
 * same rows rewritten in the index's own order (CLUSTER) and indexed again read 117 pages, and
 * the nearby page query's p50/p95 over 900 ZIP centroids went from 2.4/5.1 ms to 1.3/2.0 ms.
 * With the heap in spatial order, the rows a walk visits share a few heap pages, so the index no
 * longer needs to carry the filter columns (INCLUDE made it 448 MB, this one is about 100 MB).
 *
 * `cluster on` marks the index: after bulk loads the importer runs `cluster search_point`, which
 * rewrites the table in that order and rebuilds its indexes. Rows added later go to the leaf
 * covering their place in the existing (well-shaped) tree.
 * Frozen in time: imports nothing from app/.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    'drop index search_point_earth_idx',
    'create index search_point_earth_idx on search_point using gist (earth)',
    'alter table search_point cluster on search_point_earth_idx',
    'cluster search_point',
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const statements = [
    'alter table search_point set without cluster',
    'drop index search_point_earth_idx',
    `create index search_point_earth_idx on search_point using gist (earth)
       include (service_id, location_id, service_name, categories, populations, languages, delivery, free)`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
