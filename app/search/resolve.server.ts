/**
 * The one "resolve a query" step of the search page and the public API: a parsed query
 * (./schema.ts) becomes SearchParams with its point, the point's state (for state-wide service
 * areas) and its radius. Both callers go through it, so the same filters give the same services
 * in the same order (tests/search/page-api.test.ts).
 * A typed place wins over a lat/lng: the page carries the coordinates of an earlier "use my
 * location" along in hidden fields, and the place typed over them is what the visitor means.
 */
import { nearestPlace, resolvePlace } from '../geo/gazetteer.server';
import type { ParsedQuery } from './schema';
import type { SearchParams } from './types';

export type ResolvedQuery =
  | {
      ok: true;
      params: SearchParams;
      /** "77002 · Houston, TX" for a typed place; null for a lat/lng or no place. */
      placeLabel: string | null;
      radiusMiles: number;
    }
  | { ok: false; reason: 'unknown-place'; suggestions: string[] };

export function resolveQuery(query: ParsedQuery): ResolvedQuery {
  const params = { ...query.params };
  let placeLabel: string | null = null;
  if (query.near?.trim()) {
    const place = resolvePlace(query.near);
    // An unknown place is a normal answer (the page suggests spellings, the API says 400).
    if (!place.ok) return { ok: false, reason: 'unknown-place', suggestions: place.suggestions };
    params.point = { latitude: place.place.latitude, longitude: place.place.longitude };
    params.pointState = place.place.state;
    placeLabel = place.place.label;
  } else if (params.point) {
    params.pointState = nearestPlace(params.point.latitude, params.point.longitude)?.state;
  }
  return { ok: true, params, placeLabel, radiusMiles: query.radiusMiles };
}
