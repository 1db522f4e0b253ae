/**
 * Pure formatting helpers shared by the pages: distances, "verified N days ago", clock times,
 * phone links. Deterministic on server and browser (no ICU-dependent date text), so hydration
 * never disagrees with the server's HTML.
 */
import { formatMessages } from '~/i18n/messages/format';
import { intlLocale, type Locale, translator } from '~/i18n/i18n';
import { kmToMiles } from '~/search/units';

/** "2.3 mi" under 10 miles, "12 mi" beyond; en-US / es-US digits. */
export function formatDistance(km: number, locale: Locale): string {
  const t = translator(formatMessages, locale);
  const miles = kmToMiles(Math.max(0, km));
  if (miles < 0.1) return t('distanceUnderTenth');
  const digits = miles < 10 ? 1 : 0;
  return t('distanceMiles', { distance: distanceFormat(locale, digits).format(miles) });
}

// Making an Intl.NumberFormat costs about a millisecond: one per language and digit count,
// not one per result card.
const distanceFormats = new Map<string, Intl.NumberFormat>();
function distanceFormat(locale: Locale, digits: number): Intl.NumberFormat {
  const key = `${locale}:${digits}`;
  let format = distanceFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    distanceFormats.set(key, format);
  }
  return format;
}

const DAY_MS = 86_400_000;

/** Whole days between two instants (never negative: a clock skew reads as "today"). */
export function daysBetween(earlier: Date, later: Date): number {
  return Math.max(0, Math.floor((later.getTime() - earlier.getTime()) / DAY_MS));
}

/** "Verified 12 days ago"; null when the date is missing or unreadable. */
export function formatVerified(iso: string | null | undefined, now: Date, locale: Locale): string | null {
  if (!iso) return null;
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return null;
  const t = translator(formatMessages, locale);
  const days = daysBetween(then, now);
  if (days === 0) return t('verifiedToday');
  if (days === 1) return t('verifiedYesterday');
  if (days > 365) return t('verifiedOverYear');
  return t('verifiedDays', { days });
}

/** 'HH:MM' or 'HH:MM:SS' (24 h) → "9:30 AM" / "9:30 a. m."; "24:00" reads as midnight. */
export function formatClock(value: string, locale: Locale): string {
  const match = /^(\d{1,2}):(\d{2})/.exec(value);
  if (!match) return value;
  const t = translator(formatMessages, locale);
  const hours24 = Number(match[1]) % 24;
  const suffix = hours24 < 12 ? t('am') : t('pm');
  const hours12 = hours24 % 12 === 0 ? 12 : hours24 % 12;
  return `${hours12}:${match[2]} ${suffix}`;
}

export function formatTimeRange(opensAt: string, closesAt: string, locale: Locale): string {
  return translator(formatMessages, locale)('timeRange', {
    opens: formatClock(opensAt, locale),
    closes: formatClock(closesAt, locale),
  });
}

/** A tel: link target: digits and a leading +, extension after a pause. */
export function telHref(number: string, extension?: string | null): string {
  const trimmed = number.trim();
  const digits = trimmed.replace(/[^\d]/g, '');
  const plus = trimmed.startsWith('+') ? '+' : '';
  const ext = extension?.replace(/[^\d]/g, '');
  return `tel:${plus}${digits}${ext ? `,${ext}` : ''}`;
}

/** An sms: link target for a short code or number. */
export function smsHref(number: string, body?: string): string {
  const digits = number.replace(/[^\d+]/g, '');
  return body === undefined ? `sms:${digits}` : `sms:${digits}?&body=${encodeURIComponent(body)}`;
}

/** "18 to 24", "18 and older", "Up to 24" — the service page's and the client-fit search's ages. */
export function formatAges(min: number | null, max: number | null, locale: Locale): string | null {
  const t = translator(formatMessages, locale);
  if (min !== null && max !== null) return t('ages', { min, max });
  if (min !== null) return t('agesMin', { min });
  if (max !== null) return t('agesMax', { max });
  return null;
}
