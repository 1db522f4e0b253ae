import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { lookupCity, lookupZip, nearestPlace, resolvePlace, stateTimeZone } from './gazetteer.server';

describe('gazetteer', () => {
  it('resolves a ZIP (and ZIP+4) to its centroid', () => {
    const place = lookupZip('77002');
    expect(place).toMatchObject({ city: 'Houston', state: 'TX', zip: '77002' });
    expect(place!.latitude).toBeCloseTo(29.76, 1);
    expect(place!.longitude).toBeCloseTo(-95.36, 1);
    expect(resolvePlace(' 77002-1234 ')).toMatchObject({ ok: true, place: { zip: '77002' } });
  });

  it('resolves "City, ST" in several spellings to the same city centroid', () => {
    const houston = lookupCity('Houston', 'TX');
    expect(houston).not.toBeNull();
    for (const text of ['Houston, TX', 'houston tx', 'Houston, Texas', '  HOUSTON ,  tx ']) {
      expect(resolvePlace(text)).toEqual({ ok: true, place: houston });
    }
    expect(resolvePlace('Santa Fe New Mexico')).toMatchObject({
      ok: true,
      place: { city: 'Santa Fe', state: 'NM' },
    });
  });

  it('puts big cities where they are, whatever a mislocated ZIP in the data says', () => {
    // The data places ZIP 10200 ("New York") at +73.95: averaged in, it moved the city to Long Island.
    const cities: Array<[string, number, number]> = [
      ['New York, NY', 40.75, -73.99],
      ['Los Angeles, CA', 34.05, -118.25],
      ['Chicago, IL', 41.88, -87.63],
      ['Anchorage, AK', 61.2, -149.9],
    ];
    for (const [text, latitude, longitude] of cities) {
      const result = resolvePlace(text);
      expect(result.ok, text).toBe(true);
      if (!result.ok) continue;
      expect(Math.abs(result.place.latitude - latitude), text).toBeLessThan(0.15);
      expect(Math.abs(result.place.longitude - longitude), text).toBeLessThan(0.15);
    }
    expect(lookupZip('10200')).toBeNull();
  });

  it('gives not_found with suggestions for unknown places, never throws', () => {
    expect(resolvePlace('00000')).toEqual({ ok: false, reason: 'not_found', suggestions: [] });
    const typo = resolvePlace('Huston, TX');
    expect(typo.ok).toBe(false);
    if (!typo.ok) expect(typo.suggestions).toContain('Houston, TX');
    expect(resolvePlace('Atlantis')).toMatchObject({ ok: false, reason: 'not_found' });
    expect(resolvePlace('   ')).toEqual({ ok: false, reason: 'empty', suggestions: [] });
    expect(resolvePlace("'; drop table service; --")).toMatchObject({ ok: false });
  });

  it('finds the nearest place to a point, and none far out at sea', () => {
    expect(nearestPlace(29.76, -95.36)).toMatchObject({ state: 'TX' });
    expect(nearestPlace(0, -30)).toBeNull();
  });

  it('finds the same nearest ZIP as a scan of every ZIP, near and far from the US', () => {
    const rows = Object.values(
      (createRequire(import.meta.url)('zipcodes') as { codes: Record<string, { zip: string }> }).codes,
    ).flatMap((row) => (lookupZip(row.zip) ? [lookupZip(row.zip)!] : []));
    const scan = (latitude: number, longitude: number) => {
      const cosLat = Math.cos((latitude * Math.PI) / 180);
      let best: (typeof rows)[number] | undefined;
      let bestScore = Infinity;
      for (const row of rows) {
        const score = (row.latitude - latitude) ** 2 + ((row.longitude - longitude) * cosLat) ** 2;
        if (score < bestScore) [best, bestScore] = [row, score];
      }
      return best && bestScore <= 2.25 ? best.zip : null;
    };
    // A fixed pseudo-random walk over North America and the Pacific (Alaska, Hawaii, open sea).
    let seed = 16;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 400; i++) {
      const latitude = 15 + random() * 58;
      const longitude = -170 + random() * 110;
      expect(nearestPlace(latitude, longitude)?.zip ?? null).toBe(scan(latitude, longitude));
    }
  });

  it('knows the time zone of a state, split where a state spans two', () => {
    expect(stateTimeZone('NY')).toBe('America/New_York');
    expect(stateTimeZone('tx', -95.36)).toBe('America/Chicago');
    expect(stateTimeZone('TX', -106.44)).toBe('America/Denver');
    expect(stateTimeZone('ZZ')).toBeNull();
  });
});
