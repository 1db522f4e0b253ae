/** GET /api/v1/organizations — verified organizations, HSDS page envelope (or NDJSON). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { listOrganizations } from '~/api/directory.server';
import { apiAction, apiError, preflight } from '~/api/http.server';
import { parseListQuery } from '~/api/list-query';
import { listAnswer } from '~/api/lists.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  const query = parseListQuery(new URL(request.url).searchParams, '/organizations');
  if (!query.ok) return apiError(400, query.error, query.parameter);
  const { search, full, full_service: fullService } = query.value;
  return listAnswer(request, query.value, (paging) =>
    listOrganizations(context.db, paging, { search, full, fullService }),
  );
}

export const action = apiAction;
