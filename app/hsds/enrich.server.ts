/**
 * What the importer adds to resolved rows: coordinates from the offline gazetteer for
 * locations without them, the public point of every location (exact, or the ZIP/city centroid
 * for confidential ones), time zones for schedules, Haven categories for clearly matching
 * foreign taxonomy terms, and the verification state of imported organizations.
 */
import { lookupCity, lookupZip, normalizeState, stateTimeZone, type Place } from '../geo/gazetteer.server';
import { MIN_PUBLIC_DISTANCE_M, publicAreaLabel, safePublicPoint } from '../locations/confidential';
import { categoriesForTerm } from './category-map';
import { havenTaxonomyId, havenTermId, uuidV5 } from './ids.server';
import type { IssueLog } from './report';
import type { ResolvedTables } from './resolve.server';
import type { Row } from './row-fixes';

const HAVEN_TAXONOMIES = new Set(['haven', 'haven-population', 'haven-cost'].map(havenTaxonomyId));

export interface EnrichOptions {
  pending: boolean;
  /** Placeholder organizations (by final id): new ones start pending, for an admin to review. */
  placeholders?: Set<string>;
  now: Date;
  /** Where each row came from, for the report (by final id). */
  sourceOf: (table: string, id: string) => { file: string; line: number; sourceId?: string };
}

const str = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

function placeFor(address: Row | undefined): Place | null {
  if (!address) return null;
  const zip = str(address.postal_code);
  const fromZip = zip && /^\d{5}(-\d{4})?$/.test(zip) ? lookupZip(zip) : null;
  if (fromZip) return fromZip;
  const city = str(address.city);
  const state = str(address.state_province);
  return city && state ? lookupCity(city, state) : null;
}

