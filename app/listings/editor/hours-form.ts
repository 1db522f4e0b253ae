/**
 * The hours editor's model and its HSDS schedule rows, both ways. Pure (no DB) so the browser's
 * "Open now" preview and the server's save build the SAME rows, and the preview reads them with
 * the public pages' own rule (app/search/hours.ts).
 *
 * Weekly ranges per day ("09:00-12:00, 13:00-17:00"; "18:00-02:00" runs past midnight), "24/7",
 * "by appointment", and holiday closures. A closure is written the HSDS way: the weekly rows are
 * repeated for each period between closures, bounded by valid_from/valid_to, so every reader
 * of schedules (search's open-now, the API, the export) sees the closure without a new concept.
 */
import { scheduleInput, WEEKDAYS, type ScheduleInput, type Weekday } from '../../search/hours';

export interface Closure {
  from: string;
  to: string;
}

export interface HoursValue {
  /** Per weekday, the ranges as "HH:MM-HH:MM" (empty: closed that day). */
  days: Record<Weekday, string[]>;
  always: boolean;
  byAppointment: boolean;
  closures: Closure[];
}

/** A schedule row as the editor writes it (HSDS columns). */
export interface HoursRow {
  freq: 'WEEKLY' | null;
  byday: string | null;
  opens_at: string | null;
  closes_at: string | null;
  valid_from: string | null;
  valid_to: string | null;
  timezone_name: string | null;
  attending_type: string | null;
  description: string | null;
}

export const BY_APPOINTMENT = 'by appointment';
const RANGE = /^([01]\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]\d|2[0-4]):([0-5]\d)$/;

export const emptyHours = (): HoursValue => ({
  days: Object.fromEntries(WEEKDAYS.map((day) => [day, []])) as unknown as Record<Weekday, string[]>,
  always: false,
  byAppointment: false,
  closures: [],
});

/** "9:00-17:00, 18:00 – 2:00" → ["09:00-17:00", "18:00-02:00"]; null when a part is not a range. */
export function parseRanges(text: string): string[] | null {
  const parts = text
    .split(/[,;]/)
    .map((part) => part.trim().replace(/\b(\d):/g, '0$1:'))
    .filter(Boolean);
  const ranges: string[] = [];
  for (const part of parts) {
    const match = RANGE.exec(part);
    if (!match) return null;
    const [, oh, om, ch, cm] = match;
    if (ch === '24' && cm !== '00') return null;
    if (`${oh}:${om}` === `${ch}:${cm}`) return null;
    ranges.push(`${oh}:${om}-${ch}:${cm}`);
  }
  return ranges.sort();
}

/** "2026-12-24 to 2026-12-26" or "2026-12-25", one per line; null when a line is not one. */
export function parseClosures(text: string): Closure[] | null {
  const closures: Closure[] = [];
  for (const line of text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const match = /^(\d{4}-\d{2}-\d{2})(?:\s*(?:to|a|-|–)\s*(\d{4}-\d{2}-\d{2}))?$/.exec(line);
    if (!match || !isDate(match[1]!) || (match[2] && !isDate(match[2]))) return null;
    const closure = { from: match[1]!, to: match[2] ?? match[1]! };
    if (closure.to < closure.from) return null;
    closures.push(closure);
  }
  return mergeClosures(closures);
}

export const closureText = (closures: Closure[]) =>
  closures.map((c) => (c.from === c.to ? c.from : `${c.from} to ${c.to}`)).join('\n');

function isDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function mergeClosures(closures: Closure[]): Closure[] {
  const sorted = [...closures].sort((a, b) => a.from.localeCompare(b.from));
  const merged: Closure[] = [];
  for (const closure of sorted) {
    const last = merged[merged.length - 1];
    if (last && closure.from <= addDays(last.to, 1)) {
      if (closure.to > last.to) last.to = closure.to;
    } else merged.push({ ...closure });
  }
  return merged;
}

