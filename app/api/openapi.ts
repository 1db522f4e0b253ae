/**
 * Haven's OpenAPI 3 document: the HSDS 3.0 API profile we serve, with Haven's query
 * parameters (from the search registry, app/search/filters.ts) and extension fields. HSDS object schemas are referenced from the official
 * compiled schemas; our additions are listed beside them.
 */
import { API_PARAMETERS, MAX_PER_PAGE, PAGE_SIZE } from '../search/filters';

export const API_VERSION = '3.0';
export const HSDS_SCHEMA = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/compiled';

const q = (name: string, description: string, schema: Record<string, unknown>) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const pageParams = [
  q('page', 'Page number, from 1.', { type: 'integer', minimum: 1, default: 1 }),
  q('per_page', 'Items per page.', {
    type: 'integer',
    minimum: 1,
    maximum: MAX_PER_PAGE,
    default: PAGE_SIZE,
  }),
];
const error = {
  description: 'Bad parameter',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};
const notFound = {
  description: 'Not found',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};
const page = (items: string) => ({
  description: 'An HSDS page',
  content: {
    'application/json': {
      schema: {
        allOf: [
          { $ref: '#/components/schemas/Page' },
          { properties: { contents: { type: 'array', items: { $ref: items } } } },
        ],
      },
    },
  },
});

export function openApiDocument(origin: string) {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Haven public API',
      version: '1.0.0',
      description:
        'Support services for survivors of human trafficking, as Open Referral HSDS 3.0. Read-only; CORS open; responses carry a strong ETag and may be cached for 60 s. Confidential locations carry only a public point (area centroid) and no address.',
      license: { name: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: `${origin}/api/v1` }],
    paths: {
      '/': {
        get: {
          summary: 'API meta information',
          responses: { 200: { description: 'version, profile, openapi_url' } },
        },
      },
      '/services': {
        get: {
          summary:
            'Search services (nearby when a point is given: by distance, then remote services covering the point, by name)',
          parameters: [
            ...API_PARAMETERS.map((p) => ({
              ...q(p.name, p.api.description, p.api.schema),
              ...(p.repeatable ? { explode: true } : {}),
            })),
          ],
          responses: {
            200: {
              description: 'An HSDS page (format=json), or one Service per line (format=ndjson)',
              content: {
                ...page('#/components/schemas/Service').content,
                'application/x-ndjson': { schema: { $ref: '#/components/schemas/Service' } },
              },
            },
            304: { description: 'Not modified' },
            400: error,
          },
        },
      },
      '/services/{id}': {
        get: {
          summary: 'One service, fully nested',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            200: {
              description: 'HSDS service',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Service' } } },
            },
            404: notFound,
          },
        },
      },
      '/organizations': {
        get: {
          summary: 'Verified organizations',
          parameters: pageParams,
          responses: { 200: page(`${HSDS_SCHEMA}/organization_list.json`), 400: error },
        },
      },
      '/organizations/{id}': {
        get: {
          summary: 'One organization with its phones and locations',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: { 200: { description: 'HSDS organization' }, 404: notFound },
        },
      },
      '/taxonomy_terms': {
        get: {
          summary: 'Taxonomy terms (categories: haven; populations: haven-population; costs: haven-cost)',
          parameters: [
            q('taxonomy', 'Taxonomy name.', { type: 'string' }),
            q('parent_id', 'Only children of this term.', { type: 'string', format: 'uuid' }),
            q('top_only', 'Only top-level terms.', { type: 'string', enum: ['true', 'false', '1', '0'] }),
            ...pageParams,
          ],
          responses: { 200: page(`${HSDS_SCHEMA}/taxonomy_term.json`), 400: error },
        },
      },
    },
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: { type: 'string' },
            parameter: { type: 'string', description: 'The offending query parameter' },
          },
        },
        Page: {
          type: 'object',
          properties: {
            total_items: { type: 'integer' },
            total_pages: { type: 'integer' },
            page_number: { type: 'integer' },
            size: { type: 'integer' },
            first_page: { type: 'boolean' },
            last_page: { type: 'boolean' },
            empty: { type: 'boolean' },
          },
        },
        Service: {
          allOf: [
            { $ref: `${HSDS_SCHEMA}/service.json` },
            {
              type: 'object',
              description: 'Haven extension fields',
              properties: {
                delivery: {
                  type: 'array',
                  items: { type: 'string', enum: ['in_person', 'phone', 'virtual'] },
                },
                last_verified_at: { type: 'string', format: 'date-time', nullable: true },
                distance_km: {
                  type: 'number',
                  nullable: true,
                  description:
                    'From the search point to the nearest public location; null for remote matches. Only when a point is given.',
                },
              },
            },
          ],
        },
        LocationExtension: {
          type: 'object',
          description:
            'Haven extension fields on locations (in service_at_locations[].location and organization locations)',
          properties: {
            is_confidential: {
              type: 'boolean',
              description: 'latitude/longitude are then an area centroid; addresses and name are withheld',
            },
            public_area_label: { type: 'string', nullable: true },
          },
        },
        ServiceAreaExtension: {
          type: 'object',
          properties: {
            coverage: { type: 'string', enum: ['radius', 'states', 'nationwide'], nullable: true },
            coverage_radius_km: { type: 'number', nullable: true },
            coverage_latitude: { type: 'number', nullable: true },
            coverage_longitude: { type: 'number', nullable: true },
            coverage_states: { type: 'array', items: { type: 'string' }, nullable: true },
          },
        },
      },
    },
  };
}

/** The `/api/v1/services` parameter table of docs/api.md (app/api/openapi.test.ts checks it). */
export function apiParameterTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = API_PARAMETERS.map((p) => [
    `\`${p.name}\`${p.repeatable ? ' (repeatable)' : ''}`,
    cell(p.api.description),
    cell(describeSchema(p.api.schema)),
  ]);
  const header = ['parameter', 'meaning', 'values'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function describeSchema(schema: Record<string, unknown>): string {
  const items = (schema.items ?? schema) as Record<string, unknown>;
  const values = items.enum as unknown[] | undefined;
  if (values)
    return values.length > 12
      ? `one of ${values.length} slugs (see /api/v1/taxonomy_terms)`
      : values.join(', ');
  const range = [
    schema.minimum !== undefined ? `≥ ${String(schema.minimum)}` : null,
    schema.exclusiveMinimum !== undefined ? `> ${String(schema.exclusiveMinimum)}` : null,
    schema.maximum !== undefined ? `≤ ${+Number(schema.maximum).toFixed(4)}` : null,
    schema.maxLength !== undefined ? `at most ${String(schema.maxLength)} characters` : null,
    schema.pattern !== undefined ? `\`${String(schema.pattern)}\`` : null,
    schema.default !== undefined ? `default ${String(schema.default)}` : null,
  ].filter(Boolean);
  return [String(items.type), ...range].join(', ');
}
