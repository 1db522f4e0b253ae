import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  areaQuery,
  readSearchQuery,
  roundCoordinate,
  searchHref,
  searchHrefForPosition,
  widerRadius,
  withoutFilters,
} from './search-url';

describe('search query links', () => {
  const query = readSearchQuery(
    new URLSearchParams(
      'near=Houston, TX&radius=10&category=health&category=housing&free=1&open_now=1&page=3&q=visa',
    ),
  );

  it('reads the page parameters as typed', () => {
    expect(query.category).toEqual(['health', 'housing']);
    expect(query).toMatchObject({
      near: 'Houston, TX',
      radius: '10',
      free: true,
      open_now: true,
      page: 3,
      q: 'visa',
    });
    expect(activeFilterCount(query)).toBe(5);
    expect(readSearchQuery(new URLSearchParams('page=-2')).page).toBe(1);
  });

  it('reads every spelling of a tick the schema accepts', () => {
    for (const [value, on] of [
      ['1', true],
      ['true', true],
      ['0', false],
      ['false', false],
      ['', false],
      ['yes', false],
    ] as const) {
      const ticked = readSearchQuery(new URLSearchParams({ free: value, open_now: value }));
      expect([ticked.free, ticked.open_now], value).toEqual([on, on]);
      expect(activeFilterCount(ticked)).toBe(on ? 2 : 0);
    }
  });

  it('builds a bookmarkable URL and keeps filters across pages', () => {
    expect(searchHref({ ...query, page: 4 })).toBe(
      '/search?near=Houston%2C+TX&radius=10&category=health&category=housing&q=visa&free=1&open_now=1&page=4',
    );
    expect(searchHref({ ...query, page: 1 }, 'es')).not.toContain('page=');
    expect(searchHref({ ...query, page: 1 }, 'es')).toContain('hl=es');
    // A tick read from `true` is written back as `1`.
    expect(searchHref(readSearchQuery(new URLSearchParams('free=true')))).toBe('/search?free=1');
  });

  it('suggests a wider radius and a search without filters', () => {
    expect(widerRadius(10)).toBe(25);
    expect(widerRadius(100)).toBeNull();
    expect(searchHref(withoutFilters(query))).toBe('/search?near=Houston%2C+TX&radius=10');
  });

  it('turns a map area into lat/lng/radius, keeping filters and dropping the place', () => {
    const href = searchHref(areaQuery(query, { latitude: 29.76543, longitude: -95.36987, radiusKm: 16.1 }));
    expect(href).toBe(
      '/search?lat=29.765&lng=-95.37&radius=10&category=health&category=housing&q=visa&free=1&open_now=1',
    );
  });

  it('rounds browser coordinates to about 100 m before they go into a URL', () => {
    expect(roundCoordinate(29.760427)).toBe(29.76);
    expect(roundCoordinate(-95.369803)).toBe(-95.37);
    expect(roundCoordinate(40.71289)).toBe(40.713);
    expect(searchHrefForPosition(29.760427, -95.369803, new URLSearchParams('category=health'))).toBe(
      '/search?category=health&lat=29.76&lng=-95.37',
    );
  });
});
