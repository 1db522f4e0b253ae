/**
 * Offline gazetteer: US ZIP codes and "City, ST" to coordinates, from the `zipcodes` data
 * package. No request leaves the server (DESIGN.md §5, §6). Unknown places are a normal
 * result with suggestions, never an exception.
 */
import { createRequire } from 'node:module';
import { normalizeState, stateTimeZone, US_STATES } from './us-states';

export { normalizeState, stateTimeZone, US_STATES };

export interface Place {
  latitude: number;
  longitude: number;
  /** "Houston, TX" or "77002 · Houston, TX" */
  label: string;
  city: string;
  state: string;
  zip?: string;
}

export type PlaceResult =
  { ok: true; place: Place } | { ok: false; reason: 'not_found' | 'empty'; suggestions: string[] };

interface ZipRow {
  zip: string;
  latitude: number;
  longitude: number;
  city: string;
  state: string;
  country: string;
}

interface Index {
  byZip: Map<string, ZipRow>;
  /** key "houston|TX" → the city's centroid */
  byCity: Map<string, Place>;
  cityNamesByState: Map<string, string[]>;
  rows: ZipRow[];
}

let index: Index | undefined;

const cityKey = (city: string, state: string) => `${city.trim().toLowerCase().replace(/\s+/g, ' ')}|${state}`;

function load(): Index {
  if (index) return index;
  // zipcodes is CommonJS; loading it lazily keeps its 5 MB table out of start-up until first use.
  const zipcodes = createRequire(import.meta.url)('zipcodes') as { codes: Record<string, ZipRow> };
  const byZip = new Map<string, ZipRow>();
  const sums = new Map<string, { lat: number; lng: number; n: number; city: string; state: string }>();
  for (const row of Object.values(zipcodes.codes)) {
    if (row.country !== 'US' || !US_STATES[row.state] || !Number.isFinite(row.latitude)) continue;
    byZip.set(row.zip, row);
    const key = cityKey(row.city, row.state);
    const sum = sums.get(key) ?? { lat: 0, lng: 0, n: 0, city: row.city, state: row.state };
    sum.lat += row.latitude;
    sum.lng += row.longitude;
    sum.n += 1;
    sums.set(key, sum);
  }
  const byCity = new Map<string, Place>();
  const cityNamesByState = new Map<string, string[]>();
  for (const [key, sum] of sums) {
    const place = {
      latitude: round(sum.lat / sum.n),
      longitude: round(sum.lng / sum.n),
      label: `${sum.city}, ${sum.state}`,
      city: sum.city,
      state: sum.state,
    };
    byCity.set(key, place);
    const names = cityNamesByState.get(sum.state) ?? [];
    names.push(sum.city);
    cityNamesByState.set(sum.state, names);
  }
  index = { byZip, byCity, cityNamesByState, rows: [...byZip.values()] };
  return index;
}

const round = (value: number) => Math.round(value * 1e4) / 1e4;

export function lookupZip(zip: string): Place | null {
  const row = load().byZip.get(zip.trim().slice(0, 5));
  if (!row) return null;
  return {
    latitude: row.latitude,
    longitude: row.longitude,
    label: `${row.zip} · ${row.city}, ${row.state}`,
    city: row.city,
    state: row.state,
    zip: row.zip,
  };
}

export function lookupCity(city: string, state: string): Place | null {
  const code = normalizeState(state);
  if (!code) return null;
  return (
    load().byCity.get(cityKey(city.replace(/^st\.? /i, 'saint '), code)) ??
    load().byCity.get(cityKey(city, code)) ??
    null
  );
}

/** Accepts "77002", "77002-1234", "Houston, TX", "Houston TX", "Houston, Texas". */
export function resolvePlace(text: string): PlaceResult {
  const input = text.trim().replace(/\s+/g, ' ');
  if (!input) return { ok: false, reason: 'empty', suggestions: [] };
  const zip = /^(\d{5})(?:-\d{4})?$/.exec(input);
  if (zip) {
    const place = lookupZip(zip[1]!);
    return place ? { ok: true, place } : { ok: false, reason: 'not_found', suggestions: [] };
  }
  const parsed = splitCityState(input);
  if (!parsed) return { ok: false, reason: 'not_found', suggestions: suggestCities(input, null) };
  const place = lookupCity(parsed.city, parsed.state);
  return place
    ? { ok: true, place }
    : { ok: false, reason: 'not_found', suggestions: suggestCities(parsed.city, parsed.state) };
}

function splitCityState(input: string): { city: string; state: string } | null {
  const comma = input.lastIndexOf(',');
  if (comma > 0) {
    const state = normalizeState(input.slice(comma + 1));
    return state ? { city: input.slice(0, comma).trim(), state } : null;
  }
  // "Houston TX" or "Santa Fe New Mexico": try the last one and two words as the state.
  const words = input.split(' ');
  for (const take of [1, 2]) {
    if (words.length <= take) continue;
    const state = normalizeState(words.slice(-take).join(' '));
    if (state) return { city: words.slice(0, -take).join(' '), state };
  }
  return null;
}

/** Up to five "City, ST" names that look like the input (same start, or one typo away). */
function suggestCities(city: string, state: string | null): string[] {
  const target = city.trim().toLowerCase();
  if (target.length < 2) return [];
  const states = state ? [state] : [...load().cityNamesByState.keys()];
  const scored: Array<[number, string]> = [];
  for (const code of states) {
    for (const name of load().cityNamesByState.get(code) ?? []) {
      const lower = name.toLowerCase();
      const distance = lower.startsWith(target) ? 0 : editDistance(lower, target, 2);
      if (distance <= 2) scored.push([distance, `${name}, ${code}`]);
    }
  }
  return scored
    .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]))
    .slice(0, 5)
    .map(([, label]) => label);
}

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** The ZIP centroid nearest to a point (e.g. to learn which state a browser location is in). */
export function nearestPlace(latitude: number, longitude: number): Place | null {
  let best: ZipRow | undefined;
  let bestScore = Infinity;
  const cosLat = Math.cos((latitude * Math.PI) / 180);
  for (const row of load().rows) {
    const dLat = row.latitude - latitude;
    const dLng = (row.longitude - longitude) * cosLat;
    const score = dLat * dLat + dLng * dLng;
    if (score < bestScore) {
      bestScore = score;
      best = row;
    }
  }
  // Farther than ~1.5° from any US ZIP centroid: not in the US as far as we know.
  if (!best || bestScore > 2.25) return null;
  return lookupZip(best.zip);
}
