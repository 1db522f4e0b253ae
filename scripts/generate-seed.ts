/**
 * `npx tsx scripts/generate-seed.ts [outDir]` — regenerates the demo directory in db/seed/
 * as an HSDS 3.0 tabular package. Deterministic (fixed PRNG seed and reference date), so the
 * committed CSVs only change when this script does. Everything it makes is fictional and
 * marked as sample data: is_sample = true and "(Sample)" in each organization's description.
 */
import path from 'node:path';
import { lookupZip, stateTimeZone, type Place } from '../app/geo/gazetteer.server';
import { readTables } from '../app/hsds/export.server';
import { havenTermId, uuidV5 } from '../app/hsds/ids.server';
import { writeTabularPackage } from '../app/hsds/package-writer.server';
import type { Row } from '../app/hsds/row-fixes';
import type { TableName } from '../app/hsds/tables';
import { createDatabase } from '../db/index';
import { migrateToLatest } from '../db/migrate';
import { HOURS, type Hours, METROS, ORG_KINDS, ORG_WORDS, STREETS, type Template } from './seed-data';

/** "Now" for the demo data: listings were verified during the year before this date. */
const REFERENCE_DATE = Date.parse('2026-11-15T12:00:00Z');
const DAY = 86_400_000;

// mulberry32: a tiny deterministic PRNG, so the generated package is reproducible.
let state = 0x4a7e11;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const id = (...parts: Array<string | number>) => uuidV5(`haven-seed:${parts.join(':')}`);
const round = (value: number) => Math.round(value * 1e6) / 1e6;
const daysAgo = (max: number) =>
  new Date(REFERENCE_DATE - Math.floor(random() * max) * DAY - Math.floor(random() * DAY)).toISOString();

const tables = new Map<TableName, Row[]>();
const add = (table: TableName, row: Row) => {
  const rows = tables.get(table) ?? [];
  rows.push(row);
  tables.set(table, rows);
};

let phoneSerial = 0;
const phoneNumber = (areaCode: string) =>
  `(${areaCode}) 555-01${String(phoneSerial++ % 100).padStart(2, '0')}`;

function zipPlace(zip: string): Place {
  const place = lookupZip(zip);
  if (!place) throw new Error(`ZIP ${zip} is not in the gazetteer`);
  return place;
}

function addOrganization(key: string, name: string, blurb: string): string {
  const orgId = id('organization', key);
  add('organization', {
    id: orgId,
    name,
    description: `${blurb} Fictional organization for demonstration only (Sample).`,
    email: `info@${key.replace(/[^a-z0-9]+/g, '-')}.example.org`,
    website: `https://${key.replace(/[^a-z0-9]+/g, '-')}.example.org`,
    tax_status: '501(c)(3)',
    legal_status: 'nonprofit',
    year_incorporated: 1985 + Math.floor(random() * 35),
    verification_status: 'verified',
    verified_at: daysAgo(700),
    is_sample: true,
  });
  return orgId;
}

function addLocation(
  key: string,
  orgId: string,
  place: Place,
  name: string,
  confidential: boolean,
  phone: string,
): string {
  const locationId = id('location', key);
  // Within ~1 km of the ZIP centroid: plausible, but not any real building.
  const latitude = round(place.latitude + (random() - 0.5) * 0.018);
  const longitude = round(place.longitude + (random() - 0.5) * 0.018);
  add('location', {
    id: locationId,
    location_type: 'physical',
    organization_id: orgId,
    name,
    latitude,
    longitude,
    description: confidential ? 'Confidential location: the address is given after a phone screening.' : null,
    transportation: confidential ? null : `Near bus stops on ${pick(STREETS)}.`,
    is_confidential: confidential,
    public_latitude: confidential ? place.latitude : latitude,
    public_longitude: confidential ? place.longitude : longitude,
    public_area_label: confidential ? `${place.city}, ${place.state} area` : null,
    geocode_source: 'source',
  });
  add('address', {
    id: id('address', key),
    location_id: locationId,
    address_1: `${100 + Math.floor(random() * 8900)} ${pick(STREETS)}`,
    address_2: random() < 0.3 ? `Suite ${100 + Math.floor(random() * 400)}` : null,
    city: place.city,
    state_province: place.state,
    postal_code: place.zip,
    country: 'US',
    address_type: 'physical',
  });
  add('phone', {
    id: id('phone', 'location', key),
    location_id: locationId,
    number: phone,
    type: 'voice',
    description: 'Front desk',
  });
  return locationId;
}

function addSchedules(serviceId: string, hours: Hours, zone: string | null) {
  HOURS[hours].forEach((slot, index) => {
    add('schedule', {
      id: id('schedule', serviceId, index),
      service_id: serviceId,
      freq: 'WEEKLY',
      byday: slot.byday,
      opens_at: slot.opens,
      closes_at: slot.closes,
      description: slot.description,
      timezone_name: zone,
    });
  });
}

