/** US states and territories: names, and the IANA time zone used for schedules without one. */

export const US_STATES: Record<string, string> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  DC: 'District of Columbia',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  PR: 'Puerto Rico',
  GU: 'Guam',
  VI: 'U.S. Virgin Islands',
  AS: 'American Samoa',
  MP: 'Northern Mariana Islands',
};

const EASTERN = 'America/New_York';
const CENTRAL = 'America/Chicago';
const MOUNTAIN = 'America/Denver';
const PACIFIC = 'America/Los_Angeles';

const STATE_ZONES: Record<string, string> = {
  AL: CENTRAL,
  AK: 'America/Anchorage',
  AZ: 'America/Phoenix',
  AR: CENTRAL,
  CA: PACIFIC,
  CO: MOUNTAIN,
  CT: EASTERN,
  DE: EASTERN,
  DC: EASTERN,
  FL: EASTERN,
  GA: EASTERN,
  HI: 'Pacific/Honolulu',
  ID: 'America/Boise',
  IL: CENTRAL,
  IN: 'America/Indiana/Indianapolis',
  IA: CENTRAL,
  KS: CENTRAL,
  KY: EASTERN,
  LA: CENTRAL,
  ME: EASTERN,
  MD: EASTERN,
  MA: EASTERN,
  MI: 'America/Detroit',
  MN: CENTRAL,
  MS: CENTRAL,
  MO: CENTRAL,
  MT: MOUNTAIN,
  NE: CENTRAL,
  NV: PACIFIC,
  NH: EASTERN,
  NJ: EASTERN,
  NM: MOUNTAIN,
  NY: EASTERN,
  NC: EASTERN,
  ND: CENTRAL,
  OH: EASTERN,
  OK: CENTRAL,
  OR: PACIFIC,
  PA: EASTERN,
  RI: EASTERN,
  SC: EASTERN,
  SD: CENTRAL,
  TN: CENTRAL,
  TX: CENTRAL,
  UT: MOUNTAIN,
  VT: EASTERN,
  VA: EASTERN,
  WA: PACIFIC,
  WV: EASTERN,
  WI: CENTRAL,
  WY: MOUNTAIN,
  PR: 'America/Puerto_Rico',
  GU: 'Pacific/Guam',
  VI: 'America/St_Thomas',
  AS: 'Pacific/Pago_Pago',
  MP: 'Pacific/Saipan',
};

/**
 * Where a state spans two zones, the part on the other side of a meridian (approximate, good
 * for the cities there: El Paso, the Florida panhandle, East Tennessee, West Kansas …).
 */
const SPLITS: Record<string, { west: string; east: string; longitude: number }> = {
  TX: { west: MOUNTAIN, east: CENTRAL, longitude: -104.9 },
  FL: { west: CENTRAL, east: EASTERN, longitude: -85.0 },
  TN: { west: CENTRAL, east: EASTERN, longitude: -84.9 },
  KY: { west: CENTRAL, east: EASTERN, longitude: -86.0 },
  KS: { west: MOUNTAIN, east: CENTRAL, longitude: -101.5 },
  NE: { west: MOUNTAIN, east: CENTRAL, longitude: -101.0 },
  SD: { west: MOUNTAIN, east: CENTRAL, longitude: -100.5 },
  ND: { west: MOUNTAIN, east: CENTRAL, longitude: -102.0 },
  OR: { west: PACIFIC, east: 'America/Boise', longitude: -117.6 },
};

/** The IANA time zone for a US state (optionally refined by longitude); null if unknown. */
export function stateTimeZone(state: string, longitude?: number): string | null {
  const code = state.trim().toUpperCase();
  const split = SPLITS[code];
  if (split && longitude !== undefined) return longitude < split.longitude ? split.west : split.east;
  return STATE_ZONES[code] ?? null;
}

/** 'TX', 'tx', 'Texas' → 'TX'; null if not a US state or territory. */
export function normalizeState(text: string): string | null {
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase().replace(/\./g, '');
  if (US_STATES[upper]) return upper;
  const lower = trimmed.toLowerCase();
  for (const [code, name] of Object.entries(US_STATES)) if (name.toLowerCase() === lower) return code;
  return null;
}
