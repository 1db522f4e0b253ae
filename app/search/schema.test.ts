import { describe, expect, it } from 'vitest';
import { parseApiQuery, parsePageQuery } from './schema';
import { KM_PER_MILE } from './units';

const page = (query: string) => parsePageQuery(new URLSearchParams(query));
const api = (query: string) => parseApiQuery(new URLSearchParams(query));

describe('parsePageQuery', () => {
  it('parses every filter into SearchParams', () => {
    const result = page(
      'near=Houston, TX&radius=10&category=counseling&category=legal-aid&q=visa&language=ES&population=minors&free=1&open_now=1&delivery=phone&page=3',
    );
    expect(result).toEqual({
      ok: true,
      value: {
        near: 'Houston, TX',
        radiusMiles: 10,
        params: {
          point: undefined,
          radiusKm: 10 * KM_PER_MILE,
          categories: ['counseling', 'legal-aid'],
          keyword: 'visa',
          language: 'es',
          population: 'minors',
          freeOnly: true,
          openNow: true,
          delivery: 'phone',
          page: 3,
          pageSize: 20,
        },
      },
    });
  });

  it('defaults to 25 miles, page 1, and treats empty fields as absent', () => {
    const result = page('lat=29.76&lng=-95.37&q=&category=&near=');
    expect(result.ok && result.value.params).toMatchObject({
      point: { latitude: 29.76, longitude: -95.37 },
      radiusKm: 25 * KM_PER_MILE,
      categories: [],
      keyword: undefined,
      page: 1,
    });
  });

  it.each([
    ['lat=abc&lng=1', 'lat'],
    ['lat=91&lng=1', 'lat'],
    ['lat=1', 'lng'],
    ['lng=1', 'lat'],
    ['radius=-5', 'radius'],
    ['radius=0', 'radius'],
    ['category=nope', 'category'],
    ["category=' OR 1=1 --", 'category'],
    ['population=everyone', 'population'],
    ['free=yes', 'free'],
    ['open_now=2', 'open_now'],
    ['delivery=carrier-pigeon', 'delivery'],
    ['page=0', 'page'],
    ['page=1.5', 'page'],
    ['language=english', 'language'],
    ['q=a%00b', 'q'],
    ['lat=1&lat=2&lng=3', 'lat'],
  ])('rejects %s naming %s', (query, parameter) => {
    const result = page(query);
    expect(result).toMatchObject({ ok: false, parameter });
    expect(!result.ok && result.error).toMatch(new RegExp(`^${parameter}: `));
  });
});

describe('parseApiQuery', () => {
  it('takes radius_km, per_page, format and the HSDS `search` alias', () => {
    const result = api('lat=29.76&lng=-95.37&radius_km=5&per_page=50&format=ndjson&search=shelter');
    expect(result).toMatchObject({
      ok: true,
      value: {
        format: 'ndjson',
        params: {
          radiusKm: 5,
          pageSize: 50,
          keyword: 'shelter',
          point: { latitude: 29.76, longitude: -95.37 },
        },
      },
    });
  });

  it.each([
    ['radius_km=-5', 'radius_km'],
    ['radius_km=501', 'radius_km'],
    ['per_page=100000', 'per_page'],
    ['per_page=0', 'per_page'],
    ['format=xml', 'format'],
    ['radius=1&radius_km=1', 'radius'],
    ['lat=1;drop table service&lng=2', 'lat'],
  ])('rejects %s naming %s', (query, parameter) => {
    expect(api(query)).toMatchObject({ ok: false, parameter });
  });
});
