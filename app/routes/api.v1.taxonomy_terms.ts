/** GET /api/v1/taxonomy_terms — Haven's categories, populations and cost kinds (and imported terms). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { listTaxonomyTerms } from '~/api/directory.server';
import { apiAction, apiError, preflight } from '~/api/http.server';
import { parseListQuery } from '~/api/list-query';
import { listAnswer } from '~/api/lists.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  const query = parseListQuery(new URL(request.url).searchParams, '/taxonomy_terms');
  if (!query.ok) return apiError(400, query.error, query.parameter);
  const { search, taxonomy, taxonomy_id: taxonomyId, parent_id: parentId, top_only: topOnly } = query.value;
  return listAnswer(request, query.value, (paging) =>
    listTaxonomyTerms(context.db, paging, { search, taxonomy, taxonomyId, parentId, topOnly }),
  );
}

export const action = apiAction;
