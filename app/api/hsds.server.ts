/**
 * HSDS 3.0 objects for the public API, loaded in bulk for a page of ids (a fixed number of
 * queries per page). Public rows only: active services of verified organizations.
 * Locations, and the rows tied to them, go through the one public projection (app/locations/
 * public-location.server.ts): a confidential one is its public point and area label. Haven's extension
 * fields keep the names used by the HSDS export: delivery, last_verified_at, is_confidential,
 * public_area_label, coverage*; plus distance_km on search results.
 */
import { type Kysely, sql } from 'kysely';
import { uuidArray } from '../../db/values';
import type { Database } from '../../db/types';
import { loadPublicPlaces, publicTiedRow, tiedToConfidentialSql } from '../locations/public-location.server';
import { PHONE_ORDER_SQL } from '../search/service-facts.server';
import { publicServiceSql } from '../search/visibility';

/** `column = any(ids)` in the query builder: one array parameter however many ids. */
const anyId = (ids: string[]) => sql<string>`any(${uuidArray(ids)})`;
type Row = Record<string, unknown>;

function groupBy(rows: Row[], key: string): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const row of rows) {
    const k = row[key] as string | null;
    if (k) map.set(k, [...(map.get(k) ?? []), row]);
  }
  return map;
}

const omit = (row: Row, ...keys: string[]) =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null));

/**
 * An HSDS object without its absent fields: HSDS types are not nullable, so a field Haven has
 * no value for is left out (recursively; empty strings count as absent too), never sent as null.
 */
export function withoutAbsent<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => withoutAbsent(item as unknown)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => [k, withoutAbsent(v as unknown)]),
  ) as T;
}

/** The HSDS organization fields (Haven's own columns — verification, sample flag — stay out). */
export const ORGANIZATION_COLUMNS = [
  'o.id',
  'o.name',
  'o.alternate_name',
  'o.description',
  'o.email',
  'o.website',
  'o.tax_status',
  'o.year_incorporated',
  'o.legal_status',
  'o.logo',
  'o.uri',
  'o.parent_organization_id',
] as const;

function organizationsById(db: Kysely<Database>, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organization as o').select(ORGANIZATION_COLUMNS).where('o.id', 'in', ids).execute();
}

/**
 * A phone as HSDS has it: `extension` is a number there, so an extension is sent as its digits
 * ("x 204" → 204), and left out when it has none.
 */
export function hsdsPhone<T extends { extension?: unknown }>(phone: T): T {
  const digits = typeof phone.extension === 'string' ? phone.extension.replace(/\D/g, '') : '';
  return { ...phone, extension: digits ? Number(digits) : null };
}

/**
 * An HSDS object's one-to-one fields (HSDS list endpoints without `full`): nested objects and
 * arrays left out; Haven's scalar extension fields stay.
 */
export function oneToOne(item: Row): Row {
  return Object.fromEntries(
    Object.entries(item).filter(
      ([key, value]) => key === 'delivery' || value === null || typeof value !== 'object',
    ),
  );
}

/** Public locations (HSDS shape) by id: the public projection (app/locations), nothing more. */
export async function hsdsLocations(db: Kysely<Database>, ids: string[]): Promise<Map<string, Row>> {
  const places = await loadPublicPlaces(db, ids);
  return new Map(
    [...places].map(([id, place]) => [
      id,
      {
        id: place.id,
        location_type: place.locationType,
        url: place.url,
        organization_id: place.organizationId,
        name: place.name,
        alternate_name: place.alternateName,
        description: place.description,
        transportation: place.transportation,
        latitude: place.latitude,
        longitude: place.longitude,
        external_identifier: place.externalIdentifier,
        external_identifier_type: place.externalIdentifierType,
        is_confidential: place.isConfidential,
        public_area_label: place.areaLabel,
        addresses: place.addresses,
        phones: place.phones.map(hsdsPhone),
        accessibility: place.accessibility,
      },
    ]),
  );
}

/** Rows of a table that may hang off a confidential place, through the public projection. */
const projectTied = (table: string, rows: Row[]) =>
  rows.flatMap((row) => {
    const projected = publicTiedRow(table, omit(row, 'tied'), row.tied === true);
    return projected ? [projected] : [];
  });

/** An HSDS taxonomy_term object, with its taxonomy nested as taxonomy_detail. */
export function hsdsTaxonomyTerm(r: Row, id: unknown = r.id): Row {
  return {
    id,
    code: r.code,
    name: r.name,
    // HSDS requires a description; a term without one is described by its name (docs/api.md).
    description: r.description || r.name,
    parent_id: r.parent_id,
    taxonomy: r.taxonomy,
    language: r.language,
    term_uri: r.term_uri,
    taxonomy_detail: r.taxonomy_id
      ? {
          id: r.taxonomy_id,
          name: r.taxonomy_name,
          description: r.taxonomy_description || r.taxonomy_name,
          uri: r.taxonomy_uri,
          version: r.taxonomy_version,
        }
      : null,
  };
}

