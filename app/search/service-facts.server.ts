/**
 * The one rule for what a (service, location) pair shows, used by the result cards, the service
 * page, the organization page and the API, so a card and the page it links to never disagree:
 *
 * - Shown location: the one the search matched, else the service's first location with a
 *   public point (by name, then id).
 * - Hours: the schedules of the service at that location, else the service's own, else the
 *   location's; read in each schedule's zone, else the location's (schedules.server.ts).
 * - Phones: the first non-empty tier of (1) the service's own phones, (2) the shown location's,
 *   (3) the organization's own; never a fax, never a phone tied to a confidential place;
 *   within a tier voice first, then by id. The first one is "the" phone (card, Call button).
 */
import { type Kysely, sql } from 'kysely';
import { uuidArray } from '../../db/values';
import { prepared } from '../../db/prepared';
import type { Database } from '../../db/types';
import { tiedToConfidentialSql } from '../locations/public-location.server';
import { weeklyHours, type WeeklyHours } from './hours';
import { hoursSources } from './schedules.server';

/** Phone order within a tier, over a phone aliased `p`. */
export const PHONE_ORDER_SQL = sql`(p.type = 'voice') desc nulls last, p.id`;

export interface ShownPhone {
  number: string;
  extension: string | null;
  type: string | null;
  description: string | null;
}

export interface ServiceFacts {
  locationId: string | null;
  phones: ShownPhone[];
  hours: WeeklyHours;
}

export interface FactsRequest {
  serviceId: string;
  /** The location the search matched; null to use the service's default location. */
  locationId: string | null;
  /** A remote match is shown without a location. */
  remote?: boolean;
}

/** For services without a matched location, the first location with a public point. */
async function defaultLocations(db: Kysely<Database>, serviceIds: string[]): Promise<Map<string, string>> {
  if (serviceIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('service_at_location as sal')
    .innerJoin('location as l', 'l.id', 'sal.location_id')
    .distinctOn('sal.service_id')
    .select(['sal.service_id', 'l.id as location_id'])
    .where(sql<boolean>`sal.service_id = any(${uuidArray(serviceIds)})`)
    .where('l.location_type', '<>', 'virtual')
    .orderBy('sal.service_id')
    .orderBy(sql`l.public_latitude is null`)
    .orderBy('l.name', (order) => order.asc().nullsLast())
    .orderBy('l.id')
    .execute();
  return new Map(rows.map((row) => [row.service_id, row.location_id]));
}

/** The shown phones of each (service, location) pair, by service id. */
async function shownPhones(
  db: Kysely<Database>,
  pairs: Array<{ serviceId: string; locationId: string | null }>,
): Promise<Map<string, ShownPhone[]>> {
  const phones = new Map<string, ShownPhone[]>();
  if (pairs.length === 0) return phones;
  const result = await prepared(sql<ShownPhone & { service_id: string; tier: number }>`
    select c.service_id, p.tier, p.number, p.extension, p.type, p.description
    from unnest(${uuidArray(pairs.map((p) => p.serviceId))}, ${uuidArray(pairs.map((p) => p.locationId))})
         as c(service_id, location_id)
    join service s on s.id = c.service_id
    cross join lateral (
      select x.id, x.number, x.extension, x.type, x.description, 0 as tier from phone x
      where x.service_id = s.id and not ${tiedToConfidentialSql('x.location_id', 'x.service_at_location_id')}
      union all
      select x.id, x.number, x.extension, x.type, x.description, 1 from phone x
      join location l on l.id = x.location_id and not l.is_confidential
      where x.location_id = c.location_id
      union all
      select x.id, x.number, x.extension, x.type, x.description, 2 from phone x
      where x.organization_id = s.organization_id and x.location_id is null
        and x.service_at_location_id is null) p
    where p.type is distinct from 'fax'
    order by c.service_id, p.tier, ${PHONE_ORDER_SQL}`).execute(db);
  const tierOf = new Map<string, number>();
  for (const { service_id, tier, ...phone } of result.rows) {
    if ((tierOf.get(service_id) ?? tier) !== tier) continue;
    tierOf.set(service_id, tier);
    phones.set(service_id, [...(phones.get(service_id) ?? []), phone]);
  }
  return phones;
}

/** Shown location, phones and hours of each requested service, by service id. */
export async function serviceFacts(
  db: Kysely<Database>,
  requests: FactsRequest[],
  now: Date,
): Promise<Map<string, ServiceFacts>> {
  const fallbacks = await defaultLocations(
    db,
    requests.filter((r) => !r.remote && !r.locationId).map((r) => r.serviceId),
  );
  const pairs = requests.map((r) => ({
    serviceId: r.serviceId,
    locationId: r.locationId ?? fallbacks.get(r.serviceId) ?? null,
  }));
  const [hours, phones] = await Promise.all([hoursSources(db, pairs), shownPhones(db, pairs)]);
  return new Map(
    pairs.map(({ serviceId, locationId }) => {
      const source = hours.get(serviceId);
      return [
        serviceId,
        {
          locationId,
          phones: phones.get(serviceId) ?? [],
          hours: weeklyHours(source?.schedules ?? [], now, source?.fallbackZone ?? null),
        },
      ];
    }),
  );
}
