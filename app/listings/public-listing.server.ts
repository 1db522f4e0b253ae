/**
 * The public service and organization pages' data. Owns the rule of what the public may see:
 * only verified organizations and their active services (anything else reads as "not found"),
 * and for a confidential location only its public point and area label — never its address,
 * exact coordinates or travel directions.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import type { OrganizationDetail, PublicLocation, PublicPhone, ServiceDetail, Term } from './types';
import { publicLocation } from '../search/public-address';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const iso = (value: Date | string | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString() : new Date(value).toISOString();

/** The service, if the public may see it: active, and its organization verified. */
export async function getPublicService(db: Kysely<Database>, id: string): Promise<ServiceDetail | null> {
  if (!UUID.test(id)) return null;
  const service = await db
    .selectFrom('service as s')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .where('s.id', '=', id)
    .where('s.status', '=', 'active')
    .where('o.verification_status', '=', 'verified')
    .select([
      's.id',
      's.name',
      's.alternate_name',
      's.description',
      's.url',
      's.email',
      's.alert',
      's.application_process',
      's.eligibility_description',
      's.minimum_age',
      's.maximum_age',
      's.fees_description',
      's.interpretation_services',
      's.wait_time',
      's.delivery',
      's.last_verified_at',
      'o.id as organization_id',
      'o.name as organization_name',
      'o.website as organization_website',
      'o.email as organization_email',
      'o.is_sample',
    ])
    .executeTakeFirst();
  if (!service) return null;

  const links = await db
    .selectFrom('service_at_location')
    .where('service_id', '=', id)
    .select(['id', 'location_id'])
    .execute();
  const locationIds = links.map((link) => link.location_id);
  const linkIds = links.map((link) => link.id);

  const [terms, languages, servicePhones, costOptions, documents, areas, schedules, locations] =
    await Promise.all([
      termsFor(db, 'service', [id]),
      db
        .selectFrom('language')
        .where('service_id', '=', id)
        .select(['code', 'name', 'note'])
        .orderBy('code')
        .execute(),
      phonesWhere(db, 'service_id', [id]),
      db
        .selectFrom('cost_option')
        .where('service_id', '=', id)
        .select(['option', 'amount', 'currency', 'amount_description'])
        .execute(),
      db
        .selectFrom('required_document')
        .where('service_id', '=', id)
        .select('document')
        .orderBy('document')
        .execute(),
      db
        .selectFrom('service_area')
        .where('service_id', '=', id)
        .select(['name', 'description', 'coverage', 'coverage_states'])
        .execute(),
      db
        .selectFrom('schedule')
        .where((eb) =>
          eb.or([
            eb('service_id', '=', id),
            ...(linkIds.length ? [eb('service_at_location_id', 'in', linkIds)] : []),
            ...(locationIds.length ? [eb('location_id', 'in', locationIds)] : []),
          ]),
        )
        .select([
          'byday',
          'opens_at',
          'closes_at',
          'timezone_name',
          'freq',
          'valid_from',
          'valid_to',
          'description',
          'notes',
          'service_id',
          'service_at_location_id',
        ])
        .execute(),
      publicLocations(db, locationIds),
    ]);

  // Service hours win over location hours when both are given.
  const ownSchedules = schedules.filter(
    (row) => row.service_id !== null || row.service_at_location_id !== null,
  );
  const chosenSchedules = ownSchedules.length > 0 ? ownSchedules : schedules;
  let phones = servicePhones;
  if (phones.length === 0 && locationIds.length) phones = await phonesWhere(db, 'location_id', locationIds);
  if (phones.length === 0) phones = await phonesWhere(db, 'organization_id', [service.organization_id]);

  return {
    id: service.id,
    name: service.name,
    alternateName: service.alternate_name,
    description: service.description,
    url: service.url,
    email: service.email,
    alert: service.alert,
    applicationProcess: service.application_process,
    eligibility: service.eligibility_description,
    minimumAge: service.minimum_age,
    maximumAge: service.maximum_age,
    feesDescription: service.fees_description,
    costOptions: costOptions.map((row) => ({
      option: row.option,
      amount: row.amount,
      currency: row.currency,
      description: row.amount_description,
    })),
    requiredDocuments: documents.map((row) => row.document),
    interpretationServices: service.interpretation_services,
    waitTime: service.wait_time,
    delivery: service.delivery,
    lastVerifiedAt: iso(service.last_verified_at),
    categories: terms.get('haven') ?? [],
    populations: terms.get('haven-population') ?? [],
    costKinds: terms.get('haven-cost') ?? [],
    languages: languages.map((row) => ({ code: row.code, name: row.name, note: row.note })),
    phones,
    locations,
    serviceAreas: areas.map((row) => ({
      name: row.name,
      description: row.description,
      coverage: row.coverage,
      states: row.coverage_states ?? [],
    })),
    schedules: chosenSchedules.map((row) => ({
      byday: row.byday,
      opensAt: row.opens_at,
      closesAt: row.closes_at,
      timeZone: row.timezone_name,
      freq: row.freq,
      validFrom: row.valid_from,
      validTo: row.valid_to,
      description: row.description,
      notes: row.notes,
    })),
    organization: {
      id: service.organization_id,
      name: service.organization_name,
      website: service.organization_website,
      email: service.organization_email,
      isSample: service.is_sample,
    },
  };
}

