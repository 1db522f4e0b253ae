/**
 * Small helpers that insert listing rows straight into a test database, so each test states
 * exactly the data it relies on. Defaults make a public listing (verified organization, active
 * in-person service); override what the test is about.
 */
import { type Kysely, sql } from 'kysely';
import type { Coverage, Database, DeliveryMode, ServiceStatus, VerificationStatus } from '../../db/types';

type Db = Kysely<Database>;

/** Removes every listing (between tests that share one database). */
export async function resetListings(db: Db): Promise<void> {
  await db.deleteFrom('attribute').execute();
  await db.deleteFrom('location').execute();
  await db.deleteFrom('organization').execute();
}

export async function createOrganization(
  db: Db,
  options: { name?: string; status?: VerificationStatus; isSample?: boolean } = {},
): Promise<string> {
  const status = options.status ?? 'verified';
  const row = await db
    .insertInto('organization')
    .values({
      name: options.name ?? 'Test Organization',
      verification_status: status,
      verified_at: status === 'verified' ? new Date() : null,
      is_sample: options.isSample ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ServiceOptions {
  organizationId?: string;
  name?: string;
  description?: string;
  searchText?: string;
  status?: ServiceStatus;
  delivery?: DeliveryMode[];
  organizationStatus?: VerificationStatus;
}

export async function createService(db: Db, options: ServiceOptions = {}): Promise<string> {
  const organizationId =
    options.organizationId ?? (await createOrganization(db, { status: options.organizationStatus }));
  const row = await db
    .insertInto('service')
    .values({
      organization_id: organizationId,
      name: options.name ?? 'Test Service',
      description: options.description ?? '',
      search_text: options.searchText ?? options.description ?? '',
      status: options.status ?? 'active',
      delivery: options.delivery ?? ['in_person'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface LocationOptions {
  latitude: number;
  longitude: number;
  confidential?: boolean;
  /** Public point of a confidential location (defaults to the exact point rounded to 0.1°). */
  publicLatitude?: number;
  publicLongitude?: number;
  areaLabel?: string;
  name?: string;
  address?: { address1: string; city: string; state: string; postalCode: string };
}

export async function addLocation(db: Db, serviceId: string, options: LocationOptions): Promise<string> {
  const service = await db
    .selectFrom('service')
    .select('organization_id')
    .where('id', '=', serviceId)
    .executeTakeFirstOrThrow();
  const confidential = options.confidential ?? false;
  const publicLatitude = confidential
    ? (options.publicLatitude ?? Math.round(options.latitude * 10) / 10)
    : options.latitude;
  const publicLongitude = confidential
    ? (options.publicLongitude ?? Math.round(options.longitude * 10) / 10)
    : options.longitude;
  const location = await db
    .insertInto('location')
    .values({
      organization_id: service.organization_id,
      name: options.name ?? null,
      latitude: options.latitude,
      longitude: options.longitude,
      is_confidential: confidential,
      public_latitude: publicLatitude,
      public_longitude: publicLongitude,
      public_area_label: options.areaLabel ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('service_at_location')
    .values({ service_id: serviceId, location_id: location.id })
    .execute();
  if (options.address) {
    await db
      .insertInto('address')
      .values({
        location_id: location.id,
        address_1: options.address.address1,
        city: options.address.city,
        state_province: options.address.state,
        postal_code: options.address.postalCode,
      })
      .execute();
  }
  return location.id;
}

/** Links a service to a term of one of Haven's taxonomies by slug. */
/** Many public (non-confidential) locations at once, each at its point and linked to its service. */
export async function addPublicLocations(
  db: Db,
  organizationId: string,
  places: Array<{ serviceId: string; latitude: number; longitude: number }>,
): Promise<string[]> {
  if (places.length === 0) return [];
  const locations = await db
    .insertInto('location')
    .values(
      places.map(({ latitude, longitude }) => ({
        organization_id: organizationId,
        latitude,
        longitude,
        public_latitude: latitude,
        public_longitude: longitude,
      })),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('service_at_location')
    .values(places.map((p, i) => ({ service_id: p.serviceId, location_id: locations[i]!.id })))
    .execute();
  return locations.map((row) => row.id);
}

export async function tagService(db: Db, serviceId: string, taxonomy: string, code: string): Promise<void> {
  await sql`insert into attribute (link_id, taxonomy_term_id, link_entity)
            select ${serviceId}::uuid, t.id, 'service' from taxonomy_term t
            where t.taxonomy = ${taxonomy} and t.code = ${code}`.execute(db);
}

export async function addLanguage(db: Db, serviceId: string, code: string): Promise<void> {
  await db.insertInto('language').values({ service_id: serviceId, code }).execute();
}

export async function addCostOption(db: Db, serviceId: string, amount: number): Promise<void> {
  await db.insertInto('cost_option').values({ service_id: serviceId, amount, currency: 'USD' }).execute();
}

export async function addPhone(db: Db, serviceId: string, number: string): Promise<void> {
  await db.insertInto('phone').values({ service_id: serviceId, number, type: 'voice' }).execute();
}

export async function addSchedule(
  db: Db,
  target: { serviceId?: string; locationId?: string },
  schedule: {
    byday?: string | null;
    opensAt: string;
    closesAt: string;
    timeZone?: string | null;
    validFrom?: string;
    validTo?: string;
  },
): Promise<void> {
  await db
    .insertInto('schedule')
    .values({
      service_id: target.serviceId ?? null,
      location_id: target.locationId ?? null,
      freq: 'WEEKLY',
      byday: schedule.byday ?? null,
      opens_at: schedule.opensAt,
      closes_at: schedule.closesAt,
      timezone_name: schedule.timeZone ?? null,
      valid_from: schedule.validFrom ?? null,
      valid_to: schedule.validTo ?? null,
    })
    .execute();
}

export async function addServiceArea(
  db: Db,
  serviceId: string,
  coverage: Coverage,
  options: { radiusKm?: number; latitude?: number; longitude?: number; states?: string[] } = {},
): Promise<void> {
  await db
    .insertInto('service_area')
    .values({
      service_id: serviceId,
      coverage,
      coverage_radius_km: options.radiusKm ?? null,
      coverage_latitude: options.latitude ?? null,
      coverage_longitude: options.longitude ?? null,
      coverage_states: options.states ?? null,
    })
    .execute();
}
