/**
 * The search registry: every query parameter of `/search` and `/api/v1/services` defined once
 * — its URL name, the zod schema of its value, its labels (keys of the search catalog, English
 * and Spanish), its OpenAPI description — and, for the filters, the form control that sets it
 * and its SQL over a service (`s`, `o`) and over a `search_point` row (`sp`).
 *
 * Everything else is derived from this list: the query-string parsers (./schema.ts), the page's
 * form state, active-filter count and links (./search-url.ts), the form (components/
 * search-form.tsx), the SQL (./filters.server.ts), the OpenAPI parameters and the parameter
 * table in docs/api.md (app/api/openapi-parameters.ts, app/api/api-doc-tables.ts). docs/search.md walks through adding a filter.
 *
 * The page's links are built in the browser from this module, so it imports zod and Kysely as
 * types only: the server-side modules hand `z` and the SQL kit in, and neither library reaches
 * page JavaScript.
 */
import type { RawBuilder, sql as Sql } from 'kysely';
import type { z as Zod } from 'zod';
import type { DeliveryMode } from '../../db/types';
import type { searchMessages } from '../i18n/messages/search';
import type { taxonomyMessages } from '../i18n/messages/taxonomy';
import { CATEGORY_SLUGS, FILTER_LANGUAGES, POPULATION_SLUGS, TAXONOMY, TOP_CATEGORY_SLUGS } from './taxonomy';
import { KM_PER_MILE } from './units';

type Z = typeof Zod;
type Schema = Zod.ZodType<unknown, string | string[] | undefined>;
type SearchMessageKey = keyof (typeof searchMessages)['en'];
type TaxonomyMessageKey = keyof (typeof taxonomyMessages)['en'];
type JsonSchema = Record<string, unknown>;
export type Condition = RawBuilder<boolean>;

export const DEFAULT_RADIUS_MILES = 25;
export const RADIUS_OPTIONS = [5, 10, 25, 50, 100] as const;
export const PAGE_SIZE = 20;
export const MAX_PER_PAGE = 100;
export const MAX_RADIUS_KM = 500;
export const MAX_PAGE = 10_000;
export const DELIVERY_MODES = ['in_person', 'phone', 'virtual'] as const satisfies readonly DeliveryMode[];

/** A yes/no parameter's accepted spellings; the form and the schema both read this table. */
export const FLAG_VALUES: Readonly<Record<string, boolean>> = {
  '1': true,
  true: true,
  '0': false,
  false: false,
};

