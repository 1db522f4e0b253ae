/**
 * The search page's query as the visitor typed it (strings, not yet validated) and the links
 * built from it: pagination, "widen radius", "remove filters", "search this area". Parameter
 * names follow DESIGN.md §8.
 */
export interface SearchQuery {
  near: string;
  lat: string;
  lng: string;
  radius: string;
  categories: string[];
  q: string;
  language: string;
  population: string;
  free: boolean;
  openNow: boolean;
  delivery: string;
  page: number;
}

export const RADIUS_OPTIONS = [5, 10, 25, 50, 100] as const;
export const DEFAULT_RADIUS_MILES = 25;

export function readSearchQuery(params: URLSearchParams): SearchQuery {
  const text = (name: string) => (params.get(name) ?? '').trim();
  const page = Number.parseInt(text('page'), 10);
  return {
    near: text('near'),
    lat: text('lat'),
    lng: text('lng'),
    radius: text('radius'),
    categories: params.getAll('category').filter(Boolean),
    q: text('q'),
    language: text('language'),
    population: text('population'),
    free: params.get('free') === '1',
    openNow: params.get('open_now') === '1',
    delivery: text('delivery'),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** The filters beyond the place and radius that are switched on. */
export function activeFilterCount(query: SearchQuery): number {
  return (
    query.categories.length +
    (query.q ? 1 : 0) +
    (query.language ? 1 : 0) +
    (query.population ? 1 : 0) +
    (query.free ? 1 : 0) +
    (query.openNow ? 1 : 0) +
    (query.delivery ? 1 : 0)
  );
}

/** "/search?…" for a query; empty values are left out, page 1 is implicit. */
export function searchHref(query: Partial<SearchQuery>, hl?: string): string {
  const params = new URLSearchParams();
  if (query.near) params.set('near', query.near);
  else if (query.lat && query.lng) {
    params.set('lat', query.lat);
    params.set('lng', query.lng);
  }
  if (query.radius) params.set('radius', query.radius);
  for (const category of query.categories ?? []) params.append('category', category);
  if (query.q) params.set('q', query.q);
  if (query.language) params.set('language', query.language);
  if (query.population) params.set('population', query.population);
  if (query.free) params.set('free', '1');
  if (query.openNow) params.set('open_now', '1');
  if (query.delivery) params.set('delivery', query.delivery);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  if (hl) params.set('hl', hl);
  const search = params.toString();
  return search ? `/search?${search}` : '/search';
}

/** The next larger radius option, or null at the largest. */
export function widerRadius(current: number): number | null {
  return RADIUS_OPTIONS.find((miles) => miles > current) ?? null;
}

/** Only the place and radius: every other filter off. */
export function withoutFilters(query: SearchQuery): Partial<SearchQuery> {
  return { near: query.near, lat: query.lat, lng: query.lng, radius: query.radius };
}

/** A new centre from the map ("search this area"): drops the typed place and the page. */
export function areaQuery(
  query: SearchQuery,
  area: { latitude: number; longitude: number; radiusKm: number },
): Partial<SearchQuery> {
  const miles = Math.min(100, Math.max(1, Math.round(area.radiusKm / 1.609344)));
  return {
    ...query,
    near: '',
    lat: String(Math.round(area.latitude * 1000) / 1000),
    lng: String(Math.round(area.longitude * 1000) / 1000),
    radius: String(miles),
    page: 1,
  };
}
