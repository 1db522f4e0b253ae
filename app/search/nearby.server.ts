/**
 * Ranked candidates: in-person services near a point (KNN on the public-point GiST index), and
 * the plain listing when no point is given (keyword rank, then name). Only public points are
 * read: `location_public_earth_idx` is on ll_to_earth(public_latitude, public_longitude).
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/types';
import type { Condition } from './filters.server';
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

export const earthPoint = (point: GeoPoint) =>
  sql`ll_to_earth(${point.latitude}::float8, ${point.longitude}::float8)`;
// Must match the index expression exactly for the planner to use location_public_earth_idx.
const publicPoint = (alias: string) =>
  sql`ll_to_earth(${sql.ref(`${alias}.public_latitude`)}, ${sql.ref(`${alias}.public_longitude`)})`;

/** The location is within the radius: the index-friendly box, then the exact great-circle cap. */
export function withinRadius(alias: string, point: GeoPoint, radiusKm: number): Condition {
  const radiusM = radiusKm * 1000;
  return sql<boolean>`(earth_box(${earthPoint(point)}, ${radiusM}::float8) @> ${publicPoint(alias)}
    and earth_distance(${publicPoint(alias)}, ${earthPoint(point)}) <= ${radiusM}::float8)`;
}

const windowSql = (window: Window) =>
  window.limit === null ? sql`offset ${window.offset}` : sql`limit ${window.limit} offset ${window.offset}`;

/** Keeps only the service's nearest public location (ties: the lower id). */
const nearestOfService = (here: RawBuilder<unknown>) => sql<boolean>`not exists (
  select 1 from service_at_location sal2 join location l2 on l2.id = sal2.location_id
  where sal2.service_id = s.id and l2.id <> l.id and l2.public_latitude is not null
    and (earth_distance(${publicPoint('l2')}, ${here}) < earth_distance(${publicPoint('l')}, ${here})
         or (earth_distance(${publicPoint('l2')}, ${here}) = earth_distance(${publicPoint('l')}, ${here})
             and l2.id < l.id)))`;

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
  const here = earthPoint(point);
  const result = await sql<Row>`
    select s.id as service_id, l.id as location_id, earth_distance(${publicPoint('l')}, ${here}) as distance_m
    from location l
    join service_at_location sal on sal.location_id = l.id
    join service s on s.id = sal.service_id
    join organization o on o.id = s.organization_id
    where ${withinRadius('l', point, radiusKm)} and ${where} and ${nearestOfService(here)}
    order by distance_m, s.name, s.id
    ${windowSql(window)}`.execute(db);
  return result.rows;
}

/**
 * The k nearest public locations by a pure KNN index scan (`ORDER BY <-> LIMIT k` walks
 * location_public_earth_idx nearest-first and stops after k), then the radius, filters and
 * one row per service on that small set. Why not one query with the earth_box cap: the planner
 * underestimates how many points a box holds (cube has no statistics), picks a bitmap scan of
 * the whole box plus a sort, and a dense city then costs every point in the radius.
 * One row per service can be taken inside the window: a service's nearest location is never
 * farther than any of its locations in the window, so it is in the window too.
 * Returns the page and, in the same statement (one plan, one round trip), how many services
 * matched in the window and whether the window reached past the radius.
 */
export function knnPageQuery(
  point: GeoPoint,
  radiusKm: number,
  where: Condition,
  window: { limit: number; offset: number },
  k: number,
) {
  const here = earthPoint(point);
  return sql<{ fetched: number; farthest_m: number | null; total: number } & Partial<Row>>`
    with near as materialized (
      select l.id, earth_distance(${publicPoint('l')}, ${here}) as distance_m
      from location l order by ${publicPoint('l')} <-> ${here} limit ${k}),
    matches as (
      select distinct on (s.id) s.id as service_id, l.id as location_id, l.distance_m, s.name
      from near l
      join service_at_location sal on sal.location_id = l.id
      join service s on s.id = sal.service_id
      join organization o on o.id = s.organization_id
      where l.distance_m <= ${radiusKm * 1000}::float8 and ${where}
      order by s.id, l.distance_m, l.id)
    select m.fetched, m.farthest_m, m.total, r.service_id, r.location_id, r.distance_m
    from (select (select count(*)::int from near) as fetched, (select max(distance_m) from near) as farthest_m,
                 (select count(*)::int from matches) as total) m
    left join lateral (
      select x.service_id, x.location_id, x.distance_m from matches x
      order by x.distance_m, x.name, x.service_id
      limit ${window.limit} offset ${window.offset}) r on true`;
}