// Value builders, given zod by the caller. Every message names what is wrong; the parsers put
// the parameter's name in front of it.
const decimal = (z: Z, min: number, max: number, unit = '') =>
  z
    .string()
    .regex(/^[-+]?(\d+(\.\d*)?|\.\d+)$/, 'must be a number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}${unit}`).max(max, `must be at most ${max}${unit}`));
const positiveDecimal = (z: Z, max: number, unit: string) =>
  decimal(z, 0, max, unit).refine((value) => value > 0, `must be greater than 0${unit}`);
export const wholeNumber = (z: Z, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
export const flag = (z: Z, error = 'must be 1 or 0') =>
  z.enum(Object.keys(FLAG_VALUES) as [string, ...string[]], { error }).transform((v) => FLAG_VALUES[v]!);
const oneOf = <T extends readonly [string, ...string[]]>(z: Z, values: T, what: string) =>
  z.enum(values, { error: `is not a known ${what}` });

/** A yes/no filter: a checkbox, `1`/`true` or `0`/`false` in the URL. */
const yesNo = (description: string) => ({
  control: { kind: 'checkbox' as const },
  schema: (z: Z) => flag(z).optional(),
  api: { description, schema: { type: 'string', enum: Object.keys(FLAG_VALUES) } },
});

/** What the server-side SQL builder hands a filter (./filters.server.ts). */
export interface SqlKit {
  sql: typeof Sql;
  /** An attribute of service `s` in `taxonomy` whose term `t` passes `codes`. */
  hasTerm(taxonomy: string, codes: Condition): Condition;
  /** The keyword's tsquery; null without a keyword. */
  tsquery: RawBuilder<unknown> | null;
}

/** How a filter appears in the search form; its form state is a boolean, a string or a list. */
export type Control =
  | { kind: 'checkbox' }
  | { kind: 'search'; hint: SearchMessageKey }
  | { kind: 'select'; options: readonly string[]; optionLabel: (value: string) => TaxonomyMessageKey }
  | { kind: 'checkboxes'; options: readonly string[]; optionLabel: (value: string) => TaxonomyMessageKey };

interface ParameterBase<N extends string, S extends Schema> {
  /** The URL parameter. */
  name: N;
  schema(z: Z): S;
  /** For the API's OpenAPI document and docs/api.md. */
  api: { description: string; schema: JsonSchema };
}

/** A parameter that is not a filter: the place, the radius, paging, the API's output options. */
export interface Parameter<
  N extends string = string,
  S extends Schema = Schema,
  P extends PageUse = PageUse,
> extends ParameterBase<N, S> {
  /** Where it is accepted; on the page it has a name for the "not valid" list. */
  on: { page: P; api: boolean };
}
type PageUse = SearchMessageKey | false;

/** A filter: narrows the results on the page and in the API alike. */
export interface Filter<
  N extends string = string,
  K extends string = string,
  S extends Schema = Schema,
  C extends Control = Control,
> extends ParameterBase<N, S> {
  /** Its key in SearchParams (./types.ts). */
  key: K;
  control: C;
  /** The control's label, and the filter's name in the "not valid" list. */
  label: SearchMessageKey;
  field: SearchMessageKey;
  /**
   * The condition over a service `s` of organization `o` (searches without a point, remote
   * matches), and over a `search_point` row `sp` (nearby searches; the row carries the filter's
   * column). Called only when the filter is on (ticked, non-empty); null: decided outside SQL.
   */
  service(value: NonNullable<Zod.output<S>>, kit: SqlKit): Condition | null;
  point(value: NonNullable<Zod.output<S>>, kit: SqlKit): Condition | null;
}

/** A choice among `options`, each named by the taxonomy catalog's `prefix.option` message. */
const select = (options: readonly string[], prefix: 'category' | 'language' | 'population' | 'delivery') => ({
  kind: 'select' as const,
  options,
  optionLabel: (value: string) => `${prefix}.${value}` as TaxonomyMessageKey,
});

/**
 * One of a fixed list, chosen in a select; its labels are the search catalog's `<prefix>Label`
 * and `field<Prefix>`. `what` names it in an error, `description` in the API.
 */
const choice = <T extends readonly [string, ...string[]], P extends 'population' | 'delivery'>(
  options: T,
  prefix: P,
  description: string,
  what: string = prefix,
) => ({
  control: select(options, prefix),
  label: `${prefix}Label` as const,
  field: `field${(prefix[0]!.toUpperCase() + prefix.slice(1)) as Capitalize<P>}` as const,
  schema: (z: Z) => oneOf(z, options, what).optional(),
  api: { description, schema: { type: 'string', enum: options } },
});

const defineFilter = <N extends string, K extends string, S extends Schema, C extends Control>(
  filter: Filter<N, K, S, C>,
) => filter;
const defineParameter = <N extends string, S extends Schema, const P extends PageUse>(
  parameter: Parameter<N, S, P>,
) => parameter;

/** The filters, in the order of the form, the URL and the API documentation. */
export const FILTERS = [
  defineFilter({
    name: 'category',
    key: 'categories',
    control: { ...select(TOP_CATEGORY_SLUGS, 'category'), kind: 'checkboxes' },
    label: 'categoriesLegend',
    field: 'fieldCategory',
    schema: (z) =>
      z
        .array(oneOf(z, CATEGORY_SLUGS as [string, ...string[]], 'category'))
        .max(20, 'may be given at most 20 times')
        .default([])
        .transform((slugs) => [...new Set(slugs)]),
    api: {
      description: 'Category slug, repeatable (any of; includes subcategories).',
      schema: { type: 'array', items: { type: 'string', enum: CATEGORY_SLUGS } },
    },
    // A top-level category also matches services tagged only with one of its subcategories;
    // search_point.categories holds each term's code and its parent's.
    service: (slugs, { sql, hasTerm }) =>
      hasTerm(
        TAXONOMY.categories,
        sql<boolean>`(t.code = any(cast(${slugs} as text[]))
          or t.parent_id in (select p.id from taxonomy_term p
                             where p.taxonomy = ${TAXONOMY.categories} and p.code = any(cast(${slugs} as text[]))))`,
      ),
    point: (slugs, { sql }) => sql<boolean>`sp.categories && cast(${slugs} as text[])`,
  }),
  defineFilter({
    name: 'q',
    key: 'keyword',
    control: { kind: 'search', hint: 'keywordHint' },
    label: 'keywordLabel',
    field: 'fieldQ',
    schema: (z) =>
      z
        .string()
        .max(200, 'must be at most 200 characters')
        // Control characters never belong in a search; rejecting them keeps logs and SQL plain.
        // eslint-disable-next-line no-control-regex -- matching control characters is the point
        .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'must not contain control characters')
        .optional(),
    api: {
      description: 'Keyword (English or Spanish; typos tolerated). Alias: search.',
      schema: { type: 'string', maxLength: 200 },
    },
    // The tsquery is built once per search (keywordQuery, with typo correction).
    service: (_, { sql, tsquery }) => (tsquery ? sql<boolean>`s.search_vector @@ ${tsquery}` : null),
    point: (_, { sql, tsquery }) =>
      tsquery
        ? sql<boolean>`exists (select 1 from service s where s.id = sp.service_id and s.search_vector @@ ${tsquery})`
        : null,
  }),
  defineFilter({
    name: 'language',
    key: 'language',
    control: select(FILTER_LANGUAGES, 'language'),
    label: 'languageLabel',
    field: 'fieldLanguage',
    schema: (z) =>
      z
        .string()
        .regex(/^[A-Za-z]{2,3}$/, 'must be an ISO 639 language code such as "es"')
        .transform((value) => value.toLowerCase())
        .optional(),
    api: { description: 'ISO 639-1 language code.', schema: { type: 'string', pattern: '^[a-z]{2,3}$' } },
    service: (code, { sql }) =>
      sql<boolean>`exists (select 1 from language lg where lg.service_id = s.id and lg.code = ${code})`,
    point: (code, { sql }) => sql<boolean>`sp.languages @> array[${code}]::text[]`,
  }),
  defineFilter({
    name: 'population',
    key: 'population',
    ...choice(POPULATION_SLUGS, 'population', 'Population served.'),
    // An attribute of the `haven-population` taxonomy; search_point.populations holds their codes.
    service: (slug, { sql, hasTerm }) => hasTerm(TAXONOMY.populations, sql<boolean>`t.code = ${slug}`),
    point: (slug, { sql }) => sql<boolean>`sp.populations @> array[${slug}]::text[]`,
  }),
  defineFilter({
    name: 'delivery',
    key: 'delivery',
    ...choice(DELIVERY_MODES, 'delivery', 'Delivery mode.', 'delivery mode (in_person, phone or virtual)'),
    // service.delivery is a set (a service may be in person and by phone): any of it matches.
    service: (mode, { sql }) => sql<boolean>`s.delivery @> array[${mode}]::text[]`,
    point: (mode, { sql }) => sql<boolean>`sp.delivery @> array[${mode}]::text[]`,
  }),
  defineFilter({
    name: 'free',
    key: 'freeOnly',
    ...yesNo('Only free services.'),
    label: 'freeLabel',
    field: 'fieldFree',
    // Free: the cost attribute `free`, or a cost option of amount 0.
    service: (_, { sql, hasTerm }) =>
      sql<boolean>`(${hasTerm(TAXONOMY.costs, sql<boolean>`t.code = 'free'`)}
        or exists (select 1 from cost_option co where co.service_id = s.id and co.amount = 0))`,
    point: (_, { sql }) => sql<boolean>`sp.free`,
  }),
  defineFilter({
    name: 'open_now',
    key: 'openNow',
    ...yesNo('Only services open now (in their own time zone).'),
    label: 'openNowLabel',
    field: 'fieldOpenNow',
    // Hours are read in each schedule's own time zone, in JS (app/search/hours.ts) on the
    // ranked matches: see rankServices.
    service: () => null,
    point: () => null,
  }),
] as const;

/**
 * A filter of the API only (HSDS API 3.0 parameters with no control on the page): the same SQL
 * pair as a page filter, no form control. Shared by /services and /service_at_locations.
 */
export interface ApiFilter<
  N extends string = string,
  K extends string = string,
  S extends Schema = Schema,
> extends ParameterBase<N, S> {
  key: K;
  service(value: NonNullable<Zod.output<S>>, kit: SqlKit): Condition | null;
  point(value: NonNullable<Zod.output<S>>, kit: SqlKit): Condition | null;
}
const defineApiFilter = <N extends string, K extends string, S extends Schema>(filter: ApiFilter<N, K, S>) =>
  filter;

/** Any UUID-shaped id (imported HSDS ids keep their source's UUIDs, whatever their version). */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const uuidValue = (z: Z) =>
  z
    .string()
    .regex(new RegExp(UUID_PATTERN), 'must be a UUID')
    .transform((value) => value.toLowerCase());
/** An ISO 8601 date or date-time ("2026-01-31" or "2026-01-31T12:00:00Z"). */
const dateTimeValue = (z: Z) =>
  z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/,
      'must be an ISO 8601 date or date-time',
    )
    .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 date or date-time')
    .transform((value) => new Date(value).toISOString());

