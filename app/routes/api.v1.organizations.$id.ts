/**
 * GET /api/v1/organizations/{id} — one verified organization with its phones and (public)
 * locations; `full_service=true` nests its public services too.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getOrganization } from '~/api/directory.server';
import { apiAction, preflight, apiError, apiJson } from '~/api/http.server';
import { parseListQuery } from '~/api/list-query';
import { isUuid } from '../../db/values';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  const query = parseListQuery(new URL(request.url).searchParams, '/organizations/{id}');
  if (!query.ok) return apiError(400, query.error, query.parameter);
  if (!isUuid(params.id)) return apiError(404, 'No such organization.');
  const organization = await getOrganization(context.db, params.id.toLowerCase(), {
    fullService: query.value.full_service,
  });
  return organization ? apiJson(request, organization) : apiError(404, 'No such organization.');
}

export const action = apiAction;
