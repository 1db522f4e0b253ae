/**
 * Turns ranked candidates into SearchResultItem DTOs with a fixed number of set-based queries
 * per page (never one query per result). Confidential locations: the address join carries
 * `not l.is_confidential`, so their street lines are never even read; only the public point
 * and area label leave this module.
 */
import { type Kysely, sql } from 'kysely';
import { prepared } from '../../db/prepared';
import type { Database, DeliveryMode } from '../../db/types';
import { toIso } from '../../db/values';
import { weeklyHours } from './hours';
import type { Candidate } from './nearby.server';
import { hoursSources } from './schedules.server';
import { TAXONOMY } from './taxonomy';
import { publicLocation, type PublicLocationRow } from './public-address';
import type { SearchResultItem } from './types';

const uuids = (ids: Array<string | null>) => sql`cast(${ids} as uuid[])`;

function summarize(description: string): string {
  const text = description.replace(/\s+/g, ' ').trim();
  if (text.length <= 200) return text;
  const cut = text.slice(0, 200);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 150)).trimEnd()}…`;
}

/** A shown candidate's details: service, organization, shown location and address, phone. */
interface DetailRow extends Omit<PublicLocationRow, 'id' | 'name' | 'is_confidential'> {
  id: string;
  name: string;
  description: string;
  delivery: DeliveryMode[];
  last_verified_at: Date | string | null;
  organization_id: string;
  organization_name: string;
  is_sample: boolean;
  location_id: string | null;
  location_name: string | null;
  is_confidential: boolean | null;
  categories: Array<{ slug: string; name: string }>;
  free: boolean;
  languages: string[];
  phone_number: string | null;
  phone_extension: string | null;
}

/** For candidates without a location (plain listing), the service's first location with a public point. */
async function defaultLocations(db: Kysely<Database>, serviceIds: string[]): Promise<Map<string, string>> {
  if (serviceIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('service_at_location as sal')
    .innerJoin('location as l', 'l.id', 'sal.location_id')
    .distinctOn('sal.service_id')
    .select(['sal.service_id', 'l.id as location_id'])
    .where('sal.service_id', 'in', serviceIds)
    .orderBy('sal.service_id')
    .orderBy(sql`l.public_latitude is null`)
    .orderBy('l.name', (o) => o.nullsLast())
    .orderBy('l.id')
    .execute();
  return new Map(rows.map((row) => [row.service_id, row.location_id]));
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

  // One statement for the page's details (a row per shown candidate, in page order), beside the
  // hours (shared with open now): on PGlite statements run one after another, and eight of them
  // cost more than the ranking itself.
  const [details, hours] = await Promise.all([
    prepared(sql<DetailRow>`
      select s.id, s.name, s.description, s.delivery, s.last_verified_at,
             o.id as organization_id, o.name as organization_name, o.is_sample,
             l.id as location_id, l.name as location_name, l.is_confidential, l.public_latitude,
             l.public_longitude, l.public_area_label,
             ad.address_1, ad.address_2, ad.city, ad.state_province, ad.postal_code,
             (select coalesce(json_agg(json_build_object('slug', t.code, 'name', t.name)
                                       order by t.parent_id nulls first, t.name), '[]')
              from attribute a join taxonomy_term t on t.id = a.taxonomy_term_id
              where a.link_entity = 'service' and a.link_id = s.id
                and t.taxonomy = ${TAXONOMY.categories} and t.code is not null) as categories,
             (exists (select 1 from attribute a join taxonomy_term t on t.id = a.taxonomy_term_id
                      where a.link_entity = 'service' and a.link_id = s.id
                        and t.taxonomy = ${TAXONOMY.costs} and t.code = 'free')
              or exists (select 1 from cost_option co where co.service_id = s.id and co.amount = 0)) as free,
             array(select distinct lg.code from language lg
                   where lg.service_id = s.id and lg.code is not null order by lg.code) as languages,
             ph.number as phone_number, ph.extension as phone_extension
      from unnest(${uuids(ids)}, ${uuids(shown.map((c) => c.locationId))}) with ordinality as c(service_id, location_id, n)
      join service s on s.id = c.service_id
      join organization o on o.id = s.organization_id
      left join location l on l.id = c.location_id
      -- a confidential location's street lines are never read
      left join lateral (
        select x.address_1, x.address_2, x.city, x.state_province, x.postal_code from address x
        where x.location_id = l.id and not l.is_confidential
        order by (x.address_type = 'physical') desc, x.id limit 1) ad on true
      -- the service's own phone, else the shown location's, else the organization's; voice first
      left join lateral (
        select p.number, p.extension from (
          select x.number, x.extension, x.type, x.id, 0 as rank from phone x where x.service_id = s.id
          union all
          select x.number, x.extension, x.type, x.id, 1 from phone x where x.location_id = l.id
          union all
          select x.number, x.extension, x.type, x.id, 2 from phone x where x.organization_id = o.id) p
        where p.type is distinct from 'fax'
        order by p.rank, (p.type = 'voice') desc nulls last, p.id limit 1) ph on true
      order by c.n`).execute(db),
    hoursSources(db, shown),
  ]);

  const byService = new Map(details.rows.map((row) => [row.id, row]));
  return shown.flatMap((candidate): SearchResultItem[] => {
    const row = byService.get(candidate.serviceId);
    if (!row) return [];
    const source = hours.get(row.id);
    const week = source ? weeklyHours(source.schedules, now, source.fallbackZone) : null;
    return [
      {
        serviceId: row.id,
        serviceName: row.name,
        summary: summarize(row.description),
        organizationId: row.organization_id,
        organizationName: row.organization_name,
        isSample: row.is_sample,
        categories: row.categories,
        delivery: row.delivery,
        remote: candidate.remote,
        distanceKm: candidate.distanceKm,
        location:
          row.location_id === null
            ? null
            : publicLocation({
                ...row,
                id: row.location_id,
                name: row.location_name,
                is_confidential: row.is_confidential ?? false,
              }),
        phone:
          row.phone_number === null ? null : { number: row.phone_number, extension: row.phone_extension },
        languages: row.languages,
        free: row.free,
        openNow: week?.openNow ?? null,
        hoursToday: week?.hoursToday ?? null,
        lastVerifiedAt: toIso(row.last_verified_at),
      },
    ];
  });
}
