/**
 * Ranked candidates: in-person services near a point, and the plain listing when no point is
 * given (keyword rank, then name). Nearby searches read `search_point` (migration 0006): one
 * row per public (service, location) pair, with the public point only — a confidential
 * location's exact point is not in it — and the filters' columns; `where` conditions here are
 * over its alias `sp` (see pointConditions in ./filters.server).
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { prepared } from '../../db/prepared';
import type { Database } from '../../db/types';
import type { Condition } from './filters.server';
import { TOP_CATEGORY_SLUGS } from './taxonomy';
import type { GeoPoint } from './types';

export interface Candidate {
  serviceId: string;
  /** The location shown: the nearest one for a nearby search. */
  locationId: string | null;
  distanceKm: number | null;
  remote: boolean;
}

export interface Window {
  limit: number | null;
  offset: number;
}

/** earthdistance's earth(): the radius, in metres, its `earth` points are placed at. */
const EARTH_RADIUS_M = 6378168;

/**
 * A point as the 3-D cube point on earthdistance's sphere that `ll_to_earth(latitude, longitude)`
 * returns, computed here so the statement carries a constant instead of an expression for the
 * planner to fold (measured: ≈ 0.1 ms a query). A plain `cube`: the `earth` domain's checks
 * would run on every row that is compared with it; add `::earth` where an earthdistance function
 * wants one (earth_box, earth_distance).
 */
export function earthPoint(point: GeoPoint) {
  const lat = (point.latitude * Math.PI) / 180;
  const lng = (point.longitude * Math.PI) / 180;
  const xyz = [
    EARTH_RADIUS_M * Math.cos(lat) * Math.cos(lng),
    EARTH_RADIUS_M * Math.cos(lat) * Math.sin(lng),
    EARTH_RADIUS_M * Math.sin(lat),
  ];
  return sql`cube(cast(${xyz} as float8[]))`;
}
/**
 * Great-circle metres from `sp` to a point: what earth_distance computes, from the stored
 * `sp.earth` (indexed by search_point_earth_idx) and the chord `<->` the index orders by.
 */
const metresTo = (here: RawBuilder<unknown>) => sql<number>`sec_to_gc(sp.earth <-> ${here})`;

/** The search point `sp` is within the radius: the index-friendly box, then the exact cap. */
export function withinRadius(point: GeoPoint, radiusKm: number): Condition {
  const radiusM = radiusKm * 1000;
  return sql<boolean>`(earth_box(${earthPoint(point)}::earth, ${radiusM}::float8) @> sp.earth
    and ${metresTo(earthPoint(point))} <= ${radiusM}::float8)`;
}

/** `limit … offset …` for a window (no limit: to the end). */
export const windowSql = (window: Window) =>
  window.limit === null ? sql`offset ${window.offset}` : sql`limit ${window.limit} offset ${window.offset}`;

type Row = { service_id: string; location_id: string; distance_m: number };
const toCandidate = (row: Row): Candidate => ({
  serviceId: row.service_id,
  locationId: row.location_id,
  distanceKm: row.distance_m / 1000,
  remote: false,
});

/** Every in-person match inside the radius (used when all of them are needed, e.g. open now). */
async function allWithinRadius(
  db: Kysely<Database>,
  point: GeoPoint,
  radiusKm: number,
  where: Condition,
  window: Window,
) {
  const result = await sql<Row>`
    select service_id, location_id, distance_m from (
      select distinct on (sp.service_id) sp.service_id, sp.location_id, sp.service_name,
             ${metresTo(earthPoint(point))} as distance_m
      from search_point sp
      where ${withinRadius(point, radiusKm)} and ${where}
      order by sp.service_id, distance_m, sp.location_id) nearest
    order by distance_m, service_name, service_id
    ${windowSql(window)}`.execute(db);
  return result.rows;
}

/**
 * With one top-level category selected, the condition that walks that category's own points
 * (migration 2026_12_01_0191: a partial GiST index per top-level category, whose predicate this
 * repeats with the slug as a literal, so the planner can prove the index applies): a category
 * held by one service in eight then needs the 64 nearest points, not ~512 found by growing the
 * window. Null otherwise (no category, several, or a subcategory: the plain walk).
 */
export function categoryWalk(categories: readonly string[] = []): Condition | null {
  const slug = categories.length === 1 ? categories[0] : undefined;
  if (!slug || !(TOP_CATEGORY_SLUGS as readonly string[]).includes(slug)) return null;
  return sql<boolean>`sp.categories && ${sql.lit(`{${slug}}`)}::text[]`;
}

