/**
 * The one reading of a /staff/reports request, shared by the page and its CSV: the period
 * (default: the last 30 days) and the scope. `all` (the whole deployment) is for site admins;
 * `agency` is every organization the person belongs to.
 */
import { data } from '@remix-run/node';
import type { StaffUser } from '../accounts/permissions.server';
import type { ReportScope } from './reports.server';
import { reportQuerySchema } from './schema';

const day = (date: Date) => date.toISOString().slice(0, 10);

export function reportScopeFrom(request: Request, user: StaffUser, now = new Date()) {
  const parsed = reportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw data('from/to: dates must be YYYY-MM-DD; scope: agency or all', { status: 400 });
  const query = parsed.data;
  if (query.scope === 'all' && !user.isAdmin) throw data('Forbidden', { status: 403 });
  const to = query.to ?? day(now);
  const from = query.from ?? day(new Date(now.getTime() - 30 * 86_400_000));
  if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)) || from > to)
    throw data('from/to: from must be a real date on or before to', { status: 400 });
  const scope: ReportScope = {
    from,
    to,
    organizationIds: query.scope === 'all' ? null : user.memberships.map((item) => item.organizationId),
  };
  return { scope, scopeName: query.scope };
}