function attribute(serviceId: string, taxonomy: 'haven' | 'haven-population' | 'haven-cost', code: string) {
  const termId = havenTermId(taxonomy, code);
  add('attribute', {
    id: id('attribute', serviceId, termId),
    link_id: serviceId,
    link_entity: 'service',
    taxonomy_term_id: termId,
  });
}

interface ServiceInput {
  key: string;
  orgId: string;
  template: Template;
  areaCode: string;
  zone: string | null;
  spanishShare: number;
  extraLanguage?: string;
  locationId?: string;
  namePrefix?: string;
}

function addService(input: ServiceInput): string {
  const { template } = input;
  const serviceId = id('service', input.key);
  const spanish = random() < input.spanishShare;
  const description = `${template.description}${spanish ? ' Services are available in Spanish (se habla español).' : ''}`;
  add('service', {
    id: serviceId,
    organization_id: input.orgId,
    name: `${input.namePrefix ?? ''}${template.name}`,
    description,
    status: 'active',
    eligibility_description: template.populations.includes('minors')
      ? 'Minors are served with a guardian or through a youth advocate.'
      : null,
    fees_description:
      template.cost === 'free'
        ? 'Free of charge.'
        : template.cost === 'sliding-scale'
          ? 'Fees on a sliding scale; no one is turned away.'
          : template.cost === 'insurance'
            ? 'Medicaid and most insurance accepted.'
            : 'A modest fee applies.',
    delivery: template.delivery ?? ['in_person'],
    last_verified_at: daysAgo(365),
  });
  attribute(serviceId, 'haven', template.category);
  for (const sub of template.subcategories) attribute(serviceId, 'haven', sub);
  attribute(serviceId, 'haven-cost', template.cost);
  for (const population of template.populations) attribute(serviceId, 'haven-population', population);
  if (template.cost === 'fee' || template.cost === 'sliding-scale') {
    add('cost_option', {
      id: id('cost', serviceId),
      service_id: serviceId,
      option: template.cost === 'fee' ? 'Standard visit' : 'Sliding scale',
      currency: 'USD',
      amount: template.cost === 'fee' ? 40 : 10,
      amount_description: template.cost === 'fee' ? 'per visit' : 'minimum per visit',
    });
  }
  const languages = [
    'en',
    ...(spanish ? ['es'] : []),
    ...(input.extraLanguage && random() < 0.35 ? [input.extraLanguage] : []),
  ];
  for (const code of languages)
    add('language', { id: id('language', serviceId, code), service_id: serviceId, code });
  add('phone', {
    id: id('phone', serviceId),
    service_id: serviceId,
    number: phoneNumber(input.areaCode),
    type: 'voice',
  });
  if (input.locationId)
    add('service_at_location', {
      id: id('sal', serviceId),
      service_id: serviceId,
      location_id: input.locationId,
    });
  addSchedules(serviceId, template.hours, input.zone);
  return serviceId;
}

function generateMetros() {
  METROS.forEach((metro, metroIndex) => {
    const centroid = zipPlace(metro.zips[0]!);
    const zone = stateTimeZone(metro.state, centroid.longitude);
    const slug = metro.city.toLowerCase().replace(/\s+/g, '-');
    ORG_KINDS.forEach((kind, kindIndex) => {
      const word = ORG_WORDS[(metroIndex * 3 + kindIndex) % ORG_WORDS.length]!;
      const orgKey = `${slug}-${kind.kind}`;
      const orgId = addOrganization(orgKey, kind.name(metro.city, word), kind.blurb);
      const office = zipPlace(metro.zips[kindIndex % metro.zips.length]!);
      const officeId = addLocation(
        `${orgKey}-office`,
        orgId,
        office,
        `${kind.name(metro.city, word)} office`,
        false,
        phoneNumber(metro.areaCode),
      );
      // Rotate through the kind's templates so the metros together cover every subcategory;
      // housing always includes the confidential emergency shelter.
      const chosen = new Set<number>(kind.kind === 'housing' ? [0] : []);
      for (let step = 0; chosen.size < kind.pick; step++)
        chosen.add((metroIndex + step * 2) % kind.templates.length);
      for (const index of chosen) {
        const template = kind.templates[index]!;
        let locationId = officeId;
        if (template.confidential) {
          const zip = metro.zips[(kindIndex + 1) % metro.zips.length]!;
          locationId = addLocation(
            `${orgKey}-shelter`,
            orgId,
            zipPlace(zip),
            `${metro.city} safe house`,
            true,
            phoneNumber(metro.areaCode),
          );
        }
        addService({
          key: `${orgKey}-${index}`,
          orgId,
          template,
          areaCode: metro.areaCode,
          zone,
          spanishShare: metro.spanish,
          extraLanguage: metro.language,
          locationId,
        });
      }
    });
  });
}

function addArea(serviceId: string, area: Row) {
  add('service_area', { id: id('area', serviceId), service_id: serviceId, ...area });
}

