/**
 * Confidential locations fail closed on the way in (issue 9, points 1 and 3): an unclear
 * is_confidential value makes the place confidential (with a warning naming the row), a public
 * point is never within 1 km of the exact one, and a confidential place's hours are read in the
 * time zone of its public point.
 */
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { issuesAt, seedDir, writePackage } from '../../tests/helpers/hsds';
import { lookupZip } from '../geo/gazetteer.server';
import { distanceMeters, MIN_PUBLIC_DISTANCE_M } from '../locations/confidential';
import { stableId } from './ids.server';
import { importHsds } from './import.server';
import type { ImportReport } from './report';

const FLAGS = ['confidential', 'private', 'yes - do not publish', 'Y', '2', '', 'no', 'FALSE'];
const houston = lookupZip('77006')!;

function confidentialPackage(): string {
  const locations = FLAGS.map(
    (flag, index) => `loc-${index},org-1,Place ${index},29.74${index},-95.39${index},"${flag}"`,
  );
  const addresses = FLAGS.map((_, index) => `addr-${index},loc-${index},${index} Elm St,Houston,TX,77006`);
  const links = FLAGS.map((_, index) => `sal-${index},svc-1,loc-${index}`);
  return writePackage({
    'organizations.csv': 'id,name,description\norg-1,Elm Org,Help.\n',
    'services.csv':
      'id,organization_id,name,description\nsvc-1,org-1,Shelter,Beds.\nsvc-2,org-1,Desert line,Calls.\n',
    'locations.csv': [
      'id,organization_id,name,latitude,longitude,is_confidential,public_latitude,public_longitude',
      ...locations.map((line) => `${line},,`),
      // at the ZIP centroid itself: the derived public point would be the exact point
      `loc-centroid,org-1,Centroid house,${houston.latitude},${houston.longitude},true,,`,
      // a package-given public point 200 m away
      `loc-near,org-1,Near house,29.7500,-95.4000,true,29.7518,-95.4000`,
      // El Paso County, exact west of TX's zone line (Mountain), public point east of it (Central)
      `loc-split,org-1,Split house,31.80,-104.95,true,31.80,-104.85`,
    ].join('\n'),
    'physical_addresses.csv': [
      'id,location_id,address_1,city,state_province,postal_code',
      ...addresses,
      'addr-c,loc-centroid,1 Centroid Rd,Houston,TX,77006',
      'addr-n,loc-near,2 Near Rd,Houston,TX,77006',
      'addr-s,loc-split,3 Split Rd,Fabens,TX,',
    ].join('\n'),
    'services_at_location.csv': [
      'id,service_id,location_id',
      ...links,
      'sal-c,svc-1,loc-centroid',
      'sal-n,svc-1,loc-near',
      'sal-s,svc-2,loc-split',
    ].join('\n'),
    'regular_schedules.csv':
      'id,location_id,weekday,opens_at,closes_at\nsch-s,loc-split,Monday,09:00,17:00\n',
  });
}

describeEachEngine('Confidential locations on import', (t) => {
  let report: ImportReport;
  const dir = confidentialPackage();
  const source = 'confidential-test';
  const locationId = (sourceId: string) => stableId(source, 'location', sourceId);
  const location = (sourceId: string) =>
    t.db
      .selectFrom('location')
      .where('id', '=', locationId(sourceId))
      .select([
        'is_confidential',
        'latitude',
        'longitude',
        'public_latitude',
        'public_longitude',
        'public_area_label',
      ])
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    report = await importHsds(t.db, dir, { source });
  });

  it('makes a location confidential when is_confidential is not clearly false, with a warning naming the row', async () => {
    const expected = [true, true, true, true, true, false, false, false];
    for (const [index, flag] of FLAGS.entries()) {
      const row = await location(`loc-${index}`);
      expect(row.is_confidential, `is_confidential "${flag}"`).toBe(expected[index]);
      if (expected[index]) {
        expect(row.public_latitude, `"${flag}": public point`).not.toBeNull();
        expect(
          distanceMeters(
            { latitude: row.latitude!, longitude: row.longitude! },
            { latitude: row.public_latitude!, longitude: row.public_longitude! },
          ),
        ).toBeGreaterThanOrEqual(MIN_PUBLIC_DISTANCE_M);
      }
      const unclear = ['confidential', 'private', 'yes - do not publish', '2'].includes(flag);
      const warnings = issuesAt(report, 'locations.csv', index + 2, 'is_confidential');
      expect(
        warnings.map((issue) => issue.severity),
        `"${flag}" warning`,
      ).toEqual(unclear ? ['warning'] : []);
      if (unclear) expect(warnings[0]!.sourceId).toBe(`loc-${index}`);
    }
    const publicAddresses = await sql<{ n: number }>`
      select count(*)::int as n from address a join location l on l.id = a.location_id
      where not l.is_confidential`.execute(t.db);
    expect(publicAddresses.rows[0]!.n).toBe(3);
  });

  it('keeps every public point at least 1 km from the exact point, moved deterministically and reported', async () => {
    for (const sourceId of ['loc-centroid', 'loc-near']) {
      const row = await location(sourceId);
      const distance = distanceMeters(
        { latitude: row.latitude!, longitude: row.longitude! },
        { latitude: row.public_latitude!, longitude: row.public_longitude! },
      );
      expect(distance, sourceId).toBeGreaterThanOrEqual(MIN_PUBLIC_DISTANCE_M);
      expect(
        report.issues.some(
          (issue) =>
            issue.sourceId === sourceId && issue.column === 'public_latitude' && /moved/.test(issue.reason),
        ),
        `${sourceId} reported`,
      ).toBe(true);
    }
    expect((await location('loc-centroid')).public_area_label).toBe('Houston, TX 77006');
    // Importing the same package again gives the same public points.
    const before = await location('loc-near');
    await importHsds(t.db, dir, { source });
    expect(await location('loc-near')).toEqual(before);
  });

  it('reads a confidential place’s hours in the time zone of its public point', async () => {
    const schedule = await t.db
      .selectFrom('schedule')
      .where('location_id', '=', locationId('loc-split'))
      .select('timezone_name')
      .executeTakeFirstOrThrow();
    expect(schedule.timezone_name).toBe('America/Chicago');
  });

  it('loads the demo data with every confidential public point at least 1 km from the exact one', async () => {
    await importHsds(t.db, seedDir, { source: 'haven-demo' });
    const rows = await t.db
      .selectFrom('location')
      .where('is_confidential', '=', true)
      .where('latitude', 'is not', null)
      .select(['latitude', 'longitude', 'public_latitude', 'public_longitude'])
      .execute();
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows)
      expect(
        distanceMeters(
          { latitude: row.latitude!, longitude: row.longitude! },
          { latitude: row.public_latitude!, longitude: row.public_longitude! },
        ),
      ).toBeGreaterThanOrEqual(MIN_PUBLIC_DISTANCE_M);
  });
});
