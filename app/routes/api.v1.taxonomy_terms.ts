/** GET /api/v1/taxonomy_terms — Haven's categories, populations and cost kinds as HSDS terms. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { listTaxonomyTerms } from '~/api/directory.server';
import { apiAction, preflight, apiError, apiJson, pageEnvelope } from '~/api/http.server';
import { parseListQuery } from '~/api/list-query';

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  const query = parseListQuery(new URL(request.url).searchParams, [
    'page',
    'per_page',
    'taxonomy',
    'parent_id',
    'top_only',
  ]);
  if (!query.ok) return apiError(400, query.error, query.parameter);
  const { page, per_page: perPage, taxonomy, parent_id: parentId, top_only: topOnly } = query.value;
  const { contents, total } = await listTaxonomyTerms(context.db, {
    page,
    perPage,
    taxonomy,
    parentId,
    topOnly,
  });
  return apiJson(request, pageEnvelope(contents, total, page, perPage));
}

export const action = apiAction;
