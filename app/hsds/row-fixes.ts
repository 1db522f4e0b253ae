/**
 * Table-specific repairs that need more than one cell: coordinate pairs, countries and
 * states, phone numbers in quotes, free-text opening hours, coverage areas (language names
 * and free text: languages.ts). Each repair is reported through `note`.
 */
import { normalizeState } from '../geo/us-states';
import type { TableName } from './tables';

export type Row = Record<string, unknown>;
export type Note = (column: string, reason: string, value?: unknown) => void;
/** Cell errors from cleaning, by column; a fix may consume (delete) them. */
export type CellErrors = Map<string, { error: string; raw: unknown }>;

const COUNTRY_NAMES: Record<string, string> = {
  usa: 'US',
  'u.s.': 'US',
  'u.s.a.': 'US',
  'united states': 'US',
  'united states of america': 'US',
  us: 'US',
  mexico: 'MX',
  canada: 'CA',
};

const isTimeError = (errors: CellErrors, column: string) => errors.has(column);

export function fixRow(table: TableName, row: Row, errors: CellErrors, note: Note): void {
  switch (table) {
    case 'address': {
      const country = typeof row.country === 'string' ? row.country : null;
      if (!country) {
        row.country = 'US';
        note('country', 'blank country set to US');
      } else if (!/^[A-Z]{2}$/.test(country)) {
        const mapped =
          COUNTRY_NAMES[country.toLowerCase()] ??
          (/^[a-z]{2}$/i.test(country) ? country.toUpperCase() : null);
        if (mapped) {
          row.country = mapped;
          note('country', `country "${country}" read as ${mapped}`, country);
        }
      }
      const state = typeof row.state_province === 'string' ? row.state_province : null;
      const code = state ? normalizeState(state) : null;
      if (state && code && code !== state && row.country === 'US') {
        row.state_province = code;
        note('state_province', `state "${state}" read as ${code}`, state);
      }
      const zip = typeof row.postal_code === 'string' ? row.postal_code : null;
      if (zip && row.country === 'US' && /^\d{4}(-\d{4})?$/.test(zip)) {
        // Spreadsheets drop the leading zero of New England and New Jersey ZIP codes.
        row.postal_code = `0${zip}`;
        note('postal_code', `ZIP "${zip}" lost its leading zero; read as 0${zip}`, zip);
      }
      break;
    }
    case 'phone': {
      const number = typeof row.number === 'string' ? row.number : null;
      if (number && /^["'].*["']$/.test(number)) {
        row.number = number.slice(1, -1).trim();
        note('number', 'quotes around the phone number removed', number);
      }
      break;
    }
    case 'schedule': {
      // Free-text hours ("Mon-Fri 9-5", "by appointment") are kept, readable, in the description.
      if (
        isTimeError(errors, 'opens_at') ||
        isTimeError(errors, 'closes_at') ||
        (row.opens_at == null) !== (row.closes_at == null)
      ) {
        const texts = ['opens_at', 'closes_at']
          .map((column) => errors.get(column)?.raw ?? row[column])
          .filter((value) => value !== null && value !== undefined && String(value).trim() !== '')
          .map((value) => String(value).trim());
        const hours = [...new Set(texts)].join(' – ');
        errors.delete('opens_at');
        errors.delete('closes_at');
        row.opens_at = null;
        row.closes_at = null;
        if (hours) {
          row.description = [row.description, `Hours: ${hours}`].filter(Boolean).join('\n');
          note('opens_at', 'hours are not clock times; kept as text in the description', hours);
        }
      }
      const zone = typeof row.timezone_name === 'string' ? row.timezone_name : null;
      if (zone && !isTimeZone(zone)) {
        row.timezone_name = null;
        note('timezone_name', `"${zone}" is not an IANA time zone; dropped`);
      }
      if (typeof row.byday === 'string') row.byday = row.byday.toUpperCase().replace(/\s+/g, '');
      break;
    }
    case 'service': {
      const min = row.minimum_age;
      const max = row.maximum_age;
      if (typeof min === 'number' && typeof max === 'number' && min > max) {
        row.minimum_age = null;
        row.maximum_age = null;
        note('minimum_age', `minimum age ${min} is above maximum age ${max}; both dropped`);
      }
      break;
    }
    case 'service_area': {
      if (Array.isArray(row.coverage_states)) {
        const codes = (row.coverage_states as string[]).map((state) => normalizeState(state));
        const bad = (row.coverage_states as string[]).filter((_, index) => !codes[index]);
        if (bad.length) note('coverage_states', `unknown state(s) ${bad.join(', ')} dropped`);
        const good = [...new Set(codes.filter((code): code is string => !!code))];
        row.coverage_states = good.length ? good : null;
      }
      const incomplete =
        (row.coverage === 'radius' &&
          (row.coverage_radius_km == null ||
            row.coverage_latitude == null ||
            row.coverage_longitude == null)) ||
        (row.coverage === 'states' && row.coverage_states == null);
      if (incomplete) {
        note('coverage', `coverage "${String(row.coverage)}" without its radius/centre or states; dropped`);
        row.coverage = null;
      }
      break;
    }
  }
}

/** After zod: a location's coordinates are a pair, and (0, 0) means "unknown". */
export function fixCoordinates(row: Row, note: Note, lat = 'latitude', lng = 'longitude'): void {
  const latitude = row[lat];
  const longitude = row[lng];
  if ((latitude == null) !== (longitude == null)) {
    note(latitude == null ? lat : lng, `only one of ${lat}/${lng} given; both dropped`);
    row[lat] = null;
    row[lng] = null;
  } else if (latitude === 0 && longitude === 0) {
    note(lat, `coordinates (0, 0) treated as missing`);
    row[lat] = null;
    row[lng] = null;
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