/** The organization, if verified, with its active services and public locations. */
export async function getPublicOrganization(
  db: Kysely<Database>,
  id: string,
): Promise<OrganizationDetail | null> {
  if (!UUID.test(id)) return null;
  const organization = await db
    .selectFrom('organization')
    .where('id', '=', id)
    .where('verification_status', '=', 'verified')
    .select(['id', 'name', 'alternate_name', 'description', 'website', 'email', 'is_sample', 'verified_at'])
    .executeTakeFirst();
  if (!organization) return null;

  const services = await db
    .selectFrom('service')
    .where('organization_id', '=', id)
    .where('status', '=', 'active')
    .select(['id', 'name', 'description', 'delivery'])
    .orderBy('name')
    .execute();
  const serviceIds = services.map((service) => service.id);
  const locationRows = serviceIds.length
    ? await db
        .selectFrom('service_at_location')
        .where('service_id', 'in', serviceIds)
        .select('location_id')
        .distinct()
        .execute()
    : [];
  const [terms, phones, locations] = await Promise.all([
    termsFor(db, 'service', serviceIds, true),
    phonesWhere(db, 'organization_id', [id]),
    publicLocations(
      db,
      locationRows.map((row) => row.location_id),
    ),
  ]);
  return {
    id: organization.id,
    name: organization.name,
    alternateName: organization.alternate_name,
    description: organization.description,
    website: organization.website,
    email: organization.email,
    isSample: organization.is_sample,
    verifiedAt: iso(organization.verified_at),
    phones,
    locations,
    services: services.map((service) => ({
      id: service.id,
      name: service.name,
      summary: summarize(service.description),
      categories: terms.get(service.id) ?? [],
      delivery: service.delivery,
    })),
  };
}

export function summarize(text: string, max = 200): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[.,;:]$/, '')}…`;
}

async function phonesWhere(
  db: Kysely<Database>,
  column: 'service_id' | 'location_id' | 'organization_id',
  ids: string[],
): Promise<PublicPhone[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('phone')
    .where(column, 'in', ids)
    .where((eb) => eb.or([eb('type', 'is', null), eb('type', '!=', 'fax')]))
    .select(['number', 'extension', 'type', 'description'])
    .orderBy('number')
    .execute();
  return rows.map((row) => ({
    number: row.number,
    extension: row.extension,
    type: row.type,
    description: row.description,
  }));
}

/**
 * Taxonomy terms linked to entities, grouped by taxonomy name (or, with byEntity, the `haven`
 * categories grouped by entity id). Subcategories roll up to their top-level category.
 */
async function termsFor(db: Kysely<Database>, entity: 'service', ids: string[], byEntity = false) {
  const grouped = new Map<string, Term[]>();
  if (ids.length === 0) return grouped;
  const rows = await db
    .selectFrom('attribute as a')
    .innerJoin('taxonomy_term as t', 't.id', 'a.taxonomy_term_id')
    .leftJoin('taxonomy_term as p', 'p.id', 't.parent_id')
    .where('a.link_entity', '=', entity)
    .where('a.link_id', 'in', ids)
    .where('t.taxonomy', 'in', ['haven', 'haven-population', 'haven-cost'])
    .select(['a.link_id', 't.code', 't.name', 't.taxonomy', 'p.code as parent_code', 'p.name as parent_name'])
    .execute();
  for (const row of rows) {
    const slug = row.parent_code ?? row.code;
    const name = row.parent_code ? (row.parent_name ?? row.name) : row.name;
    if (!slug || !row.taxonomy) continue;
    if (byEntity && row.taxonomy !== 'haven') continue;
    const key = byEntity ? row.link_id : row.taxonomy;
    const list = grouped.get(key) ?? [];
    if (!list.some((term) => term.slug === slug)) list.push({ slug, name });
    grouped.set(key, list);
  }
  return grouped;
}

async function publicLocations(db: Kysely<Database>, ids: string[]): Promise<PublicLocation[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('location as l')
    .leftJoin('address as ad', (join) =>
      join.onRef('ad.location_id', '=', 'l.id').on('ad.address_type', '=', 'physical'),
    )
    .where('l.id', 'in', ids)
    .where('l.location_type', '!=', 'virtual')
    // Only the public columns: the exact point of a confidential location is never selected.
    .select([
      'l.id',
      'l.name',
      'l.is_confidential',
      'l.public_latitude',
      'l.public_longitude',
      'l.public_area_label',
      'l.transportation',
      'ad.address_1',
      'ad.address_2',
      'ad.city',
      'ad.state_province',
      'ad.postal_code',
    ])
    .orderBy('l.name')
    .execute();
  const accessibility = await db
    .selectFrom('accessibility')
    .where('location_id', 'in', ids)
    .select(['location_id', 'description', 'details'])
    .execute();
  const seen = new Set<string>();
  const locations: PublicLocation[] = [];
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    locations.push({
      ...publicLocation(row),
      transportation: row.is_confidential ? null : row.transportation,
      accessibility: accessibility
        .filter((item) => item.location_id === row.id)
        .map((item) => ({ description: item.description, details: item.details })),
    });
  }
  return locations;
}
