/**
 * Opening hours: the weekly table, today's hours and "open now" from HSDS schedule rows.
 * Pure (no DB, no clock of its own) so search, the API and the service page agree, and tests
 * can pin the instant. Times are wall-clock times in each schedule's IANA zone; the zone
 * conversion uses Intl.DateTimeFormat, which knows daylight-saving rules, so a schedule
 * written as "09:00–17:00" stays right across DST changes without any offset arithmetic.
 */
import type { DayHours, HoursToday } from './types';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The schedule fields hours need (HSDS names, camel-cased). */
export interface ScheduleInput {
  freq: string | null;
  byday: string | null;
  /** 'HH:MM' or 'HH:MM:SS' */
  opensAt: string | null;
  closesAt: string | null;
  /** 'YYYY-MM-DD' */
  validFrom: string | null;
  validTo: string | null;
  timeZone: string | null;
}

/** A `schedule` row's columns, as stored. */
export interface ScheduleColumns {
  freq: string | null;
  byday: string | null;
  opens_at: string | null;
  closes_at: string | null;
  valid_from: string | null;
  valid_to: string | null;
  timezone_name: string | null;
}

/** A stored schedule row as the hours rule reads it (the public pages and the editor's preview). */
export const scheduleInput = (row: ScheduleColumns): ScheduleInput => ({
  freq: row.freq,
  byday: row.byday,
  opensAt: row.opens_at,
  closesAt: row.closes_at,
  validFrom: row.valid_from,
  validTo: row.valid_to,
  timeZone: row.timezone_name,
});

export interface DayRow {
  day: Weekday;
  allDay: boolean;
  intervals: DayHours[];
}

export interface WeeklyHours {
  /** Zone the table is shown in (the first usable schedule's). */
  timeZone: string | null;
  days: DayRow[];
  /** Today's weekday in that zone. */
  today: Weekday | null;
  /** null when no schedule gives regular weekly hours (or no zone is known). */
  openNow: boolean | null;
  hoursToday: HoursToday | null;
}

interface LocalTime {
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

/** A usable weekly rule: minutes since midnight; `closes` > 1440 means it ends the next day. */
interface Rule {
  days: Set<Weekday>;
  opens: number;
  closes: number;
  validFrom: string | null;
  validTo: string | null;
  zone: string;
  label: DayHours;
  allDay: boolean;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(zone)) {
    try {
      formatters.set(
        zone,
        new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          weekday: 'short',
          hour: '2-digit',
          minute: '2-digit',
        }),
      );
    } catch {
      // An unknown zone name in imported data: treat the schedule as having no zone.
      formatters.set(zone, null);
    }
  }
  return formatters.get(zone) ?? null;
}

const SHORT_DAYS: Record<string, Weekday> = {
  Mon: 'MO',
  Tue: 'TU',
  Wed: 'WE',
  Thu: 'TH',
  Fri: 'FR',
  Sat: 'SA',
  Sun: 'SU',
};

/** Wall-clock date, weekday and minute of `instant` in `zone`; null for an unknown zone. */
export function localTime(instant: Date, zone: string): LocalTime | null {
  const formatter = formatterFor(zone);
  if (!formatter) return null;
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(instant)) parts[part.type] = part.value;
  const weekday = SHORT_DAYS[parts.weekday ?? ''];
  if (!weekday) return null;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

