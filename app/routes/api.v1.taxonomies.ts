/** GET /api/v1/taxonomies — the taxonomies (Haven's own and imported ones), HSDS page envelope. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { listTaxonomies } from '~/api/directory.server';
import { apiAction, apiError, preflight } from '~/api/http.server';
import { parseListQuery } from '~/api/list-query';
import { listAnswer } from '~/api/lists.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  const query = parseListQuery(new URL(request.url).searchParams, '/taxonomies');
  if (!query.ok) return apiError(400, query.error, query.parameter);
  const { search } = query.value;
  return listAnswer(request, query.value, (paging) => listTaxonomies(context.db, paging, { search }));
}

export const action = apiAction;
