/**
 * GET /healthz: 200 {"status":"ok"} when the database answers, 503 otherwise (DESIGN.md §8).
 * With a read replica, `replica` tells whether it is used (db/routing.ts).
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { databaseIsUp } from '../http/health.server';

export async function loader({ context }: LoaderFunctionArgs) {
  const up = await databaseIsUp(context.db);
  const replica = context.replica ? { replica: context.replica } : {};
  return Response.json(
    { status: up ? 'ok' : 'unavailable', ...replica },
    {
      status: up ? 200 : 503,
      headers: { 'Cache-Control': 'no-store' },
    },
  );
}
