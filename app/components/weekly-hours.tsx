/**
 * The hours table of a service page: one row per weekday, today highlighted (the rows come from
 * app/search/hours.ts, computed by the loader in the schedule's own time zone).
 */
import { listingMessages } from '~/i18n/messages/listing';
import { type Locale, translator } from '~/i18n/i18n';
import type { DayRow, Weekday } from '~/search/hours';
import { formatTimeRange } from './format';

export function WeeklyHoursTable({
  days,
  today,
  locale,
}: {
  days: DayRow[];
  today: Weekday | null;
  locale: Locale;
}) {
  const t = translator(listingMessages, locale);
  return (
    <table className="hours">
      <caption className="visually-hidden">{t('hours')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('hoursDay')}</th>
          <th scope="col">{t('hoursTime')}</th>
        </tr>
      </thead>
      <tbody>
        {days.map((entry) => (
          <tr
            key={entry.day}
            className={entry.day === today ? 'today' : undefined}
            aria-current={entry.day === today ? 'date' : undefined}
          >
            <th scope="row">
              {t(`day.${entry.day}`)}
              {entry.day === today ? ` (${t('today')})` : ''}
            </th>
            <td>
              {entry.allDay
                ? t('allDay')
                : entry.intervals.length === 0
                  ? t('closed')
                  : entry.intervals
                      .map((interval) => formatTimeRange(interval.opensAt, interval.closesAt, locale))
                      .join(', ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