export function enrich(tables: ResolvedTables, log: IssueLog, options: EnrichOptions): void {
  const rows = (table: string) => tables.get(table as never) ?? [];
  const issue = (
    table: string,
    id: string,
    severity: 'repaired' | 'warning',
    column: string,
    reason: string,
  ) => log.add({ ...options.sourceOf(table, id), table, severity, column, reason });

  // Organizations: imported ones count as verified (or pending with --pending) unless the
  // package says otherwise (Haven's own export carries verification_status).
  for (const org of rows('organization')) {
    if (org.verification_status == null)
      org.verification_status =
        options.pending || options.placeholders?.has(String(org.id)) ? 'pending' : 'verified';
    if (org.verification_status === 'verified' && org.verified_at == null)
      org.verified_at = options.now.toISOString();
    if (org.is_sample == null) org.is_sample = false;
  }

  // Locations: coordinates and public point.
  const addressesByLocation = new Map<string, Row>();
  for (const address of rows('address')) {
    const key = String(address.location_id);
    const current = addressesByLocation.get(key);
    if (!current || (current.address_type !== 'physical' && address.address_type === 'physical'))
      addressesByLocation.set(key, address);
  }
  const locationState = new Map<string, { state: string; longitude?: number }>();
  for (const location of rows('location')) {
    const id = String(location.id);
    const address = addressesByLocation.get(id);
    const place = placeFor(address);
    const confidential = location.is_confidential === true;
    location.is_confidential = confidential;
    if (location.location_type == null) location.location_type = 'physical';
    if (location.latitude != null) {
      location.geocode_source ??= 'source';
    } else if (!confidential && place) {
      location.latitude = place.latitude;
      location.longitude = place.longitude;
      location.geocode_source = 'gazetteer';
      issue(
        'location',
        id,
        'repaired',
        'latitude',
        `no coordinates; placed at the centre of ${place.zip ?? place.label}`,
      );
    } else if (location.location_type !== 'virtual') {
      location.geocode_source = 'missing';
      if (!confidential)
        issue(
          'location',
          id,
          'warning',
          'latitude',
          'no coordinates and no known ZIP or city: not shown on maps or in nearby searches',
        );
    }
    if (!confidential) {
      location.public_latitude = location.latitude;
      location.public_longitude = location.longitude;
    } else {
      if (location.public_latitude == null && place) {
        // A confidential location is shown at its area's centroid, never at its own point.
        location.public_latitude = place.latitude;
        location.public_longitude = place.longitude;
      }
      if (location.public_latitude == null || location.public_longitude == null) {
        location.public_latitude = null;
        location.public_longitude = null;
        issue(
          'location',
          id,
          'warning',
          'public_latitude',
          'confidential location without a known ZIP or city: no public point',
        );
      } else {
        const exact =
          location.latitude != null && location.longitude != null
            ? { latitude: Number(location.latitude), longitude: Number(location.longitude) }
            : null;
        const safe = safePublicPoint(exact, {
          latitude: Number(location.public_latitude),
          longitude: Number(location.public_longitude),
        });
        location.public_latitude = safe.point.latitude;
        location.public_longitude = safe.point.longitude;
        if (safe.moved)
          issue(
            'location',
            id,
            'repaired',
            'public_latitude',
            `public point closer than ${MIN_PUBLIC_DISTANCE_M} m to the exact point; moved to a grid point at least that far away`,
          );
      }
    }
    if (confidential && location.public_area_label == null && place)
      location.public_area_label = publicAreaLabel(place);
    const state = place?.state ?? (address ? normalizeState(String(address.state_province ?? '')) : null);
    // Hours of a confidential place are read in the zone of its public point (never its own).
    const longitude = (confidential ? location.public_longitude : location.longitude) as number | null;
    if (state) locationState.set(id, { state, longitude: longitude ?? undefined });
  }

  // Schedules: the time zone of the place the hours apply to.
  const locationOfSal = new Map(
    rows('service_at_location').map((sal) => [String(sal.id), String(sal.location_id)]),
  );
  const firstLocationOfService = new Map<string, string>();
  for (const sal of rows('service_at_location')) {
    if (!firstLocationOfService.has(String(sal.service_id)))
      firstLocationOfService.set(String(sal.service_id), String(sal.location_id));
  }
  const serviceStates = new Map<string, string>();
  for (const area of rows('service_area')) {
    const states = area.coverage_states as string[] | null;
    if (area.service_id != null && states?.length === 1)
      serviceStates.set(String(area.service_id), states[0]!);
  }
  for (const schedule of rows('schedule')) {
    if (schedule.timezone_name != null) continue;
    const locationId =
      (schedule.location_id as string | null) ??
      (schedule.service_at_location_id != null
        ? locationOfSal.get(String(schedule.service_at_location_id))
        : undefined) ??
      (schedule.service_id != null ? firstLocationOfService.get(String(schedule.service_id)) : undefined);
    const where = locationId ? locationState.get(locationId) : undefined;
    const state =
      where?.state ??
      (schedule.service_id != null ? serviceStates.get(String(schedule.service_id)) : undefined);
    const zone = state ? stateTimeZone(state, where?.longitude) : null;
    if (zone) schedule.timezone_name = zone;
    else if (schedule.opens_at != null) {
      issue(
        'schedule',
        String(schedule.id),
        'warning',
        'timezone_name',
        'no time zone and no US state to take it from; open-now cannot be computed',
      );
    }
  }

  mapCategories(tables);
}

/** Adds a Haven category attribute to each service linked to a clearly matching foreign term. */
function mapCategories(tables: ResolvedTables): void {
  const terms = new Map((tables.get('taxonomy_term') ?? []).map((term) => [String(term.id), term]));
  const attributes = tables.get('attribute') ?? [];
  const existing = new Set(attributes.map((a) => `${String(a.link_id)}|${String(a.taxonomy_term_id)}`));
  const added: Row[] = [];
  for (const attribute of attributes) {
    if (attribute.link_entity !== 'service') continue;
    const term = terms.get(String(attribute.taxonomy_term_id));
    if (!term || (term.taxonomy_id != null && HAVEN_TAXONOMIES.has(String(term.taxonomy_id)))) continue;
    for (const category of categoriesForTerm(String(term.name), term.code as string | null)) {
      const termId = havenTermId('haven', category);
      const key = `${String(attribute.link_id)}|${termId}`;
      if (existing.has(key)) continue;
      existing.add(key);
      added.push({
        id: uuidV5(`haven-category:${String(attribute.link_id)}:${category}`),
        link_id: attribute.link_id,
        link_entity: 'service',
        taxonomy_term_id: termId,
        link_type: null,
        value: null,
        label: `mapped from "${String(term.name)}"`,
      });
    }
  }
  attributes.push(...added);
  tables.set('attribute', attributes);
}