// Data-heavy: one call per remote service reads better than prettier's expansion.
// prettier-ignore
function generateRemote() {
  const national = addOrganization('national-network', 'Haven Sample National Network', 'A national network of hotlines and remote services for survivors of trafficking.');
  const remote = (key: string, template: Template, area: Row, zone: string | null, orgId = national, areaCode = '800') => {
    const serviceId = addService({ key, orgId, template, areaCode, zone, spanishShare: 1 });
    addArea(serviceId, area);
  };
  remote('national-hotline', { category: 'hotlines', subcategories: ['trafficking-hotline'], name: '24/7 Trafficking Survivor Helpline', description: 'Call any time, from anywhere in the United States, to talk confidentially with an advocate about a trafficking situation. Interpreters in more than 200 languages.', hours: 'always', cost: 'free', populations: ['adults', 'minors', 'foreign-nationals', 'us-citizens'], delivery: ['phone'] }, { name: 'United States', coverage: 'nationwide' }, 'America/New_York');
  remote('national-chat', { category: 'hotlines', subcategories: ['crisis-hotline'], name: 'Text and Chat Support Line', description: 'Text or chat online with a trained crisis counselor, day or night.', hours: 'always', cost: 'free', populations: ['young-adults', 'minors', 'lgbtq'], delivery: ['phone', 'virtual'] }, { name: 'United States', coverage: 'nationwide' }, 'America/New_York');
  remote('national-legal', { category: 'legal-aid', subcategories: ['immigration-relief'], name: 'Online T Visa Screening', description: 'Video appointments with immigration attorneys who screen for T and U visa eligibility and refer to local counsel.', hours: 'weekdays', cost: 'free', populations: ['foreign-nationals'], delivery: ['virtual'] }, { name: 'United States', coverage: 'nationwide' }, 'America/New_York');

  const statewide: Array<[string, string, string]> = [['TX', 'Texas', '512'], ['CA', 'California', '916'], ['NY', 'New York', '518'], ['FL', 'Florida', '850'], ['IL', 'Illinois', '217']];
  for (const [code, name, areaCode] of statewide) {
    const orgId = addOrganization(`statewide-${code.toLowerCase()}`, `${name} Sample Survivor Coalition`, `A statewide coalition serving survivors of trafficking across ${name}.`);
    remote(`statewide-${code.toLowerCase()}`, { category: 'hotlines', subcategories: ['crisis-hotline'], name: `${name} Statewide Survivor Line`, description: `A statewide line for survivors anywhere in ${name}: crisis support, safety planning and referrals to local shelters and legal aid.`, hours: 'always', cost: 'free', populations: ['adults', 'minors'], delivery: ['phone'] }, { name, coverage: 'states', coverage_states: [code] }, stateTimeZone(code), orgId, areaCode);
    remote(`telehealth-${code.toLowerCase()}`, { category: 'counseling', subcategories: ['trauma-therapy'], name: `${name} Telehealth Counseling`, description: `Video counseling with licensed therapists for survivors living anywhere in ${name}.`, hours: 'extended', cost: 'free', populations: ['adults'], delivery: ['virtual'] }, { name, coverage: 'states', coverage_states: [code] }, stateTimeZone(code), orgId, areaCode);
  }

  for (const city of ['Houston', 'Chicago', 'Denver', 'Phoenix', 'Atlanta']) {
    const metro = METROS.find((m) => m.city === city)!;
    const centre = zipPlace(metro.zips[0]!);
    const orgId = id('organization', `${city.toLowerCase()}-alliance`);
    remote(`outreach-${city.toLowerCase()}`, { category: 'case-management', subcategories: ['case-management-advocacy'], name: 'Mobile Outreach Team', description: `An outreach team that meets survivors where they are, anywhere within about 60 km of ${city}. Call to arrange a meeting.`, hours: 'extended', cost: 'free', populations: ['adults', 'young-adults'], delivery: ['phone', 'in_person'] }, { name: `Greater ${city}`, coverage: 'radius', coverage_radius_km: 60, coverage_latitude: centre.latitude, coverage_longitude: centre.longitude }, stateTimeZone(metro.state, centre.longitude), orgId, metro.areaCode);
  }
}

async function main() {
  const outDir = path.resolve(process.argv[2] ?? 'db/seed');
  // Haven's own taxonomies come from a freshly migrated database, so the package carries
  // exactly the terms (and ids) the migrations define.
  const handle = await createDatabase({ pgliteDir: 'memory://' });
  try {
    await migrateToLatest(handle.db);
    const fresh = await readTables(handle.db);
    tables.set('taxonomy', fresh.get('taxonomy') ?? []);
    tables.set('taxonomy_term', fresh.get('taxonomy_term') ?? []);
  } finally {
    await handle.close();
  }
  generateMetros();
  generateRemote();
  await writeTabularPackage(outDir, tables, {
    name: 'haven-demo',
    title: 'Haven demo directory (fictional sample data)',
    description:
      'Fictional organizations and services for demonstrating Haven. Not real services: do not contact.',
  });
  const counts = [...tables].map(([table, rows]) => `${table} ${rows.length}`).join(', ');
  process.stdout.write(`wrote ${outDir}: ${counts}\n`);
}

await main();
