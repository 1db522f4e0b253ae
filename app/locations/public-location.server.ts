/**
 * The ONLY place a location becomes its public form (DESIGN.md §4, §6). Every public surface —
 * the service, organization and search pages, the API (JSON and NDJSON), the map and the
 * public HSDS export — reads locations through this module, so the rule exists once.
 *
 * A confidential location is public by allow-list: its public point, its public area label
 * ("Houston, TX 77006"), the services offered there, and nothing else. Its name, other names,
 * description, transportation notes, URL, external identifiers, addresses, accessibility
 * rows, phones, contacts and languages are not read into public responses at all, and the free
 * text of rows tied to it (the service-at-location note, schedule descriptions and notes) is
 * blanked. Its street lines are read only by staff and `db:export --include-confidential`.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';
import type { ResultLocation } from '../search/types';

type Row = Record<string, unknown>;

export interface PublicAddressRow {
  id: string;
  attention: string | null;
  address_1: string;
  address_2: string | null;
  city: string;
  region: string | null;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical' | 'postal' | 'virtual';
}

export interface PublicPlacePhone {
  id: string;
  number: string;
  extension: string | null;
  type: string | null;
  description: string | null;
}

/** A location as the public may see it. For a confidential one, only the first block is set. */
export interface PublicPlace {
  id: string;
  organizationId: string | null;
  locationType: 'physical' | 'postal' | 'virtual';
  isConfidential: boolean;
  /** The public point: the exact point of an ordinary location, an area point for a confidential one. */
  latitude: number | null;
  longitude: number | null;
  areaLabel: string | null;
  // — ordinary locations only (null / empty for a confidential one) —
  name: string | null;
  alternateName: string | null;
  description: string | null;
  transportation: string | null;
  url: string | null;
  externalIdentifier: string | null;
  externalIdentifierType: string | null;
  addresses: PublicAddressRow[];
  accessibility: Array<{
    id: string;
    description: string | null;
    details: string | null;
    url: string | null;
  }>;
  phones: PublicPlacePhone[];
}

/** A location's own text, read only for an ordinary location. */
const PLACE_TEXT = [
  'name',
  'alternate_name',
  'description',
  'transportation',
  'url',
  'external_identifier',
  'external_identifier_type',
] as const;

/** Public places by id (ids that do not exist are absent). A fixed number of queries. */
export async function loadPublicPlaces(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, PublicPlace>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  // Every query below joins `not l.is_confidential` before reading anything but the allow-list:
  // a confidential location's own text never leaves the database on a public path.
  const [locations, addresses, accessibility, phones] = await Promise.all([
    db
      .selectFrom('location as l')
      .where('l.id', 'in', unique)
      .select((eb) => [
        'l.id',
        'l.organization_id',
        'l.location_type',
        'l.is_confidential',
        'l.public_latitude',
        'l.public_longitude',
        'l.public_area_label',
        ...PLACE_TEXT.map((column) =>
          eb
            .case()
            .when('l.is_confidential', '=', false)
            .then(eb.ref(`l.${column}`))
            .else(null)
            .end()
            .as(column),
        ),
      ])
      .execute(),
    db
      .selectFrom('address as a')
      .innerJoin('location as l', (join) =>
        join.onRef('l.id', '=', 'a.location_id').on('l.is_confidential', '=', false),
      )
      .where('a.location_id', 'in', unique)
      .select([
        'a.id',
        'a.location_id',
        'a.attention',
        'a.address_1',
        'a.address_2',
        'a.city',
        'a.region',
        'a.state_province',
        'a.postal_code',
        'a.country',
        'a.address_type',
      ])
      .orderBy(sql`(a.address_type = 'physical')`, 'desc')
      .orderBy('a.id')
      .execute(),
    db
      .selectFrom('accessibility as x')
      .innerJoin('location as l', (join) =>
        join.onRef('l.id', '=', 'x.location_id').on('l.is_confidential', '=', false),
      )
      .where('x.location_id', 'in', unique)
      .select(['x.id', 'x.location_id', 'x.description', 'x.details', 'x.url'])
      .orderBy('x.id')
      .execute(),
    db
      .selectFrom('phone as p')
      .innerJoin('location as l', (join) =>
        join.onRef('l.id', '=', 'p.location_id').on('l.is_confidential', '=', false),
      )
      .where('p.location_id', 'in', unique)
      .select(['p.id', 'p.location_id', 'p.number', 'p.extension', 'p.type', 'p.description'])
      .orderBy('p.id')
      .execute(),
  ]);
  const byLocation = <T extends { location_id: string | null }>(rows: T[]) => {
    const map = new Map<string, Array<Omit<T, 'location_id'>>>();
    for (const { location_id, ...rest } of rows)
      if (location_id) map.set(location_id, [...(map.get(location_id) ?? []), rest]);
    return map;
  };
  const addressesOf = byLocation(addresses);
  const accessibilityOf = byLocation(accessibility);
  const phonesOf = byLocation(phones);
  return new Map(
    locations.map((row) => {
      const open = !row.is_confidential;
      const place: PublicPlace = {
        id: row.id,
        organizationId: row.organization_id,
        locationType: row.location_type,
        isConfidential: row.is_confidential,
        latitude: row.public_latitude,
        longitude: row.public_longitude,
        areaLabel: row.public_area_label,
        name: open ? row.name : null,
        alternateName: open ? row.alternate_name : null,
        description: open ? row.description : null,
        transportation: open ? row.transportation : null,
        url: open ? row.url : null,
        externalIdentifier: open ? row.external_identifier : null,
        externalIdentifierType: open ? row.external_identifier_type : null,
        addresses: open ? (addressesOf.get(row.id) ?? []) : [],
        accessibility: open ? (accessibilityOf.get(row.id) ?? []) : [],
        phones: open ? (phonesOf.get(row.id) ?? []) : [],
      };
      return [row.id, place];
    }),
  );
}

