/** "Open now · Today: 9:00 AM – 5:00 PM", from the search contract's openNow + hoursToday. */
import type { HoursToday } from '~/search/types';
import { searchMessages } from '~/i18n/messages/search';
import { type Locale, translator } from '~/i18n/i18n';
import { formatTimeRange } from './format';

export function hoursTodayText(hours: HoursToday | null, locale: Locale): string {
  const t = translator(searchMessages, locale);
  if (!hours) return t('callForHours');
  if (hours.allDay) return t('open24');
  if (hours.intervals.length === 0) return t('closedToday');
  const list = hours.intervals
    .map((interval) => formatTimeRange(interval.opensAt, interval.closesAt, locale))
    .join(', ');
  return t('hoursToday', { hours: list });
}

export function HoursTodayLine({
  openNow,
  hours,
  locale,
}: {
  openNow: boolean | null;
  hours: HoursToday | null;
  locale: Locale;
}) {
  const t = translator(searchMessages, locale);
  const text = hoursTodayText(hours, locale);
  return (
    <span>
      {openNow === true ? <span className="open">{t('openNow')}</span> : null}
      {openNow === false ? <span className="closed">{t('closedNow')}</span> : null}
      {openNow !== null && !hours?.allDay ? ' · ' : null}
      {openNow === true && hours?.allDay ? ' · ' : null}
      {text}
    </span>
  );
}
