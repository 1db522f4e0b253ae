/**
 * `npm run bench:package -- --n 1000000 --out DIR`
 * Writes a synthetic HSDS 3.0 tabular package of N services for the importer's scale runs
 * (docs/PERFORMANCE.md, "HSDS import at 1M"): one organization per 10 services, and per service
 * one location (a point near one of the bench's US cities), one street address and one
 * service-at-location link — 4.1 rows per service. Rows are written as a stream, so the
 * generator itself runs in constant memory. Deterministic: the same N gives the same files.
 */
import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { EXIT_USAGE, exitWith, parseCli } from './lib/cli';

const { values } = parseCli({
  command: 'bench:package',
  summary: 'Writes a synthetic HSDS 3.0 CSV package of N services (for db:import at scale).',
  options: {
    n: { type: 'string', default: '1000000', value: 'N', help: 'number of services' },
    out: { type: 'string', value: 'DIR', help: 'folder to write (created)' },
  },
});
const n = Number(values.n);
if (!Number.isInteger(n) || n < 1) exitWith('bench:package', '--n must be a whole number ≥ 1', EXIT_USAGE);
if (!values.out) exitWith('bench:package', 'missing --out DIR', EXIT_USAGE);
const out = values.out!;

const CITIES = [
  ['Houston', 'TX', '77002', 29.7604, -95.3698],
  ['Chicago', 'IL', '60601', 41.8781, -87.6298],
  ['Atlanta', 'GA', '30303', 33.749, -84.388],
  ['Seattle', 'WA', '98101', 47.6062, -122.3321],
  ['Denver', 'CO', '80202', 39.7392, -104.9903],
  ['Miami', 'FL', '33130', 25.7617, -80.1918],
  ['Phoenix', 'AZ', '85004', 33.4484, -112.074],
  ['Boston', 'MA', '02108', 42.3601, -71.0589],
] as const;
const KINDS = [
  ['Trauma Counseling', 'Individual and group counseling for survivors of trafficking.'],
  ['Legal Aid Clinic', 'T visa and U visa applications; vacatur and victim rights.'],
  ['Emergency Shelter', 'Short-term emergency shelter with case management.'],
  ['Job Training', 'Job readiness classes; resume help and placement.'],
  ['Health Clinic', 'Primary care; testing and mental health care.'],
] as const;

mkdirSync(out, { recursive: true });
async function write(file: string, header: string, rows: number, row: (i: number) => string) {
  const stream: WriteStream = createWriteStream(path.join(out, file));
  stream.write(`${header}\n`);
  for (let i = 0; i < rows; i++) {
    if (!stream.write(`${row(i)}\n`)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}
const organizations = Math.ceil(n / 10);
// A small deterministic jitter, so points spread around each city (±0.2°).
const jitter = (i: number, salt: number) =>
  (((i * 2654435761 + salt * 40503) % 4000) / 10000 - 0.2).toFixed(5);

writeFileSync(
  path.join(out, 'datapackage.json'),
  `${JSON.stringify({ name: `bench-${n}`, profile: 'tabular-data-package', resources: [] }, null, 2)}\n`,
);
await write(
  'organizations.csv',
  'id,name,description',
  organizations,
  (i) => `org-${i},Bench Organization ${i},Synthetic organization ${i} for the import benchmark.`,
);
await write('services.csv', 'id,organization_id,name,description,status', n, (i) => {
  const [name, description] = KINDS[i % KINDS.length]!;
  return `svc-${i},org-${Math.floor(i / 10)},${name} ${i},${description},active`;
});
await write('locations.csv', 'id,organization_id,name,latitude,longitude,location_type', n, (i) => {
  const city = CITIES[i % CITIES.length]!;
  return `loc-${i},org-${Math.floor(i / 10)},Office ${i},${(city[3] + Number(jitter(i, 1))).toFixed(5)},${(city[4] + Number(jitter(i, 2))).toFixed(5)},physical`;
});
await write(
  'addresses.csv',
  'id,location_id,address_1,city,state_province,postal_code,country,address_type',
  n,
  (i) => {
    const city = CITIES[i % CITIES.length]!;
    return `adr-${i},loc-${i},${100 + (i % 9000)} Main St,${city[0]},${city[1]},${city[2]},US,physical`;
  },
);
await write('service_at_location.csv', 'id,service_id,location_id', n, (i) => `sal-${i},svc-${i},loc-${i}`);
process.stdout.write(`wrote ${n} services (${organizations} organizations) to ${out}\n`);
