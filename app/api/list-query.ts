/**
 * The query parameters of the API's plain lists and single objects (organizations, taxonomies,
 * taxonomy terms), each defined once with its zod schema and description; each path lists
 * the ones it takes. A parameter a path does not take is a 400 naming it, never ignored.
 * `/services` and `/service_at_locations` take the search registry's (app/search/filters.ts).
 */
import { z } from 'zod';
import { flag, MAX_PAGE, MAX_PER_PAGE, PAGE_SIZE, uuidValue, wholeNumber } from '../search/filters';
import { type QueryParseResult, unknownParameter } from '../search/schema';

const yesNo = () => flag(z, 'must be true or false').optional();

/** Every parameter of the plain lists: its schema (over the query-string value) and meaning. */
export const LIST_PARAMETERS = {
  search: {
    schema: z
      .string()
      .max(200, 'must be at most 200 characters')
      // eslint-disable-next-line no-control-regex -- control characters never belong in a search
      .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'must not contain control characters')
      .optional(),
    description: 'Full text search: every word in the name or description (case and accents ignored).',
  },
  taxonomy: {
    schema: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, 'must be a taxonomy name such as "haven"')
      .optional(),
    description: 'Haven extension: taxonomy name (haven, haven-population, haven-cost).',
  },
  taxonomy_id: { schema: uuidValue(z).optional(), description: 'Only terms of this taxonomy.' },
  parent_id: { schema: uuidValue(z).optional(), description: 'Only children of this term.' },
  top_only: { schema: yesNo(), description: 'Only top-level terms (true or false).' },
  full: { schema: yesNo(), description: 'Nest phones and locations in each organization.' },
  full_service: {
    schema: yesNo(),
    description: "Nest each organization's public services, fully (implies full).",
  },
  page: { schema: wholeNumber(z, 1, MAX_PAGE).default(1), description: 'Page number, from 1.' },
  per_page: {
    schema: wholeNumber(z, 1, MAX_PER_PAGE).default(PAGE_SIZE),
    description: `Items per page (1–${MAX_PER_PAGE}).`,
  },
  format: {
    schema: z.enum(['json', 'ndjson'], { error: 'must be json or ndjson' }).default('json'),
    description:
      'json (default): one page in an HSDS envelope; ndjson: every item from `page` on, one per line.',
  },
} as const;

export type ListParameter = keyof typeof LIST_PARAMETERS;

/** The query parameters each plain path takes, in the order the OpenAPI document lists them. */
export const LIST_PATHS = {
  '/organizations': ['search', 'full', 'full_service', 'page', 'per_page', 'format'],
  '/organizations/{id}': ['full_service'],
  '/taxonomies': ['search', 'page', 'per_page', 'format'],
  '/taxonomies/{id}': [],
  '/taxonomy_terms': [
    'search',
    'taxonomy_id',
    'taxonomy',
    'parent_id',
    'top_only',
    'page',
    'per_page',
    'format',
  ],
  '/taxonomy_terms/{id}': [],
  '/services/{id}': [],
  '/service_at_locations/{id}': [],
} as const satisfies Record<string, readonly ListParameter[]>;

export type ListPath = keyof typeof LIST_PATHS;

/** The zod object of a path's query (the parser below and the OpenAPI document both use it). */
export function listQuerySchema<P extends ListPath>(path: P) {
  const names = LIST_PATHS[path] as readonly ListParameter[];
  return z.object(Object.fromEntries(names.map((name) => [name, LIST_PARAMETERS[name].schema])));
}

export type ListQuery = {
  [K in ListParameter]?: z.output<(typeof LIST_PARAMETERS)[K]['schema']>;
} & { page: number; per_page: number; format: 'json' | 'ndjson' };

export function parseListQuery(search: URLSearchParams, path: ListPath): QueryParseResult<ListQuery> {
  const names = LIST_PATHS[path] as readonly ListParameter[];
  const unknown = unknownParameter(search, names);
  if (unknown) return unknown;
  const input: Record<string, string> = {};
  for (const key of names) {
    const values = search.getAll(key).filter((v) => v.trim() !== '');
    if (values.length > 1) return { ok: false, error: `${key}: must be given at most once`, parameter: key };
    if (values[0] !== undefined) input[key] = values[0].trim();
  }
  const result = listQuerySchema(path).safeParse(input);
  if (result.success) return { ok: true, value: result.data as ListQuery };
  const parameter = String(result.error.issues[0]?.path[0] ?? 'query');
  return { ok: false, error: `${parameter}: ${result.error.issues[0]?.message ?? 'is invalid'}`, parameter };
}
