/**
 * Any other path under /api/v1: a JSON 404 (an HSDS client parses every API answer as JSON), not
 * the site's HTML "not found" page. The path itself is not echoed back.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiAction, apiError, preflight } from '~/api/http.server';

export function loader({ request }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  return apiError(404, 'No such path in the Haven API; /api/v1/openapi.json lists the paths.');
}

export const action = apiAction;
