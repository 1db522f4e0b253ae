/** GET /api/v1/services/{id} — one public service, fully nested (HSDS 3.0). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { hsdsServices } from '~/api/hsds.server';
import { apiAction, preflight, apiError, apiJson } from '~/api/http.server';
import { parseListQuery } from '~/api/list-query';
import { isUuid } from '../../db/values';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  const query = parseListQuery(new URL(request.url).searchParams, '/services/{id}');
  if (!query.ok) return apiError(400, query.error, query.parameter);
  if (!isUuid(params.id)) return apiError(404, 'No such service.');
  const [service] = await hsdsServices(context.db, [params.id.toLowerCase()]);
  return service ? apiJson(request, service) : apiError(404, 'No such service.');
}

export const action = apiAction;
