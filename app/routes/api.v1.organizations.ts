/** GET /api/v1/organizations — verified organizations, HSDS page envelope. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { listOrganizations } from '~/api/directory.server';
import { apiAction, preflight, apiError, apiJson, pageEnvelope } from '~/api/http.server';
import { parseListQuery } from '~/api/list-query';

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  const query = parseListQuery(new URL(request.url).searchParams, ['page', 'per_page']);
  if (!query.ok) return apiError(400, query.error, query.parameter);
  const { contents, total } = await listOrganizations(context.db, query.value.page, query.value.per_page);
  return apiJson(request, pageEnvelope(contents, total, query.value.page, query.value.per_page));
}

export const action = apiAction;
