/**
 * Turns ranked candidates into SearchResultItem DTOs with a fixed number of set-based queries
 * per page (never one query per result). Confidential locations: the address join carries
 * `not l.is_confidential`, so their street lines are never even read; only the public point
 * and area label leave this module.
 */
import { type Kysely, sql } from 'kysely';
import type { Database, DeliveryMode } from '../../db/types';
import { weeklyHours } from './hours';
import type { Candidate } from './nearby.server';
import { hoursSources } from './schedules.server';
import { TAXONOMY } from './taxonomy';
import { publicLocation, type PublicLocationRow } from '../listings/public-address';
import type { SearchResultItem } from './types';

const uuids = (ids: string[]) => sql`cast(${ids} as uuid[])`;

function summarize(description: string): string {
  const text = description.replace(/\s+/g, ' ').trim();
  if (text.length <= 200) return text;
  const cut = text.slice(0, 200);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 150)).trimEnd()}…`;
}

const toIso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

/** For candidates without a location (plain listing), the service's first location with a public point. */
async function defaultLocations(db: Kysely<Database>, serviceIds: string[]): Promise<Map<string, string>> {
  if (serviceIds.length === 0) return new Map();
  const result = await sql<{ service_id: string; location_id: string }>`
    select distinct on (sal.service_id) sal.service_id, l.id as location_id
    from service_at_location sal join location l on l.id = sal.location_id
    where sal.service_id = any(${uuids(serviceIds)})
    order by sal.service_id, (l.public_latitude is null), l.name nulls last, l.id`.execute(db);
  return new Map(result.rows.map((row) => [row.service_id, row.location_id]));
}

export async function hydrate(
  db: Kysely<Database>,
  candidates: Candidate[],
  now: Date,
): Promise<SearchResultItem[]> {
  if (candidates.length === 0) return [];
  const ids = candidates.map((c) => c.serviceId);
  const fallbacks = await defaultLocations(
    db,
    candidates.filter((c) => !c.remote && !c.locationId).map((c) => c.serviceId),
  );
  const shown = candidates.map((c) => ({
    ...c,
    locationId: c.locationId ?? fallbacks.get(c.serviceId) ?? null,
  }));
  const locationIds = shown.flatMap((c) => (c.locationId ? [c.locationId] : []));

  const [services, locations, terms, free, languages, phones, hours] = await Promise.all([
    sql<{
      id: string;
      name: string;
      description: string;
      delivery: DeliveryMode[];
      last_verified_at: Date | string | null;
      organization_id: string;
      organization_name: string;
      is_sample: boolean;
    }>`select s.id, s.name, s.description, s.delivery, s.last_verified_at,
              o.id as organization_id, o.name as organization_name, o.is_sample
       from service s join organization o on o.id = s.organization_id
       where s.id = any(${uuids(ids)})`.execute(db),
    sql<PublicLocationRow>`select l.id, l.name, l.is_confidential, l.public_latitude, l.public_longitude, l.public_area_label,
              a.address_1, a.address_2, a.city, a.state_province, a.postal_code
       from location l
       left join lateral (
         select ad.address_1, ad.address_2, ad.city, ad.state_province, ad.postal_code from address ad
         where ad.location_id = l.id and not l.is_confidential
         order by (ad.address_type = 'physical') desc, ad.id limit 1) a on true
       where l.id = any(${uuids(locationIds)})`.execute(db),
    sql<{ link_id: string; code: string; name: string }>`
       select a.link_id, t.code, t.name from attribute a join taxonomy_term t on t.id = a.taxonomy_term_id
       where a.link_entity = 'service' and a.link_id = any(${uuids(ids)}) and t.taxonomy = ${TAXONOMY.categories}
         and t.code is not null
       order by t.parent_id nulls first, t.name`.execute(db),
    sql<{ service_id: string }>`
       select a.link_id as service_id from attribute a join taxonomy_term t on t.id = a.taxonomy_term_id
       where a.link_entity = 'service' and a.link_id = any(${uuids(ids)}) and t.taxonomy = ${TAXONOMY.costs} and t.code = 'free'
       union select co.service_id from cost_option co where co.service_id = any(${uuids(ids)}) and co.amount = 0`.execute(
      db,
    ),
    sql<{ service_id: string; code: string }>`
       select lg.service_id, lg.code from language lg
       where lg.service_id = any(${uuids(ids)}) and lg.code is not null order by lg.code`.execute(db),
    sql<{
      service_id: string | null;
      location_id: string | null;
      organization_id: string | null;
      number: string;
      extension: string | null;
    }>`
       select p.service_id, p.location_id, p.organization_id, p.number, p.extension from phone p
       where p.id in (
         select x.id from phone x where x.service_id = any(${uuids(ids)})
         union all
         select x.id from phone x where x.location_id = any(${uuids(locationIds)})
         union all
         select x.id from phone x join service y on y.organization_id = x.organization_id where y.id = any(${uuids(ids)}))
         and p.type is distinct from 'fax'
       order by (p.type = 'voice') desc nulls last, p.id`.execute(db),
    hoursSources(db, shown),
  ]);

  const serviceById = new Map(services.rows.map((row) => [row.id, row]));
  const locationById = new Map(locations.rows.map((row) => [row.id, row]));
  const termsBy = groupBy(terms.rows, (row) => row.link_id);
  const freeIds = new Set(free.rows.map((row) => row.service_id));
  const languagesBy = groupBy(languages.rows, (row) => row.service_id);

  return shown.flatMap((candidate): SearchResultItem[] => {
    const service = serviceById.get(candidate.serviceId);
    if (!service) return [];
    const location = candidate.locationId ? locationById.get(candidate.locationId) : undefined;
    const phone =
      phones.rows.find((p) => p.service_id === service.id) ??
      (location ? phones.rows.find((p) => p.location_id === location.id) : undefined) ??
      phones.rows.find((p) => p.organization_id === service.organization_id);
    const source = hours.get(service.id);
    const week = source ? weeklyHours(source.schedules, now, source.fallbackZone) : null;
    return [
      {
        serviceId: service.id,
        serviceName: service.name,
        summary: summarize(service.description),
        organizationId: service.organization_id,
        organizationName: service.organization_name,
        isSample: service.is_sample,
        categories: (termsBy.get(service.id) ?? []).map((t) => ({ slug: t.code, name: t.name })),
        delivery: service.delivery,
        remote: candidate.remote,
        distanceKm: candidate.distanceKm,
        location: location ? publicLocation(location) : null,
        phone: phone ? { number: phone.number, extension: phone.extension } : null,
        languages: [...new Set((languagesBy.get(service.id) ?? []).map((l) => l.code))],
        free: freeIds.has(service.id),
        openNow: week?.openNow ?? null,
        hoursToday: week?.hoursToday ?? null,
        lastVerifiedAt: toIso(service.last_verified_at),
      },
    ];
  });
}
