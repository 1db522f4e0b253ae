/**
 * A shortlist's handout (issue 13, journey 3) as plain data and as plain text. The same entries
 * feed the print page, the PDF (./handout-pdf.server.ts) and "copy as text", so the three never
 * disagree. Pure: no server code, so the print page may use it too.
 * What a handout carries: names, phones, hours, public addresses, what to bring, the hotline —
 * never the list's name, the caseworker's notes or anything about the client.
 */
import { formatTimeRange } from '../components/format';
import { handoutMessages } from '../i18n/messages/casework';
import { listingMessages } from '../i18n/messages/listing';
import { type Locale, translator } from '../i18n/i18n';
import type { DayRow } from '../search/hours';

export interface HandoutEntry {
  serviceId: string;
  name: string;
  organizationName: string;
  summary: string;
  phones: Array<{ number: string; extension: string | null }>;
  /** The weekly table (the public page's rule); null when the service publishes no hours. */
  days: DayRow[] | null;
  /** Street addresses, or "City, ST area" for a confidential place (the public projection). */
  places: string[];
  remoteOnly: boolean;
  documents: string[];
}

export interface Hotline {
  emergency: string;
  phone: string;
  text: string;
}

export interface Handout {
  locale: Locale;
  entries: HandoutEntry[];
  hotline: Hotline;
  siteName: string;
  /** 'YYYY-MM-DD' */
  date: string;
}

export function phoneText(phone: { number: string; extension: string | null }): string {
  return phone.extension ? `${phone.number} ext. ${phone.extension}` : phone.number;
}

/** "Monday–Friday: 9:00 AM–5:00 PM"; consecutive days with the same hours share a line. */
export function hoursLines(days: DayRow[] | null, locale: Locale): string[] {
  if (!days || days.length === 0) return [];
  const t = translator(listingMessages, locale);
  const describe = (day: DayRow) =>
    day.allDay
      ? t('allDay')
      : day.intervals.length === 0
        ? t('closed')
        : day.intervals
            .map((interval) => formatTimeRange(interval.opensAt, interval.closesAt, locale))
            .join(', ');
  const lines: string[] = [];
  let start = 0;
  for (let index = 1; index <= days.length; index += 1) {
    if (index < days.length && describe(days[index]!) === describe(days[start]!)) continue;
    const first = t(`day.${days[start]!.day}`);
    const last = t(`day.${days[index - 1]!.day}`);
    lines.push(`${index - 1 === start ? first : `${first}–${last}`}: ${describe(days[start]!)}`);
    start = index;
  }
  return lines;
}

/** The handout as text for SMS or WhatsApp: short, no links, no formatting. */
export function handoutText(handout: Handout): string {
  const t = translator(handoutMessages, handout.locale);
  const blocks = handout.entries.map((entry, index) => {
    const lines = [`${index + 1}. ${entry.name} (${entry.organizationName})`];
    if (entry.phones.length) lines.push(`${t('phone')}: ${entry.phones.map(phoneText).join(', ')}`);
    const hours = hoursLines(entry.days, handout.locale);
    lines.push(`${t('hours')}: ${hours.length ? hours.join('; ') : t('noHours')}`);
    if (entry.places.length) lines.push(`${t('address')}: ${entry.places.join(' / ')}`);
    else if (entry.remoteOnly) lines.push(t('byPhone'));
    if (entry.documents.length) lines.push(`${t('bring')}: ${entry.documents.join(', ')}`);
    return lines.join('\n');
  });
  return [
    t('title'),
    ...blocks,
    [
      t('hotline', { phone: handout.hotline.phone, text: handout.hotline.text }),
      t('emergency', { number: handout.hotline.emergency }),
    ].join('\n'),
  ].join('\n\n');
}
