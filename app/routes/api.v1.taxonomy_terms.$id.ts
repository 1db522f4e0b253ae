/** GET /api/v1/taxonomy_terms/{id} — one taxonomy term, its taxonomy nested (HSDS 3.0). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getTaxonomyTerm } from '~/api/directory.server';
import { apiAction, preflight, apiError, apiJson } from '~/api/http.server';
import { parseListQuery } from '~/api/list-query';
import { isUuid } from '../../db/values';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  const query = parseListQuery(new URL(request.url).searchParams, '/taxonomy_terms/{id}');
  if (!query.ok) return apiError(400, query.error, query.parameter);
  if (!isUuid(params.id)) return apiError(404, 'No such taxonomy term.');
  const term = await getTaxonomyTerm(context.db, params.id.toLowerCase());
  return term ? apiJson(request, term) : apiError(404, 'No such taxonomy term.');
}

export const action = apiAction;
