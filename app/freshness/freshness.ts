/**
 * Freshness rules shared by the server and the pages: when a confirmation is old enough for the
 * public page to warn, the stale report's default age, and how a confirmation date reads.
 */
import { intlLocale, type Locale } from '../i18n/i18n';

/** The public service page warns when the organization last confirmed it longer ago than this. */
export const PUBLIC_NOTICE_MONTHS = 12;
/** `/staff/admin/stale` and `listings:remind` list services not confirmed in this many months. */
export const STALE_DEFAULT_MONTHS = 6;
export const STALE_MAX_MONTHS = 120;

/** The instant `months` calendar months before `now` (UTC). */
export function monthsBefore(now: Date, months: number): Date {
  const then = new Date(now.getTime());
  then.setUTCMonth(then.getUTCMonth() - months);
  return then;
}

/** True when a confirmation (ISO time) is older than `months` months; never confirmed counts as old. */
export function confirmedLongAgo(iso: string | null, now: Date, months: number): boolean {
  if (!iso) return true;
  const then = new Date(iso);
  return Number.isNaN(then.getTime()) || then < monthsBefore(now, months);
}

/** "December 1, 2026" / "1 de diciembre de 2026" (the date in UTC, so server and browser agree). */
export function formatConfirmedDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(iso),
  );
}

/** The reminder period a run belongs to: its calendar month in UTC, e.g. '2026-12'. */
export function reminderPeriod(now: Date): string {
  return now.toISOString().slice(0, 7);
}