/**
 * The k nearest search points by a pure KNN index scan (`ORDER BY <-> LIMIT k` walks
 * search_point_earth_idx nearest-first and stops after k), then the radius, filters and one row
 * per service on that small set. Why not one query with the earth_box cap: the planner
 * underestimates how many points a box holds (cube has no statistics), picks a bitmap scan of
 * the whole box plus a sort, and a dense city then costs every point in the radius.
 * One row per service can be taken inside the window: a service's nearest location is never
 * farther than any of its locations in the window, so it is in the window too.
 * The filters are computed above the LIMIT (the inner select), so the planner costs a keyword's
 * per-row service lookup for k rows, not for the whole table: written inside the scan, it
 * hashed every service matching the word first (12,500 at 100k for "shelter": 17.8 ms where 64
 * lookups take 1.3 ms).
 * `walk` (categoryWalk) is the one condition tested inside the scan: it selects a partial index,
 * whose walk reads only matching points. `where` still holds it too (a repeat costs nothing).
 * Returns the page and, in the same statement (one plan, one round trip), how many services
 * matched in the window and whether the window reached past the radius.
 */
export function knnPageQuery(
  point: GeoPoint,
  radiusKm: number,
  where: Condition,
  window: { limit: number; offset: number },
  k: number,
  walk: Condition | null = null,
) {
  const here = earthPoint(point);
  return sql<{ fetched: number; farthest_m: number | null; total: number } & Partial<Row>>`
    with near as materialized (
      select sp.service_id, sp.location_id, sp.service_name, ${where} as ok,
             ${metresTo(here)} as distance_m
      from (select * from search_point sp ${walk ? sql`where ${walk}` : sql``}
            order by sp.earth <-> ${here} limit ${sql.lit(k)}) sp),
    matches as (
      select distinct on (n.service_id) n.service_id, n.location_id, n.distance_m, n.service_name
      from near n
      where n.ok and n.distance_m <= ${radiusKm * 1000}::float8
      order by n.service_id, n.distance_m, n.location_id)
    select m.fetched, m.farthest_m, m.total, r.service_id, r.location_id, r.distance_m
    from (select count(*)::int as fetched, max(distance_m) as farthest_m,
                 (select count(*)::int from matches) as total
          from near) m
    left join lateral (
      select x.service_id, x.location_id, x.distance_m from matches x
      order by x.distance_m, x.service_name, x.service_id
      limit ${window.limit} offset ${window.offset}) r on true`;
}

const MAX_K = 50_000;

/**
 * Window sizes are powers of two from 64: each is written into the statement as a literal (the
 * planner then sees the LIMIT and keeps one generic plan per size), and the statement is
 * prepared (db/prepared.ts), so the sizes must come from a short list.
 */
const windowSize = (points: number) => 2 ** Math.ceil(Math.log2(Math.max(64, points)));

/** The first window for a page that needs `needed` services (a quarter more, for duplicates). */
export const firstWindow = (needed: number) => windowSize(needed * 1.25);

export interface Count {
  total: number;
  /** True when counting stopped at the cap: there are at least `total` (= the cap) matches. */
  capped: boolean;
}

/**
 * In-person services with a public point inside the radius, one row per service at its nearest
 * location, ordered by distance then name, and their number — exact up to `cap`, a lower bound
 * beyond (a dense city holds tens of thousands; counting them all costs more than the page).
 * Grows k until the answer is provably right: the window ran past the radius (or the table ran
 * out), or the page's last row is strictly nearer than the window's farthest point (nothing
 * outside can come before it) and at least `cap` services matched. Past MAX_K points (a very
 * selective filter in a dense city) it reads the whole radius instead.
 */
export async function nearbyPage(
  db: Kysely<Database>,
  point: GeoPoint,
  radiusKm: number,
  where: Condition,
  window: { limit: number; offset: number },
  cap: number,
  walk: Condition | null = null,
): Promise<{ candidates: Candidate[]; count: Count }> {
  const radiusM = radiusKm * 1000;
  const needed = Math.max(cap, window.offset + window.limit);
  let k = firstWindow(needed);
  while (k <= MAX_K) {
    const result = await prepared(knnPageQuery(point, radiusKm, where, window, k, walk)).execute(db);
    const meta = result.rows[0];
    const rows = result.rows.filter((row): row is typeof row & Row => row.service_id != null);
    const candidates = rows.map(toCandidate);
    if (!meta || meta.fetched < k || (meta.farthest_m ?? Infinity) > radiusM) {
      return { candidates, count: { total: meta?.total ?? 0, capped: false } };
    }
    const last = rows[rows.length - 1];
    const pageComplete =
      rows.length === window.limit && last !== undefined && last.distance_m < (meta.farthest_m ?? 0);
    if (pageComplete && meta.total >= cap) return { candidates, count: { total: cap, capped: true } };
    // Grow the window to where the matches seen so far say enough would be (a filter that
    // keeps 1 point in 8 needs ~8x the points), at least x2 and at most x16 per round.
    const perPoint = Math.max(meta.total, 1) / meta.fetched;
    k = windowSize(Math.min(k * 16, Math.max(k * 2, (needed / perPoint) * 1.25)));
  }
  // Very selective filters in a dense area: fall back to the whole radius.
  const all = await allWithinRadius(db, point, radiusKm, where, { limit: null, offset: 0 });
  return {
    candidates: all.slice(window.offset, window.offset + window.limit).map(toCandidate),
    count: { total: all.length, capped: false },
  };
}

