/**
 * "Open now" as the public will see it, from the hours being edited: the editor's rows
 * (hours-form.ts) read by the public pages' own rule (app/search/hours.ts), in the location's
 * time zone. Server-rendered for the saved hours; with JavaScript it follows the typing.
 */
import { editorMessages } from '~/i18n/messages/editor';
import { type Locale, translator } from '~/i18n/i18n';
import {
  type HoursValue,
  hoursToRows,
  parseClosures,
  parseRanges,
  rowsToScheduleInputs,
} from '~/listings/editor/hours-form';
import type { FormValues } from '~/listings/editor/schema';
import { weeklyHours, WEEKDAYS } from '~/search/hours';

function hoursFromForm(form: FormData, fallback: HoursValue): HoursValue {
  const hours: HoursValue = { ...fallback, days: { ...fallback.days } };
  for (const day of WEEKDAYS) hours.days[day] = parseRanges(String(form.get(`hours_${day}`) ?? '')) ?? [];
  hours.always = form.get('always') === 'on';
  hours.byAppointment = form.get('byAppointment') === 'on';
  hours.closures = parseClosures(String(form.get('closures') ?? '')) ?? [];
  return hours;
}

export function HoursPreview({
  locale,
  values,
  form,
  timeZone,
}: {
  locale: Locale;
  values: FormValues;
  form: FormData | null;
  timeZone: string | null;
}) {
  const t = translator(editorMessages, locale);
  const hours = form ? hoursFromForm(form, values.hours) : values.hours;
  const open = weeklyHours(rowsToScheduleInputs(hoursToRows(hours, timeZone)), new Date(), timeZone).openNow;
  return (
    <div className="public-view" aria-live="polite">
      <h3>{t('previewLabel')}</h3>
      <p className={open ? 'open-now' : undefined}>
        {open === null ? t('previewUnknown') : open ? t('previewOpen') : t('previewClosed')}
      </p>
    </div>
  );
}
