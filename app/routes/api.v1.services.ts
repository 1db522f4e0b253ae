/** GET /api/v1/services — search as HSDS pages (json) or one service per line (format=ndjson). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiAction, preflight, apiError, apiJson, apiNdjson } from '~/api/http.server';
import { apiServices } from '~/api/services.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return preflight();
  const answer = await apiServices(context.db, new URL(request.url).searchParams);
  if (!answer.ok) return apiError(400, answer.error, answer.parameter);
  return answer.format === 'ndjson'
    ? apiNdjson(request, answer.envelope.contents)
    : apiJson(request, answer.envelope);
}

export const action = apiAction;