/** A service `s` (or search point `sp`) linked to a taxonomy term `t` that passes `condition`. */
const linkedTerm = (owner: 's.id' | 'sp.service_id', condition: Condition, sql: typeof Sql) =>
  sql<boolean>`exists (select 1 from attribute a join taxonomy_term t on t.id = a.taxonomy_term_id
    where a.link_entity = 'service' and a.link_id = ${sql.ref(owner)} and ${condition})`;

/** The HSDS API filters, in the order the API documents them (after the page's filters). */
export const API_FILTERS = [
  defineApiFilter({
    name: 'taxonomy_term_id',
    key: 'taxonomyTermId',
    schema: (z) => uuidValue(z).optional(),
    api: {
      description: 'Only services with this taxonomy term (or one of its child terms).',
      schema: { type: 'string', format: 'uuid' },
    },
    service: (id, { sql }) => linkedTerm('s.id', sql<boolean>`(t.id = ${id} or t.parent_id = ${id})`, sql),
    point: (id, { sql }) =>
      linkedTerm('sp.service_id', sql<boolean>`(t.id = ${id} or t.parent_id = ${id})`, sql),
  }),
  defineApiFilter({
    name: 'taxonomy_id',
    key: 'taxonomyId',
    schema: (z) => uuidValue(z).optional(),
    api: {
      description: 'Only services with a term of this taxonomy.',
      schema: { type: 'string', format: 'uuid' },
    },
    service: (id, { sql }) => linkedTerm('s.id', sql<boolean>`t.taxonomy_id = ${id}`, sql),
    point: (id, { sql }) => linkedTerm('sp.service_id', sql<boolean>`t.taxonomy_id = ${id}`, sql),
  }),
  defineApiFilter({
    name: 'organization_id',
    key: 'organizationId',
    schema: (z) => uuidValue(z).optional(),
    api: { description: 'Only services of this organization.', schema: { type: 'string', format: 'uuid' } },
    service: (id, { sql }) => sql<boolean>`s.organization_id = ${id}`,
    point: (id, { sql }) =>
      sql<boolean>`exists (select 1 from service s where s.id = sp.service_id and s.organization_id = ${id})`,
  }),
  defineApiFilter({
    name: 'modified_after',
    key: 'modifiedAfter',
    schema: (z) => dateTimeValue(z).optional(),
    api: {
      description: 'Only services modified on or after this date or date-time (ISO 8601).',
      schema: { type: 'string', format: 'date-time' },
    },
    // The service's own last_modified, or its last change in Haven (updated_at), whichever is later:
    // the API serves the same value as last_modified.
    service: (after, { sql }) =>
      sql<boolean>`greatest(s.last_modified, s.updated_at) >= cast(${after} as timestamptz)`,
    point: (after, { sql }) =>
      sql<boolean>`exists (select 1 from service s where s.id = sp.service_id
                           and greatest(s.last_modified, s.updated_at) >= cast(${after} as timestamptz))`,
  }),
] as const;

