/**
 * Turns ranked candidates into SearchResultItem DTOs with a fixed number of set-based queries
 * per page (never one query per result). Locations come from the one public projection
 * (app/locations/public-location.server.ts); the shown location, hours and phone from the rule
 * the service page shares (service-facts.server.ts).
 */
import { type Kysely, sql } from 'kysely';
import { prepared } from '../../db/prepared';
import type { Database, DeliveryMode } from '../../db/types';
import { toIso, uuidArray } from '../../db/values';
import { loadPublicPlaces, resultLocation } from '../locations/public-location.server';
import type { Candidate } from './nearby.server';
import { serviceFacts } from './service-facts.server';
import { summarize } from './summary';
import { TAXONOMY } from './taxonomy';
import type { SearchResultItem } from './types';

/** A shown candidate's service and organization details. */
interface DetailRow {
  id: string;
  name: string;
  description: string;
  delivery: DeliveryMode[];
  last_verified_at: Date | string | null;
  organization_id: string;
  organization_name: string;
  is_sample: boolean;
  categories: Array<{ slug: string; name: string }>;
  free: boolean;
  languages: string[];
}

export async function hydrate(
  db: Kysely<Database>,
  candidates: Candidate[],
  now: Date,
): Promise<SearchResultItem[]> {
  if (candidates.length === 0) return [];
  const ids = candidates.map((c) => c.serviceId);
  // The shown location, hours and phone come from the rule the service page uses too.
  const facts = await serviceFacts(db, candidates, now);
  const locationIds = [...facts.values()].flatMap((f) => (f.locationId ? [f.locationId] : []));

  // One statement for the page's details (a row per shown candidate, in page order): on PGlite
  // statements run one after another, and one per field would cost more than the ranking itself.
  const [details, places] = await Promise.all([
    prepared(sql<DetailRow>`
      select s.id, s.name, s.description, s.delivery, s.last_verified_at,
             o.id as organization_id, o.name as organization_name, o.is_sample,
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
                   where lg.service_id = s.id and lg.code is not null order by lg.code) as languages
      from unnest(${uuidArray(ids)}) with ordinality as c(service_id, n)
      join service s on s.id = c.service_id
      join organization o on o.id = s.organization_id
      order by c.n`).execute(db),
    loadPublicPlaces(db, locationIds),
  ]);

  const byService = new Map(details.rows.map((row) => [row.id, row]));
  return candidates.flatMap((candidate): SearchResultItem[] => {
    const row = byService.get(candidate.serviceId);
    const fact = facts.get(candidate.serviceId);
    if (!row || !fact) return [];
    const place = fact.locationId ? places.get(fact.locationId) : undefined;
    const phone = fact.phones[0];
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
        location: place ? resultLocation(place) : null,
        phone: phone ? { number: phone.number, extension: phone.extension } : null,
        languages: row.languages,
        free: row.free,
        openNow: fact.hours.openNow,
        hoursToday: fact.hours.hoursToday,
        lastVerifiedAt: toIso(row.last_verified_at),
      },
    ];
  });
}
