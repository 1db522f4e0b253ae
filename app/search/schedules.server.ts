/**
 * Loads the schedule rows that give a result its hours, and the zone to read them in when a
 * schedule names none. Which rows apply, most specific first: the schedules of the service at
 * that location, else the service's own, else the location's. Fallback zone: the location's
 * state (address.state_province — a state is coarse, so reading it for a confidential location
 * reveals nothing; its street lines are never read).
 */
import { type Kysely, sql } from 'kysely';
import { prepared } from '../../db/prepared';
import type { Database } from '../../db/types';
import { uuidArray } from '../../db/values';
import { stateTimeZone } from '../geo/us-states';
import { type ScheduleColumns, type ScheduleInput, scheduleInput } from './hours';

export interface HoursSource {
  schedules: ScheduleInput[];
  fallbackZone: string | null;
}

interface ScheduleRow extends ScheduleColumns {
  service_id: string | null;
  location_id: string | null;
  sal_service_id: string | null;
  sal_location_id: string | null;
}

/** Hours inputs per service id, for the given (service, shown location) pairs. */
export async function hoursSources(
  db: Kysely<Database>,
  pairs: Array<{ serviceId: string; locationId: string | null }>,
): Promise<Map<string, HoursSource>> {
  const sources = new Map<string, HoursSource>();
  if (pairs.length === 0) return sources;
  const serviceIds = [...new Set(pairs.map((p) => p.serviceId))];
  const locationIds = [...new Set(pairs.flatMap((p) => (p.locationId ? [p.locationId] : [])))];
  const [schedules, zones] = await Promise.all([
    prepared(sql<ScheduleRow>`
      select sc.service_id, sc.location_id, sal.service_id as sal_service_id, sal.location_id as sal_location_id,
             sc.freq, sc.byday, sc.opens_at::text as opens_at, sc.closes_at::text as closes_at,
             sc.valid_from, sc.valid_to, sc.timezone_name
      from schedule sc left join service_at_location sal on sal.id = sc.service_at_location_id
      -- one index-friendly branch per way a schedule can be attached (an OR across columns would scan)
      where sc.id in (
        select x.id from schedule x where x.service_id = any(${uuidArray(serviceIds)})
        union all
        select x.id from schedule x where x.location_id = any(${uuidArray(locationIds)})
        union all
        select x.id from schedule x join service_at_location y on y.id = x.service_at_location_id
        where y.service_id = any(${uuidArray(serviceIds)}))
      order by sc.opens_at nulls last`).execute(db),
    prepared(sql<{ id: string; public_longitude: number | null; state: string | null }>`
      select l.id, l.public_longitude,
             (select a.state_province from address a where a.location_id = l.id order by a.id limit 1) as state
      from location l where l.id = any(${uuidArray(locationIds)})`).execute(db),
  ]);
  const zoneOf = new Map(
    zones.rows.map((row) => [
      row.id,
      row.state ? stateTimeZone(row.state, row.public_longitude ?? undefined) : null,
    ]),
  );
  // Grouped once, so open-now over thousands of candidates stays linear.
  const group = (key: (row: ScheduleRow) => string | null) => {
    const map = new Map<string, ScheduleRow[]>();
    for (const row of schedules.rows) {
      const k = key(row);
      if (k !== null) map.set(k, [...(map.get(k) ?? []), row]);
    }
    return map;
  };
  const atLocation = group((r) =>
    r.sal_service_id && r.sal_location_id ? `${r.sal_service_id}/${r.sal_location_id}` : null,
  );
  const ofService = group((r) => r.service_id);
  const ofLocation = group((r) => (r.service_id ? null : r.location_id));
  for (const { serviceId, locationId } of pairs) {
    const chosen =
      (locationId ? atLocation.get(`${serviceId}/${locationId}`) : undefined) ??
      ofService.get(serviceId) ??
      (locationId ? ofLocation.get(locationId) : undefined) ??
      [];
    sources.set(serviceId, {
      schedules: chosen.map(scheduleInput),
      fallbackZone: locationId ? (zoneOf.get(locationId) ?? null) : null,
    });
  }
  return sources;
}
