/**
 * Remote services in a nearby search: phone or virtual services with no public location inside
 * the radius, whose service area covers the point (nationwide, the point's state, or a circle
 * that contains it). They are listed after every in-person result, by name (docs/search.md).
 * Each coverage kind has its own partial index (migration 2026_11_22_0004), so the union below
 * touches only the service areas that can match.
 */
import { type Kysely, sql } from 'kysely';
import { prepared } from '../../db/prepared';
import type { Database } from '../../db/types';
import type { Condition } from './filters.server';
import { type Candidate, earthPoint, type Window, windowSql, withinRadius } from './nearby.server';
import type { GeoPoint } from './types';

function remoteWhere(point: GeoPoint, radiusKm: number, pointState: string | undefined, where: Condition) {
  const here = earthPoint(point);
  const byState = pointState
    ? sql`union all select sa.service_id from service_area sa
          where sa.coverage = 'states' and sa.coverage_states @> array[${pointState}]::text[]`
    : sql``;
  return sql<boolean>`${where}
    and s.delivery && array['phone', 'virtual']::text[]
    and s.id in (
      select sa.service_id from service_area sa where sa.coverage = 'nationwide'
      ${byState}
      union all
      select sa.service_id from service_area sa
      where sa.coverage = 'radius'
        and earth_box(ll_to_earth(sa.coverage_latitude, sa.coverage_longitude), sa.coverage_radius_km * 1000) @> ${here}
        and earth_distance(ll_to_earth(sa.coverage_latitude, sa.coverage_longitude), ${here}::earth) <= sa.coverage_radius_km * 1000)
    and not exists (
      -- already listed in person (any public location in range)
      select 1 from search_point sp where sp.service_id = s.id and ${withinRadius(point, radiusKm)})`;
}

/**
 * The remote matches' page and their number, in one statement (`count(*) over ()` is taken
 * before the limit). With no room on the page (limit 0), or past the end of the list, there is
 * no row to carry the count: then it is only counted.
 */
export async function remoteMatches(
  db: Kysely<Database>,
  point: GeoPoint,
  radiusKm: number,
  pointState: string | undefined,
  where: Condition,
  window: Window,
): Promise<{ candidates: Candidate[]; total: number }> {
  const matching = remoteWhere(point, radiusKm, pointState, where);
  const count = async () => {
    const result = await prepared(sql<{ total: number }>`
      select count(*)::int as total
      from service s join organization o on o.id = s.organization_id
      where ${matching}`).execute(db);
    return result.rows[0]?.total ?? 0;
  };
  if (window.limit === 0) return { candidates: [], total: await count() };
  const result = await prepared(sql<{ service_id: string; total: number }>`
    select s.id as service_id, count(*) over ()::int as total
    from service s join organization o on o.id = s.organization_id
    where ${matching}
    order by s.name, s.id
    ${windowSql(window)}`).execute(db);
  const candidates = result.rows.map((row) => ({
    serviceId: row.service_id,
    locationId: null,
    distanceKm: null,
    remote: true,
  }));
  if (result.rows[0]) return { candidates, total: result.rows[0].total };
  return { candidates, total: window.offset === 0 ? 0 : await count() };
}
