/** /staff/reports.csv — the same aggregate report as /staff/reports, as CSV (suppressed cells: "<5"). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { stringify } from 'csv-stringify/sync';
import { requireUser } from '~/accounts/permissions.server';
import { reportScopeFrom } from '~/referrals/report-query.server';
import { referralReport, reportRows } from '~/referrals/reports.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { scope, scopeName } = reportScopeFrom(request, user);
  const report = await referralReport(context.db, scope);
  return new Response(stringify(reportRows(report)), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="referrals-${scopeName}-${scope.from}-${scope.to}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
