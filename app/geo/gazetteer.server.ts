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
  const zipsOfCity = new Map<string, ZipRow[]>();
  for (const row of Object.values(zipcodes.codes)) {
    if (row.country !== 'US' || !US_STATES[row.state] || !plausible(row)) continue;
    byZip.set(row.zip, row);
    const key = cityKey(row.city, row.state);
    zipsOfCity.set(key, [...(zipsOfCity.get(key) ?? []), row]);
  }
  const byCity = new Map<string, Place>();
  const cityNamesByState = new Map<string, string[]>();
  for (const [key, rows] of zipsOfCity) {
    const { city, state } = rows[0]!;
    // The median, not the mean, of the city's ZIP centroids: one mislocated ZIP cannot move it.
    const place = {
      latitude: round(median(rows.map((row) => row.latitude))),
      longitude: round(median(rows.map((row) => row.longitude))),
      label: `${city}, ${state}`,
      city,
      state,
    };
    byCity.set(key, place);
    const names = cityNamesByState.get(state) ?? [];
    names.push(city);
    cityNamesByState.set(state, names);
  }
  index = { byZip, byCity, cityNamesByState, rows: [...byZip.values()] };
  return index;
}

const round = (value: number) => Math.round(value * 1e4) / 1e4;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The package has a few rows with a dropped minus sign (e.g. 10200 "New York" at +73.95, in
 * China): every US state lies in the western hemisphere but for Alaska's far Aleutians.
 */
function plausible(row: ZipRow): boolean {
  if (!Number.isFinite(row.latitude) || !Number.isFinite(row.longitude)) return false;
  return row.longitude < 0 || row.state === 'AK';
}

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

// Farther than ~1.5° from any US ZIP centroid: not in the US as far as we know.
const NEAREST_MAX_DEGREES = 1.5;

/**
 * load().rows' indexes by 1° cell of latitude and longitude, so nearestPlace reads the few cells
 * within its 1.5° instead of every ZIP (41,000, on each search request with a browser location).
 */
let grid: Map<number, number[]> | undefined;
const cellOf = (latitude: number, longitude: number) =>
  (Math.floor(latitude) + 90) * 1000 + (Math.floor(longitude) + 360);

function zipGrid(): Map<number, number[]> {
  if (grid) return grid;
  grid = new Map();
  load().rows.forEach((row, i) => {
    const cell = cellOf(row.latitude, row.longitude);
    const indexes = grid!.get(cell);
    if (indexes) indexes.push(i);
    else grid!.set(cell, [i]);
  });
  return grid;
}

/** The ZIP centroid nearest to a point (e.g. to learn which state a browser location is in). */
export function nearestPlace(latitude: number, longitude: number): Place | null {
  const rows = load().rows;
  const cosLat = Math.cos((latitude * Math.PI) / 180);
  // Longitude degrees within reach at this latitude (a little over, for rounding).
  const reach = NEAREST_MAX_DEGREES / cosLat + 0.01;
  let candidates: Iterable<number> = rows.keys();
  if (Number.isFinite(reach) && reach < 90) {
    const found: number[] = [];
    const cells = zipGrid();
    for (
      let lat = Math.floor(latitude - NEAREST_MAX_DEGREES);
      lat <= Math.floor(latitude + NEAREST_MAX_DEGREES);
      lat++
    )
      for (let lng = Math.floor(longitude - reach); lng <= Math.floor(longitude + reach); lng++)
        found.push(...(cells.get(cellOf(lat, lng)) ?? []));
    candidates = found;
  }
  let best = -1;
  let bestScore = Infinity;
  for (const i of candidates) {
    const row = rows[i]!;
    const dLat = row.latitude - latitude;
    const dLng = (row.longitude - longitude) * cosLat;
    const score = dLat * dLat + dLng * dLng;
    // Ties go to the first ZIP in the data's order, as a scan of every row would.
    if (score < bestScore || (score === bestScore && i < best)) {
      bestScore = score;
      best = i;
    }
  }
  if (best < 0 || bestScore > NEAREST_MAX_DEGREES ** 2) return null;
  return lookupZip(rows[best]!.zip);
}
