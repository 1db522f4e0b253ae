import { describe, expect, it } from 'vitest';
import { formatClock, formatDistance, formatTimeRange, formatVerified, smsHref, telHref } from './format';

describe('formatDistance', () => {
  it('shows one decimal under ten miles and whole miles beyond', () => {
    expect(formatDistance(1.609344 * 2.34, 'en')).toBe('2.3 mi');
    expect(formatDistance(1.609344 * 12.6, 'en')).toBe('13 mi');
    expect(formatDistance(1.609344 * 1234, 'en')).toBe('1,234 mi');
    expect(formatDistance(1.609344 * 1234, 'es')).toBe('1,234 mi');
  });
  it('says "less than 0.1" for very near places', () => {
    expect(formatDistance(0.05, 'en')).toBe('Less than 0.1 mi');
    expect(formatDistance(0, 'es')).toBe('Menos de 0.1 mi');
  });
});

describe('formatVerified', () => {
  const now = new Date('2026-11-22T15:00:00Z');
  it('counts whole days in both languages', () => {
    expect(formatVerified('2026-11-10T15:00:00Z', now, 'en')).toBe('Verified 12 days ago');
    expect(formatVerified('2026-11-10T15:00:00Z', now, 'es')).toBe('Verificado hace 12 días');
  });
  it('says today and yesterday, and treats a future date as today', () => {
    expect(formatVerified('2026-11-22T01:00:00Z', now, 'en')).toBe('Verified today');
    expect(formatVerified('2026-11-21T14:00:00Z', now, 'en')).toBe('Verified yesterday');
    expect(formatVerified('2026-12-01T00:00:00Z', now, 'en')).toBe('Verified today');
  });
  it('caps at a year and ignores missing or bad dates', () => {
    expect(formatVerified('2024-01-01T00:00:00Z', now, 'en')).toBe('Verified more than a year ago');
    expect(formatVerified(null, now, 'en')).toBeNull();
    expect(formatVerified('not a date', now, 'en')).toBeNull();
  });
});

describe('formatClock', () => {
  it('uses a 12-hour clock with the right suffix', () => {
    expect(formatClock('09:05', 'en')).toBe('9:05 AM');
    expect(formatClock('00:00:00', 'en')).toBe('12:00 AM');
    expect(formatClock('12:30', 'en')).toBe('12:30 PM');
    expect(formatClock('17:00', 'es')).toBe('5:00 p. m.');
    expect(formatClock('24:00', 'en')).toBe('12:00 AM');
    expect(formatTimeRange('09:00', '17:00', 'en')).toBe('9:00 AM – 5:00 PM');
  });
});

describe('links and coordinates', () => {
  it('builds tel: and sms: targets', () => {
    expect(telHref('1-888-373-7888')).toBe('tel:18883737888');
    expect(telHref('+1 (713) 555-0100', 'x12')).toBe('tel:+17135550100,12');
    expect(smsHref('233733')).toBe('sms:233733');
    expect(smsHref('', 'A & B')).toBe('sms:?&body=A%20%26%20B');
  });
});