/*
 * The same allow-list for whole tables (the public HSDS export), and for the rows of other
 * tables that hang off a location.
 */

/** The location columns a confidential location keeps in public; every other column is blanked. */
const LOCATION_KEEPS = [
  'id',
  'location_type',
  'organization_id',
  'is_confidential',
  'public_latitude',
  'public_longitude',
  'public_area_label',
];

/** Columns of rows tied to a confidential place that are kept; tables not listed lose the row. */
const TIED_KEEPS: Record<string, string[]> = {
  service_at_location: ['id', 'service_id', 'location_id'],
  schedule: [
    'id',
    'service_id',
    'location_id',
    'service_at_location_id',
    'valid_from',
    'valid_to',
    'dtstart',
    'timezone',
    'until',
    'count',
    'wkst',
    'freq',
    'interval',
    'byday',
    'byweekno',
    'bymonthday',
    'byyearday',
    'opens_at',
    'closes_at',
    'timezone_name',
  ],
};

const keepOnly = (row: Row, keep: string[]): Row =>
  Object.fromEntries(
    Object.entries(row).map(([column, value]) => [column, keep.includes(column) ? value : null]),
  );

/**
 * A confidential location's row in a public table: the allow-listed columns only. Its
 * latitude/longitude stay blank (the point is in public_latitude/longitude), so re-importing
 * the export never mistakes the public point for an exact one.
 */
export function publicLocationRow(row: Row): Row {
  if (row.is_confidential !== true) return row;
  return { ...keepOnly(row, LOCATION_KEEPS), geocode_source: 'missing' };
}

/**
 * A row of another table in public, given whether it is tied to a confidential place (by
 * location_id, service_at_location_id, or a contact of such a place): null when the whole row
 * must go (addresses, phones, accessibility, contacts, languages, service areas), else the row
 * with only its allow-listed columns.
 */
export function publicTiedRow(table: string, row: Row, tiedToConfidential: boolean): Row | null {
  if (!tiedToConfidential) return row;
  const keep = TIED_KEEPS[table];
  return keep ? keepOnly(row, keep) : null;
}

/** The tables whose rows can hang off a location (directly or through a link or contact). */
const TIE_COLUMNS: Record<string, Array<'location_id' | 'service_at_location_id' | 'contact_id'>> = {
  address: ['location_id'],
  accessibility: ['location_id'],
  contact: ['location_id', 'service_at_location_id'],
  phone: ['location_id', 'service_at_location_id', 'contact_id'],
  language: ['location_id'],
  schedule: ['location_id', 'service_at_location_id'],
  service_area: ['service_at_location_id'],
  service_at_location: ['location_id'],
};

/** Applies the allow-list to every table of an export, in place. Returns the confidential count. */
export function publicTables(tables: Map<string, Row[]>): number {
  const places = new Set<string>();
  const locations = tables.get('location') ?? [];
  tables.set(
    'location',
    locations.map((row) => {
      if (row.is_confidential === true) places.add(String(row.id));
      return publicLocationRow(row);
    }),
  );
  const links = new Set(
    (tables.get('service_at_location') ?? [])
      .filter((row) => places.has(String(row.location_id)))
      .map((row) => String(row.id)),
  );
  const contacts = new Set(
    (tables.get('contact') ?? [])
      .filter((row) => places.has(String(row.location_id)) || links.has(String(row.service_at_location_id)))
      .map((row) => String(row.id)),
  );
  const tied = (row: Row, columns: string[]) =>
    columns.some((column) => {
      const value = row[column];
      if (value == null) return false;
      if (column === 'location_id') return places.has(String(value));
      if (column === 'service_at_location_id') return links.has(String(value));
      return contacts.has(String(value));
    });
  for (const [table, columns] of Object.entries(TIE_COLUMNS)) {
    const rows = tables.get(table);
    if (!rows) continue;
    tables.set(
      table,
      rows.flatMap((row) => {
        const projected = publicTiedRow(table, row, tied(row, columns));
        return projected ? [projected] : [];
      }),
    );
  }
  return places.size;
}

/** SQL: true when a row's location_id / service_at_location_id is a confidential place. */
export const tiedToConfidentialSql = (locationId: string | null, linkId: string | null) => {
  const checks = [];
  if (locationId)
    checks.push(
      sql`exists (select 1 from location tl where tl.id = ${sql.ref(locationId)} and tl.is_confidential)`,
    );
  if (linkId)
    checks.push(sql`exists (select 1 from service_at_location ts join location tl on tl.id = ts.location_id
                            where ts.id = ${sql.ref(linkId)} and tl.is_confidential)`);
  return checks.length ? sql`(${sql.join(checks, sql` or `)})` : sql`false`;
};

/** The location DTO of result cards and listing pages: address only for an ordinary location. */
export function resultLocation(place: PublicPlace): ResultLocation {
  const address = place.addresses.find((a) => a.address_type === 'physical' && a.address_1) ?? null;
  return {
    id: place.id,
    name: place.name,
    isConfidential: place.isConfidential,
    latitude: place.latitude,
    longitude: place.longitude,
    areaLabel: place.areaLabel,
    address: address
      ? {
          address1: address.address_1,
          address2: address.address_2,
          city: address.city,
          stateProvince: address.state_province,
          postalCode: address.postal_code,
        }
      : null,
  };
}
