/**
 * `/api/v1/services`: validates the query, resolves `near` with the offline gazetteer and the
 * point's state (for state-wide coverage), ranks with the same search as the pages, and maps
 * the page to HSDS service objects.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { nearestPlace, resolvePlace } from '../geo/gazetteer.server';
import { parseApiQuery } from '../search/schema';
import { rankServices } from '../search/search.server';
import { hsdsServices } from './hsds.server';
import { pageEnvelope } from './http.server';

export type ServicesAnswer =
  | {
      ok: true;
      format: 'json' | 'ndjson';
      envelope: ReturnType<typeof pageEnvelope<Record<string, unknown>>> & {
        total_items_is_lower_bound: boolean;
      };
    }
  | { ok: false; error: string; parameter: string };

export async function apiServices(
  db: Kysely<Database>,
  search: URLSearchParams,
  now?: Date,
): Promise<ServicesAnswer> {
  const parsed = parseApiQuery(search);
  if (!parsed.ok) return parsed;
  const { params, near, format } = parsed.value;
  if (!params.point && near) {
    const place = resolvePlace(near);
    if (!place.ok) {
      const hint =
        place.suggestions.length > 0 ? ` (did you mean ${place.suggestions.slice(0, 3).join(', ')}?)` : '';
      return { ok: false, error: `near: place not found${hint}`, parameter: 'near' };
    }
    params.point = { latitude: place.place.latitude, longitude: place.place.longitude };
    params.pointState = place.place.state;
  } else if (params.point) {
    params.pointState = nearestPlace(params.point.latitude, params.point.longitude)?.state;
  }
  const ranked = await rankServices(db, { ...params, now });
  const distances = params.point
    ? new Map(ranked.candidates.map((c) => [c.serviceId, c.distanceKm]))
    : undefined;
  const contents = await hsdsServices(
    db,
    ranked.candidates.map((c) => c.serviceId),
    distances,
  );
  const envelope = pageEnvelope(contents, ranked.total, params.page, params.pageSize);
  // Haven extension: total_items is then a lower bound (a dense area, counted up to a cap).
  return { ok: true, format, envelope: { ...envelope, total_items_is_lower_bound: ranked.totalCapped } };
}
