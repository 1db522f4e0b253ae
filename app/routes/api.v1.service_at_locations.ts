/**
 * GET /api/v1/service_at_locations — public (service, location) links, with the filters of
 * /services (HSDS page envelope, or NDJSON).
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiAction, apiError, preflight } from '~/api/http.server';
import { listAnswer } from '~/api/lists.server';
import { listServiceAtLocations, parseSalQuery } from '~/api/service-at-locations.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  const query = parseSalQuery(new URL(request.url).searchParams);
  if (!query.ok) return apiError(400, query.error, query.parameter);
  const { page, pageSize } = query.params;
  return listAnswer(request, { page, per_page: pageSize, format: query.format }, (paging) =>
    listServiceAtLocations(context.db, query, paging),
  );
}

export const action = apiAction;
