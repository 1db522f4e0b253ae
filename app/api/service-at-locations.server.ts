/**
 * `/api/v1/service_at_locations`: the public (service, location) links, filtered with the
 * search registry's conditions (the same filters as `/services`; a point — `postcode`, `near`
 * or `lat`/`lng` — keeps the links whose location's public point is inside the radius, nearest
 * first). Confidential places appear in their public form only (app/locations).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';
import { uuidArray } from '../../db/values';
import { publicTiedRow, tiedToConfidentialSql } from '../locations/public-location.server';
import { allOf, filterConditions, keywordQuery, visible } from '../search/filters.server';
import { earthPoint, withinRadius } from '../search/nearby.server';
import { resolveQuery } from '../search/resolve.server';
import { parseApiQuery } from '../search/schema';
import type { SearchParams } from '../search/types';
import type { Listed, Paging } from './directory.server';
import { hsdsLocations, hsdsServices, oneToOne, withoutAbsent } from './hsds.server';

type Row = Record<string, unknown>;
type QueryError = { ok: false; error: string; parameter: string };

export type SalQuery = {
  ok: true;
  params: SearchParams;
  format: 'json' | 'ndjson';
  full: boolean;
};

/** The query of `/service_at_locations`: `/services`'s parameters but `open_now`. */
export function parseSalQuery(search: URLSearchParams): SalQuery | QueryError {
  const parsed = parseApiQuery(search);
  if (!parsed.ok) return parsed;
  if (parsed.value.params.openNow !== undefined)
    return {
      ok: false,
      error: 'open_now: is not supported on this path (use /services)',
      parameter: 'open_now',
    };
  const resolved = resolveQuery(parsed.value);
  if (!resolved.ok) {
    const parameter = search.has('postcode') ? 'postcode' : 'near';
    return { ok: false, error: `${parameter}: place not found`, parameter };
  }
  return { ok: true, params: resolved.params, format: parsed.value.format, full: parsed.value.full };
}

/** The matching links' ids, in order, and their exact number. */
async function matchingLinks(db: Kysely<Database>, params: SearchParams, paging: Paging | { id: string }) {
  const tsquery = await keywordQuery(db, params.keyword);
  const where = allOf([visible, ...filterConditions(params, tsquery)]);
  const { point } = params;
  const near = point
    ? sql`join search_point sp on sp.service_id = sal.service_id and sp.location_id = sal.location_id
            and ${withinRadius(point, params.radiusKm)}`
    : sql``;
  const from = sql`from service_at_location sal
    join service s on s.id = sal.service_id
    join organization o on o.id = s.organization_id
    ${near}
    where ${where} ${'id' in paging ? sql`and sal.id = ${paging.id}` : sql``}`;
  const order = point
    ? sql`order by sec_to_gc(sp.earth <-> ${earthPoint(point)}), s.name, sal.id`
    : sql`order by s.name, sal.id`;
  const window =
    'id' in paging ? sql`` : sql`limit ${paging.perPage} offset ${(paging.page - 1) * paging.perPage}`;
  const [rows, count] = await Promise.all([
    sql<{ id: string }>`select sal.id ${from} ${order} ${window}`.execute(db),
    'id' in paging ? null : sql<{ total: number }>`select count(*)::int as total ${from}`.execute(db),
  ]);
  return { ids: rows.rows.map((r) => r.id), total: count?.rows[0]?.total ?? rows.rows.length };
}

/** HSDS service_at_location objects for `ids`, in that order; `full` nests the full service. */
async function hsdsServiceAtLocations(db: Kysely<Database>, ids: string[], full: boolean): Promise<Row[]> {
  if (ids.length === 0) return [];
  const links = await sql<Row>`
    select sal.id, sal.service_id, sal.location_id, sal.description,
           ${tiedToConfidentialSql('sal.location_id', null)} as tied
    from service_at_location sal where sal.id = any(${uuidArray(ids)})`.execute(db);
  const [locations, services] = await Promise.all([
    full
      ? hsdsLocations(db, [...new Set(links.rows.map((l) => l.location_id as string))])
      : new Map<string, Row>(),
    full ? hsdsServices(db, [...new Set(links.rows.map((l) => l.service_id as string))]) : [],
  ]);
  const byId = new Map(links.rows.map((row) => [row.id as string, row]));
  const serviceById = new Map(services.map((s) => [s.id as string, s]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { tied, ...link } = row;
    const item: Row = publicTiedRow('service_at_location', link, tied === true) ?? { id };
    if (!full) return [withoutAbsent(oneToOne(item))];
    const service = serviceById.get(row.service_id as string);
    return [
      withoutAbsent({
        ...item,
        location: locations.get(row.location_id as string),
        // Haven extension: the service's one-to-one fields (HSDS's /service_at_locations/{id} answers with the service).
        service: service && oneToOne(service),
      }),
    ];
  });
}

export async function listServiceAtLocations(
  db: Kysely<Database>,
  query: SalQuery,
  paging: Paging,
): Promise<Listed> {
  const { ids, total } = await matchingLinks(db, query.params, paging);
  return { contents: await hsdsServiceAtLocations(db, ids, query.full), total };
}

export async function getServiceAtLocation(db: Kysely<Database>, id: string): Promise<Row | null> {
  const params: SearchParams = { radiusKm: 0, page: 1, pageSize: 1 };
  const { ids } = await matchingLinks(db, params, { id });
  const [item] = await hsdsServiceAtLocations(db, ids, true);
  return item ?? null;
}