export type AnyApiFilter = (typeof API_FILTERS)[number];

/** The API filters' values as SearchParams carries them (absent = off). */
export type ApiFilterValues = {
  [F in AnyApiFilter as F['key']]?: Zod.output<ReturnType<F['schema']>>;
};

export type AnyFilter = (typeof FILTERS)[number];
export type FilterName = AnyFilter['name'];

/** The filters' values as SearchParams carries them (absent = off). */
export type FilterValues = {
  [F in AnyFilter as F['key']]?: Zod.output<ReturnType<F['schema']>>;
};

/** The form state of a control: what the visitor typed or ticked, before validation. */
export type FormValue<C extends Control> = C extends { kind: 'checkbox' }
  ? boolean
  : C extends { kind: 'checkboxes' }
    ? string[]
    : string;

export type FilterForm = { [F in AnyFilter as F['name']]: FormValue<F['control']> };

/** `lat` or `lng`: given with the other, degrees within ±limit. */
const coordinate = <N extends 'lat' | 'lng'>(name: N, other: 'lat' | 'lng', limit: number) =>
  defineParameter({
    name,
    on: { page: name === 'lat' ? 'fieldLat' : 'fieldLng', api: true },
    schema: (z) => decimal(z, -limit, limit).optional(),
    api: {
      description: `${name === 'lat' ? 'Latitude' : 'Longitude'} of the search point (with ${other}).`,
      schema: { type: 'number', minimum: -limit, maximum: limit },
    },
  });

