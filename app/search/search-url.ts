/**
 * The search page's query as the visitor typed it (the form state: strings and ticks, not yet
 * validated) and the links built from it: pagination, "widen radius", "remove filters",
 * "search this area". The filters' part is derived from the registry (./filters.ts); runs in
 * the browser too.
 */
import { type AnyFilter, FILTERS, type FilterForm, FLAG_VALUES, isOn, RADIUS_OPTIONS } from './filters';
import { KM_PER_MILE } from './units';

export interface SearchQuery extends FilterForm {
  near: string;
  lat: string;
  lng: string;
  radius: string;
  page: number;
}

/** A filter's form state from the URL: ticked for any "yes" spelling the schema accepts. */
function readFilter(filter: AnyFilter, params: URLSearchParams): FilterForm[keyof FilterForm] {
  switch (filter.control.kind) {
    case 'checkbox':
      return FLAG_VALUES[(params.get(filter.name) ?? '').trim()] ?? false;
    case 'checkboxes':
      return params
        .getAll(filter.name)
        .map((value) => value.trim())
        .filter(Boolean);
    default:
      return (params.get(filter.name) ?? '').trim();
  }
}

export function readSearchQuery(params: URLSearchParams): SearchQuery {
  const text = (name: string) => (params.get(name) ?? '').trim();
  const page = Number.parseInt(text('page'), 10);
  const filters = Object.fromEntries(FILTERS.map((f) => [f.name, readFilter(f, params)])) as FilterForm;
  return {
    near: text('near'),
    lat: text('lat'),
    lng: text('lng'),
    radius: text('radius'),
    ...filters,
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** The filters beyond the place and radius that are switched on (each ticked category counts). */
export function activeFilterCount(query: Partial<FilterForm>): number {
  return FILTERS.reduce((count, filter) => {
    const value = query[filter.name];
    return count + (Array.isArray(value) ? value.length : isOn(value) ? 1 : 0);
  }, 0);
}

/**
 * "/search?…" for a query; empty values are left out, page 1 is implicit, a tick is `=1`.
 * `path`: the page the same query runs on (the caseworkers' /staff/search).
 */
export function searchHref(query: Partial<SearchQuery>, hl?: string, path = '/search'): string {
  const params = new URLSearchParams();
  if (query.near) params.set('near', query.near);
  else if (query.lat && query.lng) {
    params.set('lat', query.lat);
    params.set('lng', query.lng);
  }
  if (query.radius) params.set('radius', query.radius);
  for (const filter of FILTERS) {
    const value = query[filter.name];
    if (Array.isArray(value)) for (const item of value) params.append(filter.name, item);
    else if (value === true) params.set(filter.name, '1');
    else if (typeof value === 'string' && value) params.set(filter.name, value);
  }
  if (query.page && query.page > 1) params.set('page', String(query.page));
  if (hl) params.set('hl', hl);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Rounds coordinates to 3 decimals (~100 m) before they go into a URL. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** "/search?lat=&lng=" for a browser position (rounded), keeping `extra` (e.g. a category). */
export function searchHrefForPosition(latitude: number, longitude: number, extra?: URLSearchParams): string {
  const params = new URLSearchParams(extra);
  params.set('lat', String(roundCoordinate(latitude)));
  params.set('lng', String(roundCoordinate(longitude)));
  return `/search?${params.toString()}`;
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
  const miles = Math.min(100, Math.max(1, Math.round(area.radiusKm / KM_PER_MILE)));
  return {
    ...query,
    near: '',
    lat: String(roundCoordinate(area.latitude)),
    lng: String(roundCoordinate(area.longitude)),
    radius: String(miles),
    page: 1,
  };
}
