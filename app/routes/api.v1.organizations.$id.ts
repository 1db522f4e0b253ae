/** GET /api/v1/organizations/{id} — one verified organization with phones and (public) locations. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getOrganization } from '~/api/directory.server';
import { apiAction, preflight, apiError, apiJson } from '~/api/http.server';
import { isUuid } from '../../db/values';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  if (!isUuid(params.id)) return apiError(404, 'No such organization.');
  const organization = await getOrganization(context.db, params.id);
  return organization ? apiJson(request, organization) : apiError(404, 'No such organization.');
}

export const action = apiAction;