/** The place and radius of the page and the API. */
const PLACE_PARAMETERS = [
  defineParameter({
    name: 'near',
    on: { page: 'fieldNear', api: true },
    schema: (z) => z.string().max(100, 'must be at most 100 characters').optional(),
    api: {
      description: 'A US ZIP or "City, ST", resolved offline.',
      schema: { type: 'string', maxLength: 100 },
    },
  }),
  coordinate('lat', 'lng', 90),
  coordinate('lng', 'lat', 180),
  defineParameter({
    name: 'radius',
    on: { page: 'fieldRadius', api: true },
    schema: (z) => positiveDecimal(z, MAX_RADIUS_KM / KM_PER_MILE, ' miles').optional(),
    api: {
      description: `Distance cap in miles (default ${DEFAULT_RADIUS_MILES}; the API also takes radius_km).`,
      schema: { type: 'number', exclusiveMinimum: 0, maximum: MAX_RADIUS_KM / KM_PER_MILE },
    },
  }),
  defineParameter({
    name: 'postcode',
    on: { page: false, api: true },
    schema: (z) =>
      z
        .string()
        .regex(/^\d{5}(-\d{4})?$/, 'must be a US ZIP code such as 77002')
        .optional(),
    api: {
      description:
        'HSDS: a US ZIP code; its centroid is the search point (as `near`): services within `proximity` (or the radius) and remote services whose area covers it.',
      schema: { type: 'string', pattern: '^\\d{5}(-\\d{4})?$' },
    },
  }),
  defineParameter({
    name: 'proximity',
    on: { page: false, api: true },
    schema: (z) => positiveDecimal(z, MAX_RADIUS_KM * 1000, ' metres').optional(),
    api: {
      description: 'HSDS: distance cap in metres from the postcode centroid (needs postcode).',
      schema: { type: 'number', exclusiveMinimum: 0, maximum: MAX_RADIUS_KM * 1000 },
    },
  }),
  defineParameter({
    name: 'radius_km',
    on: { page: false, api: true },
    schema: (z) => positiveDecimal(z, MAX_RADIUS_KM, ' km').optional(),
    api: {
      description: `Distance cap in km (alternative to radius; default ${DEFAULT_RADIUS_MILES * KM_PER_MILE} = ${DEFAULT_RADIUS_MILES} mi).`,
      schema: { type: 'number', exclusiveMinimum: 0, maximum: MAX_RADIUS_KM },
    },
  }),
] as const;

