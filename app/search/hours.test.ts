import { describe, expect, it } from 'vitest';
import { isOpenAt, localTime, type ScheduleInput, weeklyHours } from './hours';

const rule = (overrides: Partial<ScheduleInput>): ScheduleInput => ({
  freq: 'WEEKLY',
  byday: 'MO,TU,WE,TH,FR',
  opensAt: '09:00:00',
  closesAt: '17:00:00',
  validFrom: null,
  validTo: null,
  timeZone: 'America/Chicago',
  ...overrides,
});

describe('localTime', () => {
  it('converts an instant to wall-clock time in the zone, across DST', () => {
    // 2026-03-08 is the US spring-forward Sunday: 07:30Z is 01:30 CST, 08:30Z is 03:30 CDT.
    expect(localTime(new Date('2026-03-08T07:30:00Z'), 'America/Chicago')).toEqual({
      date: '2026-03-08',
      weekday: 'SU',
      minutes: 90,
    });
    expect(localTime(new Date('2026-03-08T08:30:00Z'), 'America/Chicago')?.minutes).toBe(210);
  });

  it('returns null for an unknown zone', () => {
    expect(localTime(new Date(), 'Mars/Olympus')).toBeNull();
  });
});

describe('isOpenAt', () => {
  it('is open inside weekday hours and closed outside, in the schedule zone', () => {
    const schedules = [rule({})];
    // Wed 2026-11-18 10:00 in Chicago (CST, UTC-6) = 16:00Z
    expect(isOpenAt(schedules, new Date('2026-11-18T16:00:00Z'), null)).toBe(true);
    // 08:59 Chicago
    expect(isOpenAt(schedules, new Date('2026-11-18T14:59:00Z'), null)).toBe(false);
    // 17:00 Chicago: closing minute is closed
    expect(isOpenAt(schedules, new Date('2026-11-18T23:00:00Z'), null)).toBe(false);
    // The same instant is 11:00 in New York: that zone decides, not the server's
    expect(
      isOpenAt(
        [rule({ timeZone: 'America/New_York', opensAt: '10:30' })],
        new Date('2026-11-18T16:00:00Z'),
        null,
      ),
    ).toBe(true);
    expect(
      isOpenAt([rule({ timeZone: 'America/Los_Angeles' })], new Date('2026-11-18T16:00:00Z'), null),
    ).toBe(false);
  });

  it('is closed on days not listed', () => {
    // Sat 2026-11-21 12:00 Chicago = 18:00Z
    expect(isOpenAt([rule({})], new Date('2026-11-21T18:00:00Z'), null)).toBe(false);
  });

  it('handles hours past midnight: Friday 18:00–02:00 is open early Saturday, not early Friday', () => {
    const schedules = [rule({ byday: 'FR', opensAt: '18:00', closesAt: '02:00' })];
    // Sat 2026-11-21 01:30 Chicago = 07:30Z
    expect(isOpenAt(schedules, new Date('2026-11-21T07:30:00Z'), null)).toBe(true);
    // Sat 02:00 Chicago: closed
    expect(isOpenAt(schedules, new Date('2026-11-21T08:00:00Z'), null)).toBe(false);
    // Fri 01:30 Chicago (Thursday night is not listed): closed
    expect(isOpenAt(schedules, new Date('2026-11-20T07:30:00Z'), null)).toBe(false);
    // Fri 23:00 Chicago = Sat 05:00Z: open
    expect(isOpenAt(schedules, new Date('2026-11-21T05:00:00Z'), null)).toBe(true);
  });

  it('treats 00:00–00:00 and 00:00–23:59 every day as open around the clock', () => {
    for (const closesAt of ['00:00', '23:59']) {
      const schedules = [rule({ byday: 'MO,TU,WE,TH,FR,SA,SU', opensAt: '00:00', closesAt })];
      for (const iso of ['2026-11-21T05:59:00Z', '2026-11-22T06:00:00Z', '2026-11-18T17:30:00Z']) {
        expect(isOpenAt(schedules, new Date(iso), null)).toBe(true);
      }
    }
  });

  it('respects valid_from and valid_to in local dates', () => {
    const schedules = [rule({ validFrom: '2026-11-19', validTo: '2026-11-30' })];
    expect(isOpenAt(schedules, new Date('2026-11-18T16:00:00Z'), null)).toBe(false);
    expect(isOpenAt(schedules, new Date('2026-11-19T16:00:00Z'), null)).toBe(true);
    // 2026-12-01 10:00 Chicago: expired
    expect(isOpenAt(schedules, new Date('2026-12-01T16:00:00Z'), null)).toBe(false);
  });

  it('keeps wall-clock hours across the DST change (09:00 is 15:00Z in winter, 14:00Z in summer)', () => {
    const schedules = [rule({ opensAt: '09:00', closesAt: '10:00' })];
    expect(isOpenAt(schedules, new Date('2026-03-06T15:30:00Z'), null)).toBe(true); // Fri, CST
    expect(isOpenAt(schedules, new Date('2026-03-06T14:30:00Z'), null)).toBe(false);
    expect(isOpenAt(schedules, new Date('2026-03-09T14:30:00Z'), null)).toBe(true); // Mon, CDT
    expect(isOpenAt(schedules, new Date('2026-03-09T15:30:00Z'), null)).toBe(false);
  });

  it('handles an overnight interval across the fall-back night', () => {
    // Sat 2026-10-31 22:00 – Sun 03:00; on 2026-11-01 01:00–02:00 happens twice in Chicago.
    const schedules = [rule({ byday: 'SA', opensAt: '22:00', closesAt: '03:00' })];
    expect(isOpenAt(schedules, new Date('2026-11-01T06:30:00Z'), null)).toBe(true); // 01:30 CDT
    expect(isOpenAt(schedules, new Date('2026-11-01T07:30:00Z'), null)).toBe(true); // 01:30 CST
    expect(isOpenAt(schedules, new Date('2026-11-01T08:30:00Z'), null)).toBe(true); // 02:30 CST
    expect(isOpenAt(schedules, new Date('2026-11-01T09:30:00Z'), null)).toBe(false); // 03:30 CST
  });

  it('falls back to the given zone when the schedule has none, and is unknown without any zone', () => {
    const schedules = [rule({ timeZone: null })];
    expect(isOpenAt(schedules, new Date('2026-11-18T16:00:00Z'), 'America/Chicago')).toBe(true);
    expect(isOpenAt(schedules, new Date('2026-11-18T16:00:00Z'), 'America/Los_Angeles')).toBe(false);
    expect(isOpenAt(schedules, new Date('2026-11-18T16:00:00Z'), null)).toBeNull();
  });

  it('is unknown (null) without regular hours', () => {
    expect(isOpenAt([], new Date(), 'America/Chicago')).toBeNull();
    expect(isOpenAt([rule({ opensAt: null, closesAt: null })], new Date(), null)).toBeNull();
    expect(isOpenAt([rule({ freq: 'MONTHLY', byday: '1MO' })], new Date(), null)).toBeNull();
  });
});

