/** GET /api/v1/taxonomies/{id} — one taxonomy (HSDS 3.0). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getTaxonomy } from '~/api/directory.server';
import { apiAction, preflight, apiError, apiJson } from '~/api/http.server';
import { parseListQuery } from '~/api/list-query';
import { isUuid } from '../../db/values';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  const query = parseListQuery(new URL(request.url).searchParams, '/taxonomies/{id}');
  if (!query.ok) return apiError(400, query.error, query.parameter);
  if (!isUuid(params.id)) return apiError(404, 'No such taxonomy.');
  const taxonomy = await getTaxonomy(context.db, params.id.toLowerCase());
  return taxonomy ? apiJson(request, taxonomy) : apiError(404, 'No such taxonomy.');
}

export const action = apiAction;
