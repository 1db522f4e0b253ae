/**
 * Nearest + one category: a KNN walk that reads only the category's points.
 *
 * Why (docs/PERFORMANCE.md, "Nearest + category"): the nearby page walks search_point_earth_idx
 * nearest-first and tests the filters on the rows it read. A category held by one service in
 * eight (`legal-aid` in the bench) then needs ~8× the points of an unfiltered page, found by
 * growing the window (64 → 512 points, two statements); the p95 at 1M services was 9 ms on
 * PostgreSQL and 17 ms on PGlite.
 *
 * One partial GiST index per top-level category (`categories` holds each term's code and its
 * parent's, so a subcategory's services are in their parent's index): with one category
 * selected, the page statement walks that index (app/search/nearby.server.ts, `categoryWalk`),
 * and the first window of 64 points is the category's own 64 nearest. The predicate must stay
 * identical to the statement's (`categories && '{slug}'::text[]`, the slug as a literal) for
 * the planner to prove the index applies. Subcategories, and several categories at once, keep
 * the plain walk.
 * Frozen in time: imports nothing from app/ (the slugs are migration 2026_11_22_0002's).
 */
import { type Kysely, sql } from 'kysely';

export const CATEGORY_WALK_SLUGS = [
  'counseling',
  'legal-aid',
  'health',
  'vocational',
  'housing',
  'case-management',
  'basic-needs',
  'hotlines',
] as const;

/** The index of one category's points, as [name, create statement] (scripts/bench rebuilds them after a load). */
export const categoryWalkIndexes = CATEGORY_WALK_SLUGS.map(
  (slug) =>
    [
      `search_point_${slug.replace(/-/g, '_')}_idx`,
      `create index search_point_${slug.replace(/-/g, '_')}_idx on search_point using gist (earth)
         where categories && '{${slug}}'::text[]`,
    ] as const,
);

export async function up(db: Kysely<any>): Promise<void> {
  for (const [, statement] of categoryWalkIndexes) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of categoryWalkIndexes) await sql.raw(`drop index ${name}`).execute(db);
}