describe('weeklyHours', () => {
  it('builds the weekly table with today and its hours in the schedule zone', () => {
    const schedules = [
      rule({ byday: 'MO,WE', opensAt: '13:00', closesAt: '17:00' }),
      rule({ byday: 'MO', opensAt: '09:00', closesAt: '12:00' }),
      rule({ byday: 'SU', opensAt: '00:00', closesAt: '00:00' }),
    ];
    // Mon 2026-11-16 12:30 Chicago = 18:30Z: between the two Monday intervals
    const week = weeklyHours(schedules, new Date('2026-11-16T18:30:00Z'), null);
    expect(week.today).toBe('MO');
    expect(week.openNow).toBe(false);
    expect(week.days.find((d) => d.day === 'MO')?.intervals).toEqual([
      { opensAt: '09:00', closesAt: '12:00' },
      { opensAt: '13:00', closesAt: '17:00' },
    ]);
    expect(week.days.find((d) => d.day === 'SU')).toEqual({ day: 'SU', allDay: true, intervals: [] });
    expect(week.days.find((d) => d.day === 'TU')?.intervals).toEqual([]);
    expect(week.hoursToday).toEqual({
      timeZone: 'America/Chicago',
      allDay: false,
      intervals: [
        { opensAt: '09:00', closesAt: '12:00' },
        { opensAt: '13:00', closesAt: '17:00' },
      ],
    });
    // Monday is 00:30 Tuesday in UTC at 06:30Z: "today" is the local day, Monday
    expect(weeklyHours(schedules, new Date('2026-11-17T05:30:00Z'), null).today).toBe('MO');
  });
});
