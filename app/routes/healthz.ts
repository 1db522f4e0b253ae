/** GET /healthz: 200 {"status":"ok"} when the database answers, 503 otherwise (DESIGN.md §8). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { databaseIsUp } from '../http/health.server';

export async function loader({ context }: LoaderFunctionArgs) {
  const up = await databaseIsUp(context.db);
  return Response.json(up ? { status: 'ok' } : { status: 'unavailable' }, {
    status: up ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