/** Attributes with their taxonomy term and taxonomy (HSDS nests both). */
async function hsdsAttributes(db: Kysely<Database>, ids: string[]): Promise<Map<string, Row[]>> {
  const result = await sql<Row>`
    select a.id, a.link_id, a.link_type, a.link_entity, a.value, a.label,
           t.id as term_id, t.code, t.name, t.description, t.parent_id, t.taxonomy, t.language, t.term_uri,
           x.id as taxonomy_id, x.name as taxonomy_name, x.description as taxonomy_description, x.uri as taxonomy_uri,
           x.version as taxonomy_version
    from attribute a join taxonomy_term t on t.id = a.taxonomy_term_id left join taxonomy x on x.id = t.taxonomy_id
    where a.link_entity = 'service' and a.link_id = any(${uuidArray(ids)})
    order by t.taxonomy, t.code`.execute(db);
  const mapped = result.rows.map((r) => ({
    service_id: r.link_id,
    id: r.id,
    link_id: r.link_id,
    link_type: r.link_type,
    link_entity: r.link_entity,
    value: r.value,
    label: r.label,
    taxonomy_term: hsdsTaxonomyTerm(r, r.term_id),
  }));
  return groupBy(mapped, 'service_id');
}

/**
 * Full HSDS service objects for the given ids, in that order; ids that are not public are
 * skipped. `distances` adds distance_km (search results with a point).
 */