const MAX_K = 50_000;

export interface Count {
  total: number;
  /** True when counting stopped at the cap: there are at least `total` matches. */
  capped: boolean;
}

/**
 * In-person services with a public point inside the radius, one row per service at its nearest
 * location, ordered by distance then name, and their number — exact up to `cap`, a lower bound
 * beyond (a dense city holds tens of thousands; counting them all costs more than the page).
 * Grows k until the answer is provably right: the window ran past the radius (or the table ran
 * out), or the page's last row is strictly nearer than the window's farthest point (nothing
 * outside can come before it) and at least `cap` services matched.
 */
export async function nearbyPage(
  db: Kysely<Database>,
  point: GeoPoint,
  radiusKm: number,
  where: Condition,
  window: { limit: number; offset: number },
  cap: number,
): Promise<{ candidates: Candidate[]; count: Count }> {
  const radiusM = radiusKm * 1000;
  for (let k = Math.max(64, (window.offset + window.limit) * 3, cap * 2); k <= MAX_K; k *= 4) {
    const result = await knnPageQuery(point, radiusKm, where, window, k).execute(db);
    const meta = result.rows[0];
    const rows = result.rows.filter((row): row is typeof row & Row => row.service_id != null);
    const candidates = rows.map(toCandidate);
    if (!meta || meta.fetched < k || (meta.farthest_m ?? Infinity) > radiusM) {
      return { candidates, count: { total: meta?.total ?? 0, capped: false } };
    }
    const last = rows[rows.length - 1];
    const pageComplete =
      rows.length === window.limit && last !== undefined && last.distance_m < (meta.farthest_m ?? 0);
    if (pageComplete && meta.total >= cap) return { candidates, count: { total: meta.total, capped: true } };
  }
  // Very selective filters in a dense area: fall back to the whole radius.
  const all = await allWithinRadius(db, point, radiusKm, where, { limit: null, offset: 0 });
  return {
    candidates: all.slice(window.offset, window.offset + window.limit).map(toCandidate),
    count: { total: all.length, capped: false },
  };
}

/** Every in-person match inside the radius, in order (open now needs them all). */
export async function nearbyCandidates(
  db: Kysely<Database>,
  point: GeoPoint,
  radiusKm: number,
  where: Condition,
): Promise<Candidate[]> {
  return (await allWithinRadius(db, point, radiusKm, where, { limit: null, offset: 0 })).map(toCandidate);
}

/** Without a point: every matching service, by keyword rank (when given) then name. */
export async function listedCandidates(
  db: Kysely<Database>,
  where: Condition,
  tsquery: RawBuilder<unknown> | null,
  window: Window,
): Promise<Candidate[]> {
  const rank = tsquery ? sql`ts_rank(s.search_vector, ${tsquery}) desc,` : sql``;
  const result = await sql<{ service_id: string }>`
    select s.id as service_id
    from service s join organization o on o.id = s.organization_id
    where ${where}
    order by ${rank} s.name, s.id
    ${windowSql(window)}`.execute(db);
  return result.rows.map((row) => ({
    serviceId: row.service_id,
    locationId: null,
    distanceKm: null,
    remote: false,
  }));
}

export async function listedCount(db: Kysely<Database>, where: Condition): Promise<number> {
  const result = await sql<{ total: number }>`
    select count(*)::int as total from service s join organization o on o.id = s.organization_id
    where ${where}`.execute(db);
  return result.rows[0]?.total ?? 0;
}