/** The periods between closures: [null, c1.from-1], [c1.to+1, c2.from-1], …, [cn.to+1, null]. */
function periods(closures: Closure[]): Array<[string | null, string | null]> {
  const result: Array<[string | null, string | null]> = [];
  let start: string | null = null;
  for (const closure of closures) {
    result.push([start, addDays(closure.from, -1)]);
    start = addDays(closure.to, 1);
  }
  result.push([start, null]);
  return result;
}

/** The schedule rows for the hours, in `zone` (the location's). */
export function hoursToRows(hours: HoursValue, zone: string | null): HoursRow[] {
  const rows: HoursRow[] = [];
  const base = { timezone_name: zone, attending_type: null, description: null };
  // Days sharing the same range share one row (byday "MO,TU,WE").
  const byRange = new Map<string, Weekday[]>();
  if (hours.always) byRange.set('00:00-24:00', [...WEEKDAYS]);
  else
    for (const day of WEEKDAYS)
      for (const range of hours.days[day]) byRange.set(range, [...(byRange.get(range) ?? []), day]);
  for (const [from, to] of periods(hours.closures))
    for (const [range, days] of [...byRange].sort(([a], [b]) => a.localeCompare(b))) {
      const [opens, closes] = range.split('-') as [string, string];
      rows.push({
        ...base,
        freq: 'WEEKLY',
        byday: days.join(','),
        opens_at: opens,
        closes_at: closes,
        valid_from: from,
        valid_to: to,
      });
    }
  if (hours.byAppointment)
    rows.push({
      ...base,
      freq: null,
      byday: null,
      opens_at: null,
      closes_at: null,
      valid_from: null,
      valid_to: null,
      attending_type: BY_APPOINTMENT,
      description: 'By appointment',
    });
  return rows;
}

const hhmm = (time: string | null) => (time ? time.slice(0, 5) : null);

/** The editor's view of stored schedule rows (the inverse of hoursToRows for rows it wrote). */
export function rowsToHours(rows: HoursRow[]): HoursValue {
  const hours = emptyHours();
  hours.byAppointment = rows.some((row) => row.attending_type === BY_APPOINTMENT);
  const weekly = rows.filter((row) => row.opens_at && row.closes_at && (!row.freq || row.freq === 'WEEKLY'));
  const starts = [...new Set(weekly.map((row) => row.valid_from ?? ''))].sort();
  // Closures are the gaps between consecutive periods.
  const periodsSeen = [...new Map(weekly.map((row) => [`${row.valid_from}|${row.valid_to}`, row])).values()]
    .map((row) => ({ from: row.valid_from, to: row.valid_to }))
    .sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
  for (let i = 1; i < periodsSeen.length; i++) {
    const previous = periodsSeen[i - 1]!;
    const current = periodsSeen[i]!;
    if (previous.to && current.from && addDays(previous.to, 1) < current.from)
      hours.closures.push({ from: addDays(previous.to, 1), to: addDays(current.from, -1) });
  }
  const first = starts[0];
  for (const row of weekly.filter((r) => (r.valid_from ?? '') === first)) {
    const range = `${hhmm(row.opens_at)}-${hhmm(row.closes_at) === '23:59' ? '24:00' : hhmm(row.closes_at)}`;
    const days = row.byday?.trim() ? row.byday.toUpperCase().split(',') : [...WEEKDAYS];
    for (const day of days.map((d) => d.trim()))
      if ((WEEKDAYS as readonly string[]).includes(day) && !hours.days[day as Weekday].includes(range))
        hours.days[day as Weekday].push(range);
  }
  for (const day of WEEKDAYS) hours.days[day].sort();
  const allDay = (ranges: string[]) =>
    ranges.length === 1 && ['00:00-24:00', '00:00-00:00'].includes(ranges[0]!);
  if (weekly.length > 0 && WEEKDAYS.every((day) => allDay(hours.days[day]))) {
    hours.always = true;
    for (const day of WEEKDAYS) hours.days[day] = [];
  }
  return hours;
}

/** The rows as the public hours rule reads them (for the live "Open now" preview). */
export const rowsToScheduleInputs = (rows: HoursRow[]): ScheduleInput[] => rows.map(scheduleInput);
