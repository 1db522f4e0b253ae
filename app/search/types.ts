/**
 * The search contract shared by the search module (app/search/search.server.ts), the public
 * API and the pages. Plain serializable objects: they go straight into loader data and JSON.
 */
import type { DeliveryMode } from '../../db/types';
import type { ApiFilterValues, FilterValues } from './filters';

export type { DeliveryMode };

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/**
 * A resolved search. The filters' fields (categories, keyword, language, population, freeOnly,
 * openNow, delivery) come from the registry (./filters.ts); absent means off.
 */
export interface SearchParams extends FilterValues, ApiFilterValues {
  /** Centre of a nearby search; without it results are ranked by keyword relevance, then name. */
  point?: GeoPoint;
  /**
   * Two-letter state containing the point, for remote services that cover whole states. Set by
   * the one resolve step (./resolve.server.ts) for the page and the API alike: the state of the
   * typed place, or of the ZIP nearest a lat/lng. Without it, state-wide coverage cannot match.
   */
  pointState?: string;
  /** Distance cap in kilometres (pages convert miles; default 25 mi ≈ 40.2336 km). */
  radiusKm: number;
  /** 1-based. */
  page: number;
  pageSize: number;
  /**
   * Count every match (the API: HSDS clients loop 1..total_pages). Without it the page counts
   * exactly only up to two pages past the current one ("40+").
   */
  exactTotal?: boolean;
  /** Injectable clock for open-now and hours-today (tests). */
  now?: Date;
}

export interface DayHours {
  /** 'HH:MM' 24-hour, in the schedule's own time zone. */
  opensAt: string;
  closesAt: string;
}

export interface HoursToday {
  /** IANA zone the hours are given in. */
  timeZone: string | null;
  /** Open around the clock today. */
  allDay: boolean;
  intervals: DayHours[];
}

export interface PublicAddress {
  address1: string;
  address2: string | null;
  city: string;
  stateProvince: string;
  postalCode: string;
}

export interface ResultLocation {
  id: string;
  name: string | null;
  isConfidential: boolean;
  /** The PUBLIC point: exact for ordinary locations, an area centroid for confidential ones. */
  latitude: number | null;
  longitude: number | null;
  /** e.g. "Houston, TX area" — shown instead of an address for confidential locations. */
  areaLabel: string | null;
  /** null for confidential locations, always. */
  address: PublicAddress | null;
}

export interface SearchResultItem {
  serviceId: string;
  serviceName: string;
  /** First ~200 characters of the description. */
  summary: string;
  organizationId: string;
  organizationName: string;
  isSample: boolean;
  categories: Array<{ slug: string; name: string }>;
  delivery: DeliveryMode[];
  /** True when the service is listed here because its remote service area covers the point. */
  remote: boolean;
  /** From the search point to the location's public point; null without a point or for remote matches. */
  distanceKm: number | null;
  location: ResultLocation | null;
  phone: { number: string; extension: string | null } | null;
  /** ISO 639-1 codes. */
  languages: string[];
  free: boolean;
  /** null when the service publishes no regular hours. */
  openNow: boolean | null;
  hoursToday: HoursToday | null;
  lastVerifiedAt: string | null;
}

export interface SearchResult {
  items: SearchResultItem[];
  total: number;
  /**
   * True when `total` is a lower bound: near a dense city the in-person matches are counted
   * exactly only up to a few pages past the current one (show "200+ results").
   */
  totalCapped: boolean;
  page: number;
  pageSize: number;
  totalPages: number;
}
