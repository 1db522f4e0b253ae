/** GET /api/v1/ — HSDS API meta information. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiAction, preflight, apiJson } from '~/api/http.server';
import { API_VERSION } from '~/api/openapi';

export function loader({ request }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  const origin = new URL(request.url).origin;
  return apiJson(request, {
    version: API_VERSION,
    profile: 'https://docs.openreferral.org/en/latest/hsds/api_reference.html',
    openapi_url: `${origin}/api/v1/openapi.json`,
  });
}

export const action = apiAction;
