/**
 * GET /api/v1/ — HSDS API meta information. The response is publicly cacheable, so nothing in
 * it comes from the request: `openapi_url` is built on PUBLIC_URL when it is set, and is a
 * path on this site otherwise — never from the Host header (cache poisoning).
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiAction, preflight, apiJson } from '~/api/http.server';
import { API_VERSION } from '~/api/openapi';

export function loader({ request, context }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  return apiJson(request, {
    version: API_VERSION,
    profile: 'https://docs.openreferral.org/en/latest/hsds/api_reference.html',
    openapi_url: `${context.config.PUBLIC_URL ?? ''}/api/v1/openapi.json`,
  });
}

export const action = apiAction;