/**
 * The exact number of services with a public point inside the radius that pass `where` (over
 * `sp`): the radius's index-friendly box and distance cap, counted once per service.
 */
export async function nearbyCount(
  db: Kysely<Database>,
  point: GeoPoint,
  radiusKm: number,
  where: Condition,
): Promise<number> {
  const result = await prepared(sql<{ total: number }>`
    select count(distinct sp.service_id)::int as total from search_point sp
    where ${withinRadius(point, radiusKm)} and ${where}`).execute(db);
  return result.rows[0]?.total ?? 0;
}

/**
 * How many matches a keyword-only ranking reads at most, in each of its two name orders (see
 * listedCandidates). A keyword with no more matches than this is ranked exactly as ts_rank over
 * every match would; docs/search.md explains the rule beyond it.
 */
export const KEYWORD_CANDIDATES = 300;

/**
 * The name's part of the keyword index (migration 2026_12_01_0171, `service_name_vector_idx`):
 * the same expression, so the planner reads that index.
 */
const nameVector = sql`(to_tsvector('english'::regconfig, haven_unaccent(s.name)) ||
  to_tsvector('spanish'::regconfig, haven_unaccent(s.name)))`;

/**
 * Any one of a tsquery's words (its negations dropped, every `&` and `<->` read as `|`), for
 * the candidates named for the keyword: a name that carries one of two words outranks the same
 * text without it. `querytree` keeps the quoting, so the rewrite cannot break the syntax.
 */
const anyWordOf = (tsquery: RawBuilder<unknown>) =>
  sql`regexp_replace(querytree(${tsquery}), '&|<[0-9]+>|<->', '|', 'g')::tsquery`;

/**
 * Without a point: every matching service, by keyword rank (when given) then name.
 *
 * With a keyword, ts_rank is computed over a bounded set of candidates rather than every match
 * (120k matches at 1M services cost 0.3 s): the first `candidates` matches in name order (a walk
 * of `service_name_order_idx` for a common word, the GIN index for a rare one) and the first
 * `candidates` of those whose name itself carries one of the words (`service_name_vector_idx`), so
 * a service named for the keyword is not lost to the alphabet. When the keyword has at most
 * `candidates` matches the set is all of them and the order is exactly ts_rank's; `null` ranks
 * every match (the rule before 0171, kept for the tests that compare the two).
 */
export async function listedCandidates(
  db: Kysely<Database>,
  where: Condition,
  tsquery: RawBuilder<unknown> | null,
  window: Window,
  candidates: number | null = KEYWORD_CANDIDATES,
): Promise<Candidate[]> {
  let result;
  if (!tsquery) {
    result = await sql<{ service_id: string }>`
      select s.id as service_id
      from service s join organization o on o.id = s.organization_id
      where ${where}
      order by s.name, s.id
      ${windowSql(window)}`.execute(db);
  } else if (candidates === null || window.limit === null) {
    result = await sql<{ service_id: string }>`
      select s.id as service_id
      from service s join organization o on o.id = s.organization_id
      where ${where}
      order by ts_rank(s.search_vector, ${tsquery}) desc, s.name, s.id
      ${windowSql(window)}`.execute(db);
  } else {
    // Each branch must reach past the window, however deep the page.
    const bound = Math.max(candidates, window.offset + window.limit);
    // Each branch carries the name and the vector up, so ranking needs no second read of the
    // service rows (that re-read was a quarter of the pages the statement touched at 1M).
    result = await sql<{ service_id: string }>`
      select service_id from (
        select distinct on (c.id) c.id as service_id, c.name, ts_rank(c.search_vector, ${tsquery}) as rank
        from (
          (select s.id, s.name, s.search_vector from service s join organization o on o.id = s.organization_id
           where ${where} order by s.name, s.id limit ${bound})
          union all
          (select s.id, s.name, s.search_vector from service s join organization o on o.id = s.organization_id
           where ${where} and ${nameVector} @@ ${anyWordOf(tsquery)} order by s.name, s.id limit ${bound})
        ) c
        order by c.id) ranked
      order by rank desc, name, service_id
      ${windowSql(window)}`.execute(db);
  }
  return result.rows.map((row) => ({
    serviceId: row.service_id,
    locationId: null,
    distanceKm: null,
    remote: false,
  }));
}

/**
 * How many services match, exact up to `cap` and "at least `cap`" beyond: a keyword alone can
 * match a tenth of a national directory, and counting all of it cost 0.45 s at 1M services
 * (PostgreSQL) where reading cap + 1 matches costs a few milliseconds.
 */
export async function listedCount(db: Kysely<Database>, where: Condition, cap: number): Promise<Count> {
  const result = await sql<{ total: number }>`
    select count(*)::int as total from (
      select 1 from service s join organization o on o.id = s.organization_id
      where ${where} ${Number.isFinite(cap) ? sql`limit ${cap + 1}` : sql``}) matches`.execute(db);
  const total = result.rows[0]?.total ?? 0;
  return total > cap ? { total: cap, capped: true } : { total, capped: false };
}
