/** Search parameters for tests: 40 km around downtown Houston, no filters, first page of 20. */
import type { GeoPoint, SearchParams } from '../../app/search/types';

export const HOUSTON: GeoPoint = { latitude: 29.7604, longitude: -95.3698 };

export const searchParams = (overrides: Partial<SearchParams> = {}): SearchParams => ({
  point: HOUSTON,
  radiusKm: 40,
  categories: [],
  freeOnly: false,
  openNow: false,
  page: 1,
  pageSize: 20,
  ...overrides,
});