/** Paging, and the API's output options. */
const OUTPUT_PARAMETERS = [
  defineParameter({
    name: 'page',
    on: { page: 'fieldPage', api: true },
    schema: (z) => wholeNumber(z, 1, MAX_PAGE).default(1),
    api: { description: 'Page number, from 1.', schema: { type: 'integer', minimum: 1, default: 1 } },
  }),
  defineParameter({
    name: 'per_page',
    on: { page: false, api: true },
    schema: (z) => wholeNumber(z, 1, MAX_PER_PAGE).default(PAGE_SIZE),
    api: {
      description: 'Items per page.',
      schema: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, default: PAGE_SIZE },
    },
  }),
  defineParameter({
    name: 'full',
    on: { page: false, api: true },
    schema: (z) => flag(z, 'must be true or false').optional(),
    api: {
      description:
        "HSDS: true or absent: fully nested services (Haven's default); false: one-to-one fields only.",
      schema: { type: 'string', enum: Object.keys(FLAG_VALUES) },
    },
  }),
  defineParameter({
    name: 'minimal',
    on: { page: false, api: true },
    schema: (z) =>
      flag(z, 'must be true or false')
        .refine(
          (value) => !value,
          'is not supported (use format=ndjson to read every service, full=false for one-to-one fields)',
        )
        .optional(),
    api: {
      description:
        'HSDS: only false is accepted; minimal=true answers 400 (use format=ndjson or full=false).',
      schema: { type: 'string', enum: ['false', '0'] },
    },
  }),
  defineParameter({
    name: 'format',
    on: { page: false, api: true },
    schema: (z) => z.enum(['json', 'ndjson'], { error: 'must be json or ndjson' }).default('json'),
    api: {
      description:
        'json (default): one page in an HSDS envelope. ndjson: every match from `page` on, one service per line, streamed `per_page` at a time (no envelope, no ETag).',
      schema: { type: 'string', enum: ['json', 'ndjson'] },
    },
  }),
] as const;

/** Every parameter but the filters, in the API's order: place and radius first, then output. */
export const PARAMETERS = [...PLACE_PARAMETERS, ...OUTPUT_PARAMETERS] as const;

/** Every parameter of `/api/v1/services`, in the order the API documents them. */
export const API_PARAMETERS: ReadonlyArray<Pick<Parameter, 'name' | 'api'> & { repeatable: boolean }> = [
  ...PLACE_PARAMETERS.filter((p) => p.on.api).map((p) => ({ ...p, repeatable: false })),
  ...FILTERS.map((f) => ({ ...f, repeatable: f.control.kind === 'checkboxes' })),
  ...API_FILTERS.map((f) => ({ ...f, repeatable: false })),
  ...OUTPUT_PARAMETERS.filter((p) => p.on.api).map((p) => ({ ...p, repeatable: false })),
];

/** A page parameter that can be reported as not valid (its field in the form). */
export type SearchField =
  FilterName | Extract<(typeof PARAMETERS)[number], Parameter<string, Schema, SearchMessageKey>>['name'];

/** The name of a page field in the "not valid" list. */
export function fieldLabelKey(field: SearchField): SearchMessageKey {
  const filter = FILTERS.find((f) => f.name === field);
  if (filter) return filter.field;
  const parameter = PARAMETERS.find((p) => p.name === field);
  return parameter?.on.page || 'fieldNear';
}

/** A filter's value counts as "on": ticked, non-empty, or a non-empty list. */
export function isOn(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== false && value !== '';
}
