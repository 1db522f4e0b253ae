/** GET /api/v1/service_at_locations/{id} — one public link with its location and service nested. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiAction, preflight, apiError, apiJson } from '~/api/http.server';
import { parseListQuery } from '~/api/list-query';
import { getServiceAtLocation } from '~/api/service-at-locations.server';
import { isUuid } from '../../db/values';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  const query = parseListQuery(new URL(request.url).searchParams, '/service_at_locations/{id}');
  if (!query.ok) return apiError(400, query.error, query.parameter);
  if (!isUuid(params.id)) return apiError(404, 'No such service_at_location.');
  const link = await getServiceAtLocation(context.db, params.id.toLowerCase());
  return link ? apiJson(request, link) : apiError(404, 'No such service_at_location.');
}

export const action = apiAction;