function parseClock(value: string | null): number | null {
  const match = value ? /^(\d{2}):(\d{2})/.exec(value) : null;
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

function parseDays(byday: string | null): Set<Weekday> | null {
  // No byday on a weekly (or unspecified) rule: the hours apply every day.
  if (!byday || !byday.trim()) return new Set(WEEKDAYS);
  const days = new Set<Weekday>();
  for (const token of byday.toUpperCase().split(',')) {
    const day = token.trim() as Weekday;
    // An ordinal such as "1MO" belongs to a monthly rule, which is not regular weekly hours.
    if (!WEEKDAYS.includes(day)) return null;
    days.add(day);
  }
  return days;
}

function toRule(schedule: ScheduleInput, fallbackZone: string | null): Rule | null {
  if (schedule.freq && schedule.freq.toUpperCase() !== 'WEEKLY') return null;
  const opens = parseClock(schedule.opensAt);
  const closesRaw = parseClock(schedule.closesAt);
  const days = parseDays(schedule.byday);
  const zone = schedule.timeZone && formatterFor(schedule.timeZone) ? schedule.timeZone : fallbackZone;
  if (opens === null || closesRaw === null || !days || !zone || !formatterFor(zone)) return null;
  const label = { opensAt: clock(opens), closesAt: clock(closesRaw) };
  // 00:00–00:00, 00:00–23:59 and 00:00–24:00 mean open around the clock that day.
  const allDay = opens === 0 && (closesRaw === 0 || closesRaw >= 23 * 60 + 59);
  let closes = closesRaw;
  if (allDay || closesRaw >= 23 * 60 + 59) closes = 24 * 60;
  else if (closesRaw <= opens) closes = closesRaw + 24 * 60; // past midnight, into the next day
  return {
    days,
    opens,
    closes,
    validFrom: schedule.validFrom,
    validTo: schedule.validTo,
    zone,
    label,
    allDay,
  };
}

function clock(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  return `${String(h).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function validOn(rule: Rule, date: string): boolean {
  return (!rule.validFrom || rule.validFrom <= date) && (!rule.validTo || date <= rule.validTo);
}

function previousDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

function previousWeekday(day: Weekday): Weekday {
  return WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7]!;
}

function openUnder(rule: Rule, now: Date): boolean {
  const local = localTime(now, rule.zone);
  if (!local) return false;
  if (rule.days.has(local.weekday) && validOn(rule, local.date)) {
    if (local.minutes >= rule.opens && local.minutes < Math.min(rule.closes, 24 * 60)) return true;
  }
  // Still inside yesterday's interval that runs past midnight (e.g. Friday 18:00–02:00 on Saturday 01:00).
  if (rule.closes > 24 * 60) {
    const yesterday = previousDate(local.date);
    if (rule.days.has(previousWeekday(local.weekday)) && validOn(rule, yesterday)) {
      return local.minutes < rule.closes - 24 * 60;
    }
  }
  return false;
}

/** True/false when the schedules give regular weekly hours; null when they do not. */
export function isOpenAt(schedules: ScheduleInput[], now: Date, fallbackZone: string | null): boolean | null {
  const rules = schedules.map((s) => toRule(s, fallbackZone)).filter((r): r is Rule => r !== null);
  if (rules.length === 0) return null;
  return rules.some((rule) => openUnder(rule, now));
}

/** The weekly hours table, today's row and the open-now status, for the service page and results. */
export function weeklyHours(schedules: ScheduleInput[], now: Date, fallbackZone: string | null): WeeklyHours {
  const rules = schedules.map((s) => toRule(s, fallbackZone)).filter((r): r is Rule => r !== null);
  const first = rules[0];
  if (!first) return { timeZone: null, days: [], today: null, openNow: null, hoursToday: null };
  const local = localTime(now, first.zone);
  // The table shows the rules in force today; if none is (all expired or future), show them all.
  const current = local ? rules.filter((rule) => validOn(rule, local.date)) : rules;
  const shown = current.length > 0 ? current : rules;
  const days = WEEKDAYS.map((day): DayRow => {
    const matching = shown.filter((rule) => rule.days.has(day)).sort((a, b) => a.opens - b.opens);
    return {
      day,
      allDay: matching.some((rule) => rule.allDay),
      intervals: matching.filter((rule) => !rule.allDay).map((rule) => rule.label),
    };
  });
  const todayRow = local ? days.find((row) => row.day === local.weekday) : undefined;
  return {
    timeZone: first.zone,
    days,
    today: local?.weekday ?? null,
    openNow: rules.some((rule) => openUnder(rule, now)),
    hoursToday: todayRow
      ? { timeZone: first.zone, allDay: todayRow.allDay, intervals: todayRow.intervals }
      : null,
  };
}
