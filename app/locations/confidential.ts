/**
 * The write-side rules for confidential locations (DESIGN.md §4, §6 "fail closed"), pure so
 * every way a location is written calls the same code: the importer (and through it the demo
 * data) today, the listing editor later.
 *
 * - `readConfidentialFlag`: any non-blank value that is not clearly false makes a location
 *   confidential ("private", "yes - do not publish", "1", a typo …); the caller reports the
 *   unclear ones.
 * - `safePublicPoint`: a public point is never closer than MIN_PUBLIC_DISTANCE_M to the exact
 *   point; a closer one is moved to a fixed grid node (see the function).
 */
export const MIN_PUBLIC_DISTANCE_M = 1000;

/** Grid of public points used when a given or derived public point is too close: 0.02° (≈ 2 km). */
export const PUBLIC_GRID_DEGREES = 0.02;

const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);
const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);

export interface ConfidentialFlag {
  confidential: boolean;
  /** Set when the value was not a clear true/false: the location was made confidential. */
  unclear?: string;
}

/** The confidentiality of a location as written in a data file or form field. Blank = not stated = public. */
export function readConfidentialFlag(raw: unknown): ConfidentialFlag {
  if (raw === null || raw === undefined) return { confidential: false };
  if (typeof raw === 'boolean') return { confidential: raw };
  if (typeof raw === 'number') return raw === 0 ? { confidential: false } : { confidential: true };
  const text = String(raw).trim();
  if (text === '') return { confidential: false };
  const lower = text.toLowerCase();
  if (FALSE_WORDS.has(lower)) return { confidential: false };
  if (TRUE_WORDS.has(lower)) return { confidential: true };
  return { confidential: true, unclear: `"${text}" is not a clear true/false; treated as confidential` };
}

export interface Point {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres. */
export function distanceMeters(a: Point, b: Point): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * The public point to store for a confidential location. Unchanged when it is at least
 * MIN_PUBLIC_DISTANCE_M from the exact point (or the exact point is unknown). Otherwise the
 * node of a fixed 0.02° grid nearest to the candidate among those at least that far from the
 * exact point (ties broken by latitude, then longitude): deterministic, needs no secret, and
 * the result is one of a few grid nodes around the area centroid, so it tells no more than
 * "within a couple of kilometres". `moved` says whether the point changed (for the report).
 */
export function safePublicPoint(exact: Point | null, candidate: Point): { point: Point; moved: boolean } {
  if (!exact || distanceMeters(exact, candidate) >= MIN_PUBLIC_DISTANCE_M)
    return { point: candidate, moved: false };
  const step = PUBLIC_GRID_DEGREES;
  const baseLat = Math.round(candidate.latitude / step);
  const baseLng = Math.round(candidate.longitude / step);
  let best: { point: Point; distance: number } | null = null;
  for (let i = -3; i <= 3; i++) {
    for (let j = -3; j <= 3; j++) {
      const node = { latitude: round6((baseLat + i) * step), longitude: round6((baseLng + j) * step) };
      if (distanceMeters(exact, node) < MIN_PUBLIC_DISTANCE_M) continue;
      const distance = distanceMeters(candidate, node);
      if (
        !best ||
        distance < best.distance - 1e-6 ||
        (Math.abs(distance - best.distance) <= 1e-6 &&
          (node.latitude < best.point.latitude ||
            (node.latitude === best.point.latitude && node.longitude < best.point.longitude)))
      )
        best = { point: node, distance };
    }
  }
  // A 7×7 grid of ≈ 2 km cells always holds a node ≥ 1 km away (outside the polar regions).
  if (!best) throw new Error('no public grid point at least 1 km from the exact point');
  return { point: best.point, moved: true };
}

/** The public area label of a confidential location, e.g. "Houston, TX 77006" (or "Houston, TX"). */
export function publicAreaLabel(place: { city: string; state: string; zip?: string }): string {
  return `${place.city}, ${place.state}${place.zip ? ` ${place.zip}` : ''}`;
}
