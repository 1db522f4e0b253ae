/**
 * Outcomes without people (/staff/reports): referral counts by category, receiving
 * organization and status, and the time to accept, for a period. Only counts leave this module,
 * and every count from 1 to 4 is suppressed (null) so that a small cell cannot point at a
 * person. Reads only metadata columns — never client fields, so reports work after a purge.
 */
import type { Kysely } from 'kysely';
import type { Database, ReferralStatus } from '../../db/types';
import { REFERRAL_STATUSES } from './schema';

export const MIN_CELL = 5;

/** A count as shown: null when 1–4 (suppressed), the number otherwise (0 reveals no one). */
export type Cell = number | null;
export const suppress = (count: number): Cell => (count > 0 && count < MIN_CELL ? null : count);

export interface ReportScope {
  /** null: the whole deployment (site admins); otherwise referrals sent or received by these. */
  organizationIds: string[] | null;
  /** Inclusive dates, YYYY-MM-DD (UTC). */
  from: string;
  to: string;
}

export interface ReferralReport {
  total: Cell;
  byCategory: Array<{ key: string; count: Cell }>;
  byOrganization: Array<{ key: string; count: Cell }>;
  byStatus: Array<{ key: ReferralStatus; count: Cell }>;
  accepted: Cell;
  /** Median hours from sent to accepted; null when fewer than 5 were accepted. */
  medianHoursToAccept: number | null;
}

function tally(keys: string[]): Array<{ key: string; count: Cell }> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, count]) => ({ key, count: suppress(count) }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function referralReport(db: Kysely<Database>, scope: ReportScope): Promise<ReferralReport> {
  const start = new Date(`${scope.from}T00:00:00Z`);
  const end = new Date(new Date(`${scope.to}T00:00:00Z`).getTime() + 86_400_000);
  let query = db
    .selectFrom('referral')
    .innerJoin('organization as receiver', 'receiver.id', 'referral.receiver_organization_id')
    .select([
      'referral.categories',
      'referral.status',
      'referral.sent_at',
      'referral.accepted_at',
      'receiver.name',
    ])
    .where('referral.sent_at', '>=', start)
    .where('referral.sent_at', '<', end);
  if (scope.organizationIds) {
    const ids = scope.organizationIds;
    if (ids.length === 0) query = query.where((eb) => eb.val(false));
    else
      query = query.where((eb) =>
        eb.or([
          eb('referral.sender_organization_id', 'in', ids),
          eb('referral.receiver_organization_id', 'in', ids),
        ]),
      );
  }
  const rows = await query.execute();
  const statusCounts = tally(rows.map((row) => row.status));
  const acceptHours = rows
    .filter((row) => row.accepted_at)
    .map((row) => (new Date(row.accepted_at!).getTime() - new Date(row.sent_at).getTime()) / 3_600_000);
  return {
    total: suppress(rows.length),
    byCategory: tally(rows.flatMap((row) => (row.categories.length ? row.categories : ['']))),
    byOrganization: tally(rows.map((row) => row.name)),
    byStatus: REFERRAL_STATUSES.map((status) => {
      const found = statusCounts.find((item) => item.key === status);
      return { key: status, count: found ? found.count : 0 };
    }),
    accepted: suppress(acceptHours.length),
    medianHoursToAccept: acceptHours.length >= MIN_CELL ? Math.round(median(acceptHours) * 10) / 10 : null,
  };
}

/** The report as CSV rows: section, key, count ("<5" where suppressed). */
export function reportRows(report: ReferralReport): string[][] {
  const cell = (count: Cell) => (count === null ? `<${MIN_CELL}` : String(count));
  return [
    ['section', 'key', 'count'],
    ['total', '', cell(report.total)],
    ...report.byCategory.map((row) => ['category', row.key || 'none', cell(row.count)]),
    ...report.byOrganization.map((row) => ['organization', row.key, cell(row.count)]),
    ...report.byStatus.map((row) => ['status', row.key, cell(row.count)]),
    ['accepted', '', cell(report.accepted)],
    [
      'median_hours_to_accept',
      '',
      report.medianHoursToAccept === null ? `<${MIN_CELL}` : String(report.medianHoursToAccept),
    ],
  ];
}
