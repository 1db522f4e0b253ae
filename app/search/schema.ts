/**
 * Query-string schemas for the search page (`/search`) and the public API (`/api/v1/services`).
 * Shared by loaders and the browser. Every failure names the parameter, so the API can answer
 * `400 { error, parameter }` and the page can point at the field. Empty values (an untouched
 * form field) count as absent; a single-valued parameter given twice is an error.
 */
import { z } from 'zod';
import { CATEGORY_SLUGS, POPULATION_SLUGS } from './taxonomy';
import type { DeliveryMode, SearchParams } from './types';

export const DEFAULT_RADIUS_MILES = 25;
export const KM_PER_MILE = 1.609344;
export const PAGE_SIZE = 20;
export const MAX_PER_PAGE = 100;
export const MAX_RADIUS_KM = 500;
export const MAX_PAGE = 10_000;
const DELIVERY_MODES = ['in_person', 'phone', 'virtual'] as const satisfies readonly DeliveryMode[];

export type QueryParseResult<T> = { ok: true; value: T } | { ok: false; error: string; parameter: string };

const decimal = (min: number, max: number, unit = '') =>
  z
    .string()
    .regex(/^[-+]?(\d+(\.\d*)?|\.\d+)$/, 'must be a number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}${unit}`).max(max, `must be at most ${max}${unit}`));

const positiveDecimal = (max: number, unit: string) =>
  decimal(0, max, unit).refine((value) => value > 0, `must be greater than 0${unit}`);

const whole = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const flag = z
  .enum(['1', 'true', '0', 'false'], { error: 'must be 1 or 0' })
  .transform((v) => v === '1' || v === 'true');

const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: `is not a known ${what}` });

const common = {
  near: z.string().max(100, 'must be at most 100 characters').optional(),
  lat: decimal(-90, 90).optional(),
  lng: decimal(-180, 180).optional(),
  radius: positiveDecimal(MAX_RADIUS_KM / KM_PER_MILE, ' miles').optional(),
  category: z
    .array(oneOf(CATEGORY_SLUGS as [string, ...string[]], 'category'))
    .max(20, 'may be given at most 20 times')
    .default([]),
  q: z
    .string()
    .max(200, 'must be at most 200 characters')
    // Control characters never belong in a search; rejecting them keeps logs and SQL plain.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'must not contain control characters')
    .optional(),
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}$/, 'must be an ISO 639 language code such as "es"')
    .transform((value) => value.toLowerCase())
    .optional(),
  population: oneOf(POPULATION_SLUGS, 'population').optional(),
  free: flag.optional(),
  open_now: flag.optional(),
  delivery: oneOf(DELIVERY_MODES, 'delivery mode (in_person, phone or virtual)').optional(),
  page: whole(1, MAX_PAGE).default(1),
};

const pageSchema = z.object(common);
const apiSchema = z.object({
  ...common,
  radius_km: positiveDecimal(MAX_RADIUS_KM, ' km').optional(),
  per_page: whole(1, MAX_PER_PAGE).default(PAGE_SIZE),
  format: z.enum(['json', 'ndjson'], { error: 'must be json or ndjson' }).default('json'),
});

const REPEATABLE = new Set(['category']);

/** URLSearchParams → plain object; a repeated single-valued parameter is reported. */
function collect(
  search: URLSearchParams,
  known: Set<string>,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string; parameter: string } {
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

function parseWith<S extends z.ZodType>(
  schema: S,
  input: Record<string, unknown>,
): QueryParseResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  const parameter = String(issue.path[0] ?? 'query');
  return { ok: false, error: `${parameter}: ${issue.message}`, parameter };
}

type Common = z.output<typeof pageSchema>;

function toParams(input: Common, radiusKm: number, pageSize: number): QueryParseResult<SearchParams> {
  if ((input.lat === undefined) !== (input.lng === undefined)) {
    const parameter = input.lat === undefined ? 'lat' : 'lng';
    return { ok: false, error: `${parameter}: lat and lng must be given together`, parameter };
  }
  return {
    ok: true,
    value: {
      point:
        input.lat !== undefined && input.lng !== undefined
          ? { latitude: input.lat, longitude: input.lng }
          : undefined,
      radiusKm,
      categories: [...new Set(input.category)],
      keyword: input.q || undefined,
      language: input.language,
      population: input.population,
      freeOnly: input.free ?? false,
      openNow: input.open_now ?? false,
      delivery: input.delivery,
      page: input.page,
      pageSize,
    },
  };
}

export interface PageQuery {
  /** Place text to resolve with the gazetteer when no lat/lng is given. */
  near?: string;
  radiusMiles: number;
  params: SearchParams;
}

/** `/search` query string → SearchParams (the point comes from lat/lng; `near` is left to resolve). */
export function parsePageQuery(search: URLSearchParams): QueryParseResult<PageQuery> {
  const collected = collect(search, new Set(Object.keys(common)));
  if (!collected.ok) return collected;
  const parsed = parseWith(pageSchema, collected.value);
  if (!parsed.ok) return parsed;
  const radiusMiles = parsed.value.radius ?? DEFAULT_RADIUS_MILES;
  const params = toParams(parsed.value, radiusMiles * KM_PER_MILE, PAGE_SIZE);
  if (!params.ok) return params;
  return { ok: true, value: { near: parsed.value.near, radiusMiles, params: params.value } };
}

export interface ApiQuery {
  near?: string;
  format: 'json' | 'ndjson';
  params: SearchParams;
}

/** `/api/v1/services` query string → SearchParams (radius_km or radius in miles, per_page, format). */
export function parseApiQuery(search: URLSearchParams): QueryParseResult<ApiQuery> {
  const collected = collect(search, new Set([...Object.keys(apiSchema.shape), 'search']));
  if (!collected.ok) return collected;
  // HSDS names the keyword parameter `search`; accept it as an alias of `q`.
  const { search: alias, ...input } = collected.value;
  if (alias !== undefined && input.q === undefined) input.q = alias;
  const parsed = parseWith(apiSchema, input);
  if (!parsed.ok) return parsed;
  const { radius, radius_km: radiusKm } = parsed.value;
  if (radius !== undefined && radiusKm !== undefined) {
    return { ok: false, error: 'radius: give radius (miles) or radius_km, not both', parameter: 'radius' };
  }
  const km = radiusKm ?? (radius ?? DEFAULT_RADIUS_MILES) * KM_PER_MILE;
  const params = toParams(parsed.value, km, parsed.value.per_page);
  if (!params.ok) return params;
  return { ok: true, value: { near: parsed.value.near, format: parsed.value.format, params: params.value } };
}
