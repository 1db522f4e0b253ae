/**
 * The query-string parsers of the search page (`/search`) and the public API
 * (`/api/v1/services`), built from the registry (./filters.ts). Server-only (imported by
 * `.server` modules), so zod stays out of page JavaScript. Every failure names the parameter,
 * so the API can answer `400 { error, parameter }` and the page can point at the field. Empty
 * values (an untouched form field) count as absent; a single-valued parameter given twice is an
 * error.
 */
import { z } from 'zod';
import {
  API_FILTERS,
  type ApiFilterValues,
  DEFAULT_RADIUS_MILES,
  FILTERS,
  type FilterValues,
  PAGE_SIZE,
  PARAMETERS,
  type SearchField,
} from './filters';
import type { SearchParams } from './types';
import { KM_PER_MILE } from './units';

export type QueryParseResult<T> = { ok: true; value: T } | { ok: false; error: string; parameter: string };
type QueryError = Extract<QueryParseResult<unknown>, { ok: false }>;

const shape = <P extends { name: string; schema(zod: typeof z): z.ZodType }>(parameters: readonly P[]) =>
  Object.fromEntries(parameters.map((p) => [p.name, p.schema(z)])) as Record<string, z.ZodType>;

const filterShape = shape(FILTERS);
const pageSchema = z.object({ ...shape(PARAMETERS.filter((p) => p.on.page)), ...filterShape });
/** `/api/v1/services` (and the filters of `/api/v1/service_at_locations`): the page's plus HSDS's. */
export const apiSchema = z.object({
  ...shape(PARAMETERS.filter((p) => p.on.api)),
  ...filterShape,
  ...shape(API_FILTERS),
});

const REPEATABLE = new Set<string>(FILTERS.filter((f) => f.control.kind === 'checkboxes').map((f) => f.name));

/** The page's parameters, for reporting a bad one at its field. */
export const PAGE_FIELDS = new Set<string>(Object.keys(pageSchema.shape)) as ReadonlySet<SearchField>;

/** URLSearchParams → plain object; a repeated single-valued parameter is reported. */
function collect(
  search: URLSearchParams,
  known: Iterable<string>,
): { ok: true; value: Record<string, unknown> } | QueryError {
  const value: Record<string, unknown> = {};
  for (const key of known) {
    const all = search
      .getAll(key)
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (REPEATABLE.has(key)) value[key] = all;
    else if (all.length > 1)
      return { ok: false, error: `${key}: must be given at most once`, parameter: key };
    else if (all.length === 1) value[key] = all[0];
  }
  return { ok: true, value };
}

function parseWith(
  schema: z.ZodType,
  input: Record<string, unknown>,
): QueryParseResult<Record<string, unknown>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data as Record<string, unknown> };
  const issue = result.error.issues[0]!;
  const parameter = String(issue.path[0] ?? 'query');
  return { ok: false, error: `${parameter}: ${issue.message}`, parameter };
}

/** What both parsers hand the resolve step (./resolve.server.ts): unresolved place + params. */
export interface ParsedQuery {
  /** Place text to resolve with the gazetteer; a lat/lng point is already in `params`. */
  near?: string;
  radiusMiles: number;
  params: SearchParams;
}

function toQuery(
  input: Record<string, unknown>,
  radiusKm: number,
  pageSize: number,
): QueryParseResult<ParsedQuery> {
  const lat = input.lat as number | undefined;
  const lng = input.lng as number | undefined;
  if ((lat === undefined) !== (lng === undefined)) {
    const parameter = lat === undefined ? 'lat' : 'lng';
    return { ok: false, error: `${parameter}: lat and lng must be given together`, parameter };
  }
  const filters = Object.fromEntries(
    [...FILTERS, ...API_FILTERS].map((f) => [f.key, input[f.name]]),
  ) as FilterValues & ApiFilterValues;
  return {
    ok: true,
    value: {
      near: input.near as string | undefined,
      radiusMiles: radiusKm / KM_PER_MILE,
      params: {
        ...filters,
        keyword: filters.keyword || undefined,
        point: lat !== undefined && lng !== undefined ? { latitude: lat, longitude: lng } : undefined,
        radiusKm,
        page: input.page as number,
        pageSize,
      },
    },
  };
}

