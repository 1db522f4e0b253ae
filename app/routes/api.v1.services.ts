/**
 * GET /api/v1/services — search as an HSDS page (json), or every match from `page` on, one
 * service per line, streamed (format=ndjson).
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiAction, preflight, apiError, apiJson, apiNdjson } from '~/api/http.server';
import { apiServices } from '~/api/services.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  const answer = await apiServices(context.db, new URL(request.url).searchParams);
  if (!answer.ok) return apiError(400, answer.error, answer.parameter);
  return answer.format === 'ndjson' ? apiNdjson(answer.services) : apiJson(request, answer.envelope);
}

export const action = apiAction;