export async function hsdsServices(
  db: Kysely<Database>,
  ids: string[],
  distances?: Map<string, number | null>,
): Promise<Row[]> {
  if (ids.length === 0) return [];
  const [services, links, phones, schedules, languages, areas, costs, attributes, contacts, documents] =
    await Promise.all([
      sql<Row>`select s.id, s.organization_id, s.program_id, s.name, s.alternate_name, s.description, s.url, s.email,
               s.status, s.interpretation_services, s.application_process, s.fees_description, s.wait_time, s.fees,
               s.accreditations, s.eligibility_description, s.minimum_age, s.maximum_age, s.assured_date,
               s.assurer_email, s.licenses, s.alert, greatest(s.last_modified, s.updated_at) as last_modified,
               s.delivery, s.last_verified_at
             from service s join organization o on o.id = s.organization_id
             where s.id = any(${uuidArray(ids)}) and ${publicServiceSql}`.execute(db),
      sql<Row>`select sal.id, sal.service_id, sal.location_id, sal.description,
               ${tiedToConfidentialSql('sal.location_id', null)} as tied
             from service_at_location sal
             where sal.service_id = any(${uuidArray(ids)}) order by sal.id`.execute(db),
      db
        .selectFrom('phone as p')
        .select(['p.id', 'p.service_id', 'p.number', 'p.extension', 'p.type', 'p.description'])
        .where('p.service_id', '=', anyId(ids))
        .where(sql<boolean>`not ${tiedToConfidentialSql('p.location_id', 'p.service_at_location_id')}`)
        .orderBy(PHONE_ORDER_SQL)
        .execute(),
      sql<Row>`select sc.id, coalesce(sc.service_id, sal.service_id) as owner_id, sc.service_at_location_id,
               sc.valid_from, sc.valid_to, sc.dtstart, sc.timezone, sc.until, sc.count, sc.wkst, sc.freq, sc.interval,
               sc.byday, sc.byweekno, sc.bymonthday, sc.byyearday, sc.description, sc.opens_at::text as opens_at,
               sc.closes_at::text as closes_at, sc.schedule_link, sc.attending_type, sc.notes, sc.timezone_name,
               ${tiedToConfidentialSql('sc.location_id', 'sc.service_at_location_id')} as tied
             from schedule sc left join service_at_location sal on sal.id = sc.service_at_location_id
             where sc.id in (select x.id from schedule x where x.service_id = any(${uuidArray(ids)})
                             union all
                             select x.id from schedule x join service_at_location y on y.id = x.service_at_location_id
                             where y.service_id = any(${uuidArray(ids)}))
             order by sc.id`.execute(db),
      db
        .selectFrom('language as lg')
        .select(['lg.id', 'lg.service_id', 'lg.name', 'lg.code', 'lg.note'])
        .where('lg.service_id', '=', anyId(ids))
        .orderBy('lg.code')
        .orderBy('lg.id')
        .execute(),
      db
        .selectFrom('service_area as sa')
        .select([
          'sa.id',
          'sa.service_id',
          'sa.name',
          'sa.description',
          'sa.extent',
          'sa.extent_type',
          'sa.uri',
          'sa.coverage',
          'sa.coverage_radius_km',
          'sa.coverage_latitude',
          'sa.coverage_longitude',
          'sa.coverage_states',
        ])
        .where('sa.service_id', '=', anyId(ids))
        .orderBy('sa.id')
        .execute(),
      db
        .selectFrom('cost_option as co')
        .select((eb) => [
          'co.id',
          'co.service_id',
          'co.valid_from',
          'co.valid_to',
          'co.option',
          'co.currency',
          // numeric arrives as text from pg: the API serves a number
          eb.cast<number | null>('co.amount', 'float8').as('amount'),
          'co.amount_description',
        ])
        .where('co.service_id', '=', anyId(ids))
        .orderBy('co.id')
        .execute(),
      hsdsAttributes(db, ids),
      // A contact of a confidential place is that place's: it stays out (the public projection).
      db
        .selectFrom('contact as c')
        .select(['c.id', 'c.service_id', 'c.name', 'c.title', 'c.department', 'c.email'])
        .where('c.service_id', '=', anyId(ids))
        .where(sql<boolean>`not ${tiedToConfidentialSql('c.location_id', 'c.service_at_location_id')}`)
        .orderBy('c.id')
        .execute(),
      db
        .selectFrom('required_document as rd')
        .select(['rd.id', 'rd.service_id', 'rd.document', 'rd.uri'])
        .where('rd.service_id', '=', anyId(ids))
        .orderBy('rd.id')
        .execute(),
    ]);
  const [locations, organizations] = await Promise.all([
    hsdsLocations(db, [...new Set(links.rows.map((l) => l.location_id as string))]),
    organizationsById(db, [...new Set(services.rows.map((r) => r.organization_id as string))]),
  ]);
  const organizationById = new Map(organizations.map((row) => [row.id, row as Row]));
  const by = {
    links: groupBy(projectTied('service_at_location', links.rows), 'service_id'),
    phones: groupBy(phones, 'service_id'),
    schedules: groupBy(projectTied('schedule', schedules.rows), 'owner_id'),
    languages: groupBy(languages, 'service_id'),
    areas: groupBy(areas, 'service_id'),
    costs: groupBy(costs, 'service_id'),
    contacts: groupBy(contacts, 'service_id'),
    documents: groupBy(documents, 'service_id'),
  };
  const byId = new Map(services.rows.map((row) => [row.id as string, row]));
  return ids.flatMap((id) => {
    const s = byId.get(id);
    if (!s) return [];
    const item: Row = {
      id: s.id,
      organization_id: s.organization_id,
      program_id: s.program_id,
      name: s.name,
      alternate_name: s.alternate_name,
      description: s.description,
      url: s.url,
      email: s.email,
      status: s.status,
      interpretation_services: s.interpretation_services,
      application_process: s.application_process,
      fees_description: s.fees_description,
      wait_time: s.wait_time,
      fees: s.fees,
      accreditations: s.accreditations,
      eligibility_description: s.eligibility_description,
      minimum_age: s.minimum_age,
      maximum_age: s.maximum_age,
      assured_date: s.assured_date,
      assurer_email: s.assurer_email,
      licenses: s.licenses,
      alert: s.alert,
      last_modified: iso(s.last_modified),
      organization: organizationById.get(s.organization_id as string) ?? null,
      phones: (by.phones.get(id) ?? []).map((p) => hsdsPhone(omit(p, 'service_id'))),
      schedules: (by.schedules.get(id) ?? []).map((r) => omit(r, 'owner_id')),
      service_areas: (by.areas.get(id) ?? []).map((r) => omit(r, 'service_id')),
      service_at_locations: (by.links.get(id) ?? []).flatMap((link) => {
        const location = locations.get(link.location_id as string);
        return location
          ? [
              {
                id: link.id,
                service_id: link.service_id,
                location_id: link.location_id,
                description: link.description,
                location,
              },
            ]
          : [];
      }),
      languages: (by.languages.get(id) ?? []).map((r) => omit(r, 'service_id')),
      cost_options: (by.costs.get(id) ?? []).map((r) => omit(r, 'service_id')),
      attributes: (attributes.get(id) ?? []).map((r) => omit(r, 'service_id')),
      contacts: (by.contacts.get(id) ?? []).map((r) => omit(r, 'service_id')),
      required_documents: (by.documents.get(id) ?? []).map((r) => omit(r, 'service_id')),
      delivery: s.delivery,
      last_verified_at: iso(s.last_verified_at),
    };
    const service = withoutAbsent(item);
    // Haven extension: present whenever a point is given, null for a remote match (no distance).
    if (distances) service.distance_km = distances.get(id) ?? null;
    return [service];
  });
}
