import { describe, expect, it } from 'vitest';
import { categoriesForTerm, populationsFor } from './category-map';
import { cleanText, cleanValue, parseDate, parseTime, splitList } from './clean';
import { isUuid } from '../../db/values';
import { havenTermId, stableId, uuidV5 } from './ids.server';

describe('cell cleaning', () => {
  it('reads 12-hour, 24-hour and compact times, and refuses free text', () => {
    expect(parseTime('9:00am')).toBe('09:00:00');
    expect(parseTime('5 PM')).toBe('17:00:00');
    expect(parseTime('12 am')).toBe('00:00:00');
    expect(parseTime('12:30 p.m.')).toBe('12:30:00');
    expect(parseTime('0900')).toBe('09:00:00');
    expect(parseTime('18:00')).toBe('18:00:00');
    expect(parseTime('24:00')).toBe('24:00:00');
    expect(parseTime('noon')).toBe('12:00:00');
    expect(parseTime('Mon-Fri 9-5')).toBeNull();
    expect(parseTime('25:00')).toBeNull();
    expect(parseTime('13 pm')).toBeNull();
  });

  it('trims, unescapes literal \\n and treats blank as null, saying what it repaired', () => {
    expect(cleanText('  a\\nb ')).toEqual({
      value: 'a\nb',
      repair: 'literal "\\n" turned into a line break; surrounding whitespace trimmed',
    });
    expect(cleanText('plain')).toEqual({ value: 'plain', repair: undefined });
    expect(cleanText('   ')).toEqual({ value: null });
  });

  it('parses dates, booleans, numbers, enums and lists by column kind', () => {
    expect(parseDate('1/5/2024')).toBe('2024-01-05');
    expect(parseDate('2024-02-30')).toBeNull();
    expect(cleanValue({ kind: 'bool' }, 'TRUE')).toMatchObject({ ok: true, value: true });
    expect(cleanValue({ kind: 'bool' }, 'maybe')).toMatchObject({ ok: false });
    expect(cleanValue({ kind: 'int' }, '12.5')).toMatchObject({
      ok: false,
      error: '"12.5" is not a whole number',
    });
    expect(cleanValue({ kind: 'number' }, 29.5)).toMatchObject({ ok: true, value: 29.5 });
    expect(cleanValue({ kind: 'enum', values: ['cell', 'voice'] }, 'Mobile')).toMatchObject({
      ok: true,
      value: 'cell',
    });
    expect(
      cleanValue({ kind: 'enum_list', values: ['in_person', 'phone'] }, '{in-person, phone}'),
    ).toMatchObject({ ok: true, value: ['in_person', 'phone'] });
    expect(cleanValue({ kind: 'enum_list', values: ['in_person'] }, 'carrier pigeon')).toMatchObject({
      ok: false,
    });
    expect(splitList('["TX","nm"]')).toEqual(['TX', 'nm']);
    expect(cleanValue({ kind: 'timestamp' }, '2025-03-01')).toMatchObject({
      ok: true,
      value: '2025-03-01T00:00:00.000Z',
    });
  });
});

describe('stable ids', () => {
  it('keeps UUIDs and derives RFC 4122 v5 ids for everything else', () => {
    // The RFC 4122 DNS namespace test vector for "www.example.com".
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    expect(stableId('pkg', 'service', 'AC148810-D857-441C-9679-408F346DE14B')).toBe(
      'ac148810-d857-441c-9679-408f346de14b',
    );
    const derived = stableId('pkg', 'service', 'svc-1');
    expect(isUuid(derived)).toBe(true);
    expect(stableId('pkg', 'service', ' svc-1 ')).toBe(derived);
    expect(stableId('pkg', 'location', 'svc-1')).not.toBe(derived);
    expect(stableId('other', 'service', 'svc-1')).not.toBe(derived);
  });

  it("gives Haven's own terms v5 ids of 'term:<taxonomy>:<code>' in Haven's namespace", () => {
    // uuid.uuid5(UUID('6f1d2c3a-7b7e-4f1a-9a4e-5c2b8d0e9f11'), 'term:haven:legal-aid'), computed
    // independently with Python's uuid module.
    expect(havenTermId('haven', 'legal-aid')).toBe('c96477b1-3873-576a-99e0-79b3e0c80e32');
  });
});

describe('category mapping', () => {
  it.each([
    ['Legal Services', ['legal-aid']],
    ['Mental Health Counseling', ['counseling']],
    ['Medical Care', ['health']],
    ['Job Training', ['vocational']],
    ['Emergency Shelter', ['housing']],
    ['Food Pantry', ['basic-needs']],
    ['Crisis Line', ['hotlines']],
    ['Case Management', ['case-management']],
    ['Bicycle Repair', []],
  ])('maps "%s" to %j', (name, expected) => {
    expect(categoriesForTerm(name)).toEqual(expected);
  });

  it('reads populations from eligibility words without confusing women and men', () => {
    expect(populationsFor(['women'])).toEqual(['women']);
    expect(populationsFor(['adults 18+', 'families'])).toEqual(['adults', 'families']);
  });
});
