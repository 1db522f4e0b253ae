/**
 * The public service and organization pages' data. Owns the rule of what the public may see:
 * only verified organizations and their active services (anything else reads as "not found").
 * Locations come from the one public projection (app/locations/public-location.server.ts); the
 * hours and phones from the rule the result cards share (app/search/service-facts.server.ts).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';
import { isUuid, toIso } from '../../db/values';
import { loadPublicPlaces, resultLocation } from '../locations/public-location.server';
import { weeklyHours } from '../search/hours';
import { PHONE_ORDER_SQL, serviceFacts } from '../search/service-facts.server';
import { summarize } from '../search/summary';
import { PUBLIC_ORGANIZATION_STATUS, PUBLIC_SERVICE_STATUS } from '../search/visibility';
import type { OrganizationDetail, PublicLocation, PublicPhone, ServiceDetail, Term } from './types';

/** The service, if the public may see it: active, and its organization verified. */
export async function getPublicService(
  db: Kysely<Database>,
  id: string,
  now: Date,
): Promise<ServiceDetail | null> {
  if (!isUuid(id)) return null;
  const service = await db
    .selectFrom('service as s')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .where('s.id', '=', id)
    .where('s.status', '=', PUBLIC_SERVICE_STATUS)
    .where('o.verification_status', '=', PUBLIC_ORGANIZATION_STATUS)
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
    .select(['location_id'])
    .execute();
  const locationIds = links.map((link) => link.location_id);

  const [terms, languages, costOptions, documents, areas, locations, facts] = await Promise.all([
    termsFor(db, 'service', [id]),
    db
      .selectFrom('language')
      .where('service_id', '=', id)
      .select(['code', 'name', 'note'])
      .orderBy('code')
      .execute(),
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
    publicLocations(db, locationIds),
    serviceFacts(db, [{ serviceId: id, locationId: null }], now),
  ]);

  const fact = facts.get(id);

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
    lastVerifiedAt: toIso(service.last_verified_at),
    categories: terms.get('haven') ?? [],
    populations: terms.get('haven-population') ?? [],
    costKinds: terms.get('haven-cost') ?? [],
    languages: languages.map((row) => ({ code: row.code, name: row.name, note: row.note })),
    phones: fact?.phones ?? [],
    locations,
    serviceAreas: areas.map((row) => ({
      name: row.name,
      description: row.description,
      coverage: row.coverage,
      states: row.coverage_states ?? [],
    })),
    hours: fact?.hours ?? weeklyHours([], now, null),
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
  if (!isUuid(id)) return null;
  const organization = await db
    .selectFrom('organization')
    .where('id', '=', id)
    .where('verification_status', '=', PUBLIC_ORGANIZATION_STATUS)
    .select(['id', 'name', 'alternate_name', 'description', 'website', 'email', 'is_sample', 'verified_at'])
    .executeTakeFirst();
  if (!organization) return null;

  const services = await db
    .selectFrom('service')
    .where('organization_id', '=', id)
    .where('status', '=', PUBLIC_SERVICE_STATUS)
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
    organizationPhones(db, id),
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
    verifiedAt: toIso(organization.verified_at),
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

/** The organization's own phones (not a location's), in the shared phone order; never a fax. */
async function organizationPhones(db: Kysely<Database>, organizationId: string): Promise<PublicPhone[]> {
  const rows = await sql<PublicPhone>`
    select p.number, p.extension, p.type, p.description from phone p
    where p.organization_id = ${organizationId}::uuid and p.location_id is null
      and p.service_at_location_id is null and p.type is distinct from 'fax'
    order by ${PHONE_ORDER_SQL}`.execute(db);
  return rows.rows;
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

/** Locations as the public may see them (the one projection), sorted by name. */
async function publicLocations(db: Kysely<Database>, ids: string[]): Promise<PublicLocation[]> {
  const places = await loadPublicPlaces(db, ids);
  return [...places.values()]
    .filter((place) => place.locationType !== 'virtual')
    .sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || a.id.localeCompare(b.id))
    .map((place) => ({
      ...resultLocation(place),
      transportation: place.transportation,
      accessibility: place.accessibility.map((item) => ({
        description: item.description,
        details: item.details,
      })),
    }));
}
