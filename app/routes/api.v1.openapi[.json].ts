/** GET /api/v1/openapi.json — our OpenAPI 3 document (HSDS 3.0 profile plus Haven extensions). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiAction, preflight, apiJson } from '~/api/http.server';
import { openApiDocument } from '~/api/openapi';

export function loader({ request }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  return apiJson(request, openApiDocument(new URL(request.url).origin));
}

export const action = apiAction;
