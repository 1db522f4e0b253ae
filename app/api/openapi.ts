/**
 * Haven's OpenAPI 3.1 document (3.1, as HSDS API 3.0's own): the HSDS 3.0 API profile we serve,
 * with Haven's extension fields. This is the hand-written part, the path table: each path, its
 * summary and responses. Its parameters are generated from the zod schemas that validate the
 * requests (./openapi-parameters.ts). HSDS object schemas are referenced from the official
 * compiled schemas; our additions are listed beside them. app/api/openapi.test.ts validates the
 * document with @readme/openapi-parser.
 */
import { idParameter, listParameters, servicesParameters } from './openapi-parameters';

export const API_VERSION = '3.0';
export const HSDS_SCHEMA = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/compiled';

const error = {
  description: 'Bad parameter',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};
const notFound = {
  description: 'Not found',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};
const page = (items: string) => ({
  description: 'An HSDS page (format=json), or one item per line (format=ndjson)',
  content: {
    'application/json': {
      schema: {
        allOf: [
          { $ref: '#/components/schemas/Page' },
          { properties: { contents: { type: 'array', items: { $ref: items } } } },
        ],
      },
    },
    'application/x-ndjson': { schema: { $ref: items } },
  },
});
const one = (description: string, schema: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: schema } } },
});

export function openApiDocument(origin: string) {
  return {
    openapi: '3.1.0',
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
          parameters: servicesParameters(),
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
          parameters: [idParameter('service')],
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
          parameters: listParameters('/organizations'),
          responses: { 200: page(`${HSDS_SCHEMA}/organization_list.json`), 400: error },
        },
      },
      '/organizations/{id}': {
        get: {
          summary: 'One organization with its phones and public locations (and services: full_service=true)',
          parameters: [idParameter('organization'), ...listParameters('/organizations/{id}')],
          responses: {
            200: one('HSDS organization', `${HSDS_SCHEMA}/organization.json`),
            400: error,
            404: notFound,
          },
        },
      },
      '/taxonomies': {
        get: {
          summary: 'Taxonomies',
          parameters: listParameters('/taxonomies'),
          responses: { 200: page(`${HSDS_SCHEMA}/taxonomy.json`), 400: error },
        },
      },
      '/taxonomies/{id}': {
        get: {
          summary: 'One taxonomy',
          parameters: [idParameter('taxonomy')],
          responses: { 200: one('HSDS taxonomy', `${HSDS_SCHEMA}/taxonomy.json`), 400: error, 404: notFound },
        },
      },
      '/taxonomy_terms': {
        get: {
          summary: 'Taxonomy terms (categories: haven; populations: haven-population; costs: haven-cost)',
          parameters: listParameters('/taxonomy_terms'),
          responses: { 200: page(`${HSDS_SCHEMA}/taxonomy_term.json`), 400: error },
        },
      },
      '/taxonomy_terms/{id}': {
        get: {
          summary: 'One taxonomy term',
          parameters: [idParameter('taxonomy term')],
          responses: {
            200: one('HSDS taxonomy term', `${HSDS_SCHEMA}/taxonomy_term.json`),
            400: error,
            404: notFound,
          },
        },
      },
      '/service_at_locations': {
        get: {
          summary:
            'Public links between services and locations, with the filters of /services (but open_now)',
          parameters: servicesParameters(['open_now']),
          responses: { 200: page(`${HSDS_SCHEMA}/service_at_location.json`), 400: error },
        },
      },
      '/service_at_locations/{id}': {
        get: {
          summary: 'One link with its public location and the service (one-to-one fields)',
          parameters: [idParameter('service_at_location')],
          responses: {
            200: one('HSDS service_at_location', `${HSDS_SCHEMA}/service_at_location.json`),
            400: error,
            404: notFound,
          },
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
                last_verified_at: { type: ['string', 'null'], format: 'date-time' },
                distance_km: {
                  type: ['number', 'null'],
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
            public_area_label: { type: ['string', 'null'] },
          },
        },
        ServiceAreaExtension: {
          type: 'object',
          properties: {
            coverage: { type: ['string', 'null'], enum: ['radius', 'states', 'nationwide', null] },
            coverage_radius_km: { type: ['number', 'null'] },
            coverage_latitude: { type: ['number', 'null'] },
            coverage_longitude: { type: ['number', 'null'] },
            coverage_states: { type: ['array', 'null'], items: { type: 'string' } },
          },
        },
      },
    },
  };
}
