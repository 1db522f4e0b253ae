/**
 * What the browser tests need to know about the demo data, read from the database rather than
 * hard-coded, so the tests keep working as the demo package grows: a ZIP with services around
 * it, a public service with a phone, a confidential shelter and its exact (secret) coordinates.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';

/** The public listings: verified organization, active service (DESIGN.md §4). */
function publicServices(db: Kysely<Database>) {
  return db
    .selectFrom('service')
    .innerJoin('organization', 'organization.id', 'service.organization_id')
    .where('organization.verification_status', '=', 'verified')
    .where('service.status', '=', 'active');
}

/** The 5-digit ZIP with the most public, non-confidential in-person locations. */
export async function zipWithServices(db: Kysely<Database>): Promise<string> {
  const row = await publicServices(db)
    .innerJoin('service_at_location', 'service_at_location.service_id', 'service.id')
    .innerJoin('location', 'location.id', 'service_at_location.location_id')
    .innerJoin('address', 'address.location_id', 'location.id')
    .where('location.is_confidential', '=', false)
    .where(sql<boolean>`address.postal_code ~ '^[0-9]{5}'`)
    .select([sql<string>`left(address.postal_code, 5)`.as('zip'), sql<number>`count(*)`.as('n')])
    .groupBy(sql`left(address.postal_code, 5)`)
    .orderBy('n', 'desc')
    .orderBy('zip')
    .executeTakeFirstOrThrow();
  return row.zip;
}

/** A public service with a street address and a phone number. */
export async function serviceWithPhone(db: Kysely<Database>) {
  return publicServices(db)
    .innerJoin('service_at_location', 'service_at_location.service_id', 'service.id')
    .innerJoin('location', 'location.id', 'service_at_location.location_id')
    .innerJoin('address', 'address.location_id', 'location.id')
    .innerJoin('phone', (join) =>
      join.on((eb) =>
        eb.or([
          eb('phone.service_id', '=', eb.ref('service.id')),
          eb('phone.location_id', '=', eb.ref('location.id')),
        ]),
      ),
    )
    .where('location.is_confidential', '=', false)
    .select(['service.id', 'service.name', 'phone.number', 'address.address_1'])
    .orderBy('service.name')
    .executeTakeFirstOrThrow();
}

export async function someServicePath(db: Kysely<Database>): Promise<string> {
  return `/services/${(await serviceWithPhone(db)).id}`;
}

/** A public service with a mapped, non-confidential location, and its organization (pages with a map). */
export async function mappedService(db: Kysely<Database>) {
  return publicServices(db)
    .innerJoin('service_at_location', 'service_at_location.service_id', 'service.id')
    .innerJoin('location', 'location.id', 'service_at_location.location_id')
    .where('location.is_confidential', '=', false)
    .where('location.latitude', 'is not', null)
    .select(['service.id', 'service.name', 'service.organization_id'])
    .orderBy('service.name')
    .executeTakeFirstOrThrow();
}

/** A public service at a confidential location, with the exact point and address it must never show. */
export async function confidentialService(db: Kysely<Database>) {
  const row = await publicServices(db)
    .innerJoin('service_at_location', 'service_at_location.service_id', 'service.id')
    .innerJoin('location', 'location.id', 'service_at_location.location_id')
    .leftJoin('address', 'address.location_id', 'location.id')
    .where('location.is_confidential', '=', true)
    .where('location.latitude', 'is not', null)
    .select([
      'service.id',
      'service.name',
      'location.latitude',
      'location.longitude',
      'location.public_latitude',
      'location.public_longitude',
      'location.public_area_label',
      'address.address_1',
      'address.postal_code',
    ])
    .orderBy('service.name')
    .executeTakeFirstOrThrow();
  return {
    ...row,
    latitude: row.latitude as number,
    longitude: row.longitude as number,
  };
}

/** Category slugs (haven taxonomy, top level) that at least `min` public services carry. */
export async function commonCategories(db: Kysely<Database>, min = 2): Promise<string[]> {
  const rows = await publicServices(db)
    .innerJoin('attribute', (join) =>
      join.onRef('attribute.link_id', '=', 'service.id').on('attribute.link_entity', '=', 'service'),
    )
    .innerJoin('taxonomy_term as term', 'term.id', 'attribute.taxonomy_term_id')
    .leftJoin('taxonomy_term as parent', 'parent.id', 'term.parent_id')
    .where('term.taxonomy', '=', 'haven')
    .select([
      sql<string>`coalesce(parent.code, term.code)`.as('slug'),
      sql<number>`count(distinct service.id)`.as('n'),
    ])
    .groupBy(sql`coalesce(parent.code, term.code)`)
    .having(sql<number>`count(distinct service.id)`, '>=', min)
    .orderBy('n', 'desc')
    .execute();
  return rows.map((row) => row.slug);
}

export function searchPath(params: Record<string, string | number | string[]>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, String(item));
  }
  return `/search?${query.toString()}`;
}

/** Every way a coordinate might be written into a page: 6, 5 and 4 decimals, and as-is. */
export function coordinateSpellings(value: number): string[] {
  return [String(value), value.toFixed(6), value.toFixed(5), value.toFixed(4)];
}