/** `/search` query string → the query to resolve (radius in miles, pages of PAGE_SIZE). */
export function parsePageQuery(search: URLSearchParams): QueryParseResult<ParsedQuery> {
  const collected = collect(search, Object.keys(pageSchema.shape));
  if (!collected.ok) return collected;
  const parsed = parseWith(pageSchema, collected.value);
  if (!parsed.ok) return parsed;
  const radiusMiles = (parsed.value.radius as number | undefined) ?? DEFAULT_RADIUS_MILES;
  const query = toQuery(parsed.value, radiusMiles * KM_PER_MILE, PAGE_SIZE);
  return query.ok ? { ok: true, value: { ...query.value, radiusMiles } } : query;
}

export interface ApiQuery extends ParsedQuery {
  format: 'json' | 'ndjson';
  /** false: one-to-one fields only (HSDS `full=false`). */
  full: boolean;
}

/** HSDS names the keyword parameter `search`: an alias of `q`. */
const ALIASES: Record<string, string> = { search: 'q' };

/** The first query parameter the API does not know, as a 400: a filter is never silently ignored. */
export function unknownParameter(search: URLSearchParams, known: Iterable<string>): QueryError | null {
  const names = new Set(known);
  for (const key of search.keys()) {
    if (!names.has(key))
      return { ok: false, error: `${key}: is not a parameter of this path`, parameter: key };
  }
  return null;
}

/** `/api/v1/services` query string → the query to resolve (radius_km or radius, per_page, format). */
export function parseApiQuery(search: URLSearchParams): QueryParseResult<ApiQuery> {
  const unknown = unknownParameter(search, [...Object.keys(apiSchema.shape), ...Object.keys(ALIASES)]);
  if (unknown) return unknown;
  const collected = collect(search, [...Object.keys(apiSchema.shape), ...Object.keys(ALIASES)]);
  if (!collected.ok) return collected;
  const { search: alias, ...input } = collected.value;
  if (alias !== undefined && input.q !== undefined)
    return { ok: false, error: 'search: give search or q, not both', parameter: 'search' };
  if (alias !== undefined) input.q = alias;
  const parsed = parseWith(apiSchema, input);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  const place = placeOf(value);
  if (!place.ok) return place;
  const radius = value.radius as number | undefined;
  const radiusKm = value.radius_km as number | undefined;
  const proximity = value.proximity as number | undefined;
  const given = [
    radius !== undefined && 'radius',
    radiusKm !== undefined && 'radius_km',
    proximity !== undefined && 'proximity',
  ].filter(Boolean) as string[];
  if (given.length > 1) {
    const parameter = given[0]!;
    return {
      ok: false,
      error: `${parameter}: give one of radius (miles), radius_km or proximity (metres)`,
      parameter,
    };
  }
  const km =
    radiusKm ??
    (proximity !== undefined ? proximity / 1000 : undefined) ??
    (radius ?? DEFAULT_RADIUS_MILES) * KM_PER_MILE;
  const query = toQuery({ ...value, near: place.near }, km, value.per_page as number);
  if (!query.ok) return query;
  return {
    ok: true,
    value: { ...query.value, format: value.format as 'json' | 'ndjson', full: value.full !== false },
  };
}

/** `postcode` is HSDS's spelling of a ZIP `near`; one place only, and `proximity` needs it. */
function placeOf(value: Record<string, unknown>): { ok: true; near?: string } | QueryError {
  const postcode = value.postcode as string | undefined;
  if (value.proximity !== undefined && postcode === undefined)
    return {
      ok: false,
      error: 'proximity: needs postcode (use radius_km with near or lat/lng)',
      parameter: 'proximity',
    };
  if (postcode === undefined) return { ok: true, near: value.near as string | undefined };
  if (value.near !== undefined || value.lat !== undefined || value.lng !== undefined)
    return {
      ok: false,
      error: 'postcode: give postcode, near or lat/lng, not more than one',
      parameter: 'postcode',
    };
  return { ok: true, near: postcode.slice(0, 5) };
}
