/**
 * The messy fixture (tests/fixtures/hsds/messy) holds one row per quirk real exports have;
 * each test names the quirk and asserts the repaired value or the rejection with its line.
 */
import { beforeAll, expect, it } from 'vitest';
import { lookupCity, lookupZip } from '../geo/gazetteer.server';
import { describeEachEngine } from '../../tests/helpers/db';
import { fixture, issuesAt } from '../../tests/helpers/hsds';
import { stableId, havenTermId } from './ids.server';
import { importHsds } from './import.server';
import type { ImportReport } from './report';

const id = (table: string, sourceId: string) => stableId('messy', table, sourceId);

describeEachEngine('HSDS importer on a messy 1.x export', (t) => {
  let report: ImportReport;
  beforeAll(async () => {
    report = await importHsds(t.db, fixture('messy'));
  });

  const service = (sourceId: string) =>
    t.db
      .selectFrom('service')
      .select(['name', 'description', 'status', 'delivery', 'eligibility_description', 'search_text'])
      .where('id', '=', id('service', sourceId))
      .executeTakeFirst();
  const location = (sourceId: string) =>
    t.db
      .selectFrom('location')
      .select([
        'latitude',
        'longitude',
        'public_latitude',
        'public_longitude',
        'public_area_label',
        'geocode_source',
        'organization_id',
        'is_confidential',
      ])
      .where('id', '=', id('location', sourceId))
      .executeTakeFirstOrThrow();

  it('trims trailing spaces and turns literal \\n into line breaks', async () => {
    const org = await t.db
      .selectFrom('organization')
      .select(['name', 'description', 'website'])
      .where('id', '=', id('organization', 'org-bayou'))
      .executeTakeFirstOrThrow();
    expect(org).toEqual({
      name: 'Bayou Legal Aid',
      description: 'Free legal help.\nWalk-ins welcome.',
      website: 'https://bayou.example.org',
    });
    expect((await service('svc-counsel'))?.name).toBe('Trauma Counseling');
    expect(issuesAt(report, 'organizations.csv', 2, 'name')).toMatchObject([
      { severity: 'repaired', reason: 'surrounding whitespace trimmed' },
    ]);
  });

  it('rejects a row without a name, and the second copy of a duplicated row', () => {
    expect(issuesAt(report, 'organizations.csv', 5)).toMatchObject([
      { severity: 'rejected', column: 'name', reason: 'name is required' },
    ]);
    expect(issuesAt(report, 'organizations.csv', 4)).toMatchObject([
      { severity: 'rejected', reason: 'duplicate row (same as line 3); skipped' },
    ]);
    expect(issuesAt(report, 'services.csv', 6)).toMatchObject([
      { severity: 'rejected', reason: 'duplicate id (first used on line 2); this row was skipped' },
    ]);
    expect(report.tables.organization).toEqual({ read: 4, imported: 2, rejected: 2, created: 2 });
  });

  it('keeps the first of two services with one id', async () => {
    expect((await service('svc-legal'))?.name).toBe('Immigration Clinic');
  });

  it('keeps a service whose organization is not in the file, under a placeholder pending review', async () => {
    const orphan = await t.db
      .selectFrom('service')
      .innerJoin('organization', 'organization.id', 'service.organization_id')
      .select(['organization.name', 'organization.verification_status'])
      .where('service.id', '=', id('service', 'svc-orphan'))
      .executeTakeFirstOrThrow();
    expect(orphan).toEqual({
      name: 'Organization org-missing (name not in the source)',
      verification_status: 'pending',
    });
    expect(issuesAt(report, 'services.csv', 4)).toMatchObject([
      { severity: 'warning', column: 'id', sourceId: 'org-missing', table: 'organization' },
    ]);
    expect(issuesAt(report, 'services_at_location.csv', 5)).toEqual([]);
  });

  it('links a location to a placeholder for its missing organization', async () => {
    expect((await location('loc-nowhere')).organization_id).toBe(id('organization', 'org-ghost'));
  });

  it('normalises enums and lists, and drops an unknown delivery mode', async () => {
    expect(await service('svc-legal')).toMatchObject({ status: 'active', delivery: ['in_person'] });
    expect((await service('svc-counsel'))?.delivery).toEqual(['in_person', 'phone']);
    expect((await service('svc-pigeon'))?.delivery).toEqual(['in_person']);
    expect(issuesAt(report, 'services.csv', 5, 'delivery')).toMatchObject([
      { severity: 'repaired', value: 'carrier pigeon' },
    ]);
    expect(issuesAt(report, 'services.csv', 2, 'fax_number')).toMatchObject([{ severity: 'warning' }]);
  });

  it('geocodes locations without coordinates from the ZIP, or the city and state', async () => {
    const zip = lookupZip('77002')!;
    expect(await location('loc-bayou')).toMatchObject({
      latitude: zip.latitude,
      longitude: zip.longitude,
      public_latitude: zip.latitude,
      geocode_source: 'gazetteer',
    });
    // lat 100 is dropped; the address has no ZIP but "El Paso, Texas".
    const elPaso = lookupCity('El Paso', 'TX')!;
    expect(await location('loc-desert')).toMatchObject({
      latitude: elPaso.latitude,
      geocode_source: 'gazetteer',
    });
    expect(issuesAt(report, 'locations.csv', 4, 'latitude')[0]).toMatchObject({
      reason: 'latitude must be at most 90; dropped',
      value: '100',
    });
    // (0, 0) means unknown; the 4-digit ZIP 2134 lost its leading zero.
    expect(await location('loc-boston')).toMatchObject({
      latitude: lookupZip('02134')!.latitude,
      geocode_source: 'gazetteer',
    });
    expect(issuesAt(report, 'physical_addresses.csv', 6, 'postal_code')).toMatchObject([
      { severity: 'repaired', value: '2134' },
    ]);
  });

  it('flags a location it cannot place', async () => {
    expect(await location('loc-nowhere')).toMatchObject({
      latitude: null,
      public_latitude: null,
      geocode_source: 'missing',
    });
    expect(issuesAt(report, 'locations.csv', 5, 'latitude')).toMatchObject([{ severity: 'warning' }]);
  });

  it('shows a confidential location at its ZIP centroid, never at its own point', async () => {
    const centroid = lookupZip('77007')!;
    expect(await location('loc-shelter')).toEqual({
      latitude: 29.7712,
      longitude: -95.3921,
      public_latitude: centroid.latitude,
      public_longitude: centroid.longitude,
      public_area_label: 'Houston, TX 77007',
      geocode_source: 'source',
      organization_id: id('organization', 'org-bayou'),
      is_confidential: true,
    });
  });

  it('fills blank countries, reads country and state names, and rejects an unknown country', async () => {
    const addresses = await t.db
      .selectFrom('address')
      .select(['location_id', 'country', 'state_province', 'postal_code', 'address_1'])
      .orderBy('postal_code')
      .execute();
    expect(addresses).toContainEqual({
      location_id: id('location', 'loc-bayou'),
      country: 'US',
      state_province: 'TX',
      postal_code: '77002',
      address_1: '100 Main St',
    });
    expect(addresses).toContainEqual(
      expect.objectContaining({
        location_id: id('location', 'loc-shelter'),
        country: 'US',
        state_province: 'TX',
      }),
    );
    expect(addresses).toContainEqual(
      expect.objectContaining({ location_id: id('location', 'loc-desert'), state_province: 'TX' }),
    );
    expect(issuesAt(report, 'physical_addresses.csv', 2, 'country')).toMatchObject([
      { reason: 'blank country set to US' },
    ]);
    expect(issuesAt(report, 'physical_addresses.csv', 5, 'country')).toMatchObject([
      { severity: 'rejected', value: 'Atlantis' },
    ]);
    expect(addresses).toHaveLength(4);
  });

  it('reads 12-hour times, hours past midnight and weekday numbers, and keeps free-text hours', async () => {
    const schedules = await t.db
      .selectFrom('schedule')
      .select(['byday', 'opens_at', 'closes_at', 'description', 'timezone_name'])
      .orderBy('byday')
      .execute();
    expect(schedules).toEqual([
      {
        byday: 'FR',
        opens_at: '18:00:00',
        closes_at: '02:00:00',
        description: null,
        timezone_name: 'America/Denver',
      },
      {
        byday: 'MO',
        opens_at: '09:00:00',
        closes_at: '17:00:00',
        description: null,
        timezone_name: 'America/Chicago',
      },
      // No location on the row: the zone comes from the service's first location (El Paso).
      {
        byday: 'WE',
        opens_at: null,
        closes_at: null,
        description: 'Hours: Mon-Fri by appointment',
        timezone_name: 'America/Denver',
      },
    ]);
    expect(issuesAt(report, 'regular_schedules.csv', 2, 'opens_at')).toMatchObject([
      { reason: 'time "9:00am" read as 09:00' },
    ]);
  });

  it('gives blank-id rows a stable id and collapses identical copies', async () => {
    const phones = await t.db
      .selectFrom('phone')
      .select(['number', 'type', 'service_id'])
      .where('service_id', '=', id('service', 'svc-legal'))
      .execute();
    expect(phones).toEqual([
      { number: '(713) 555-0100', type: 'cell', service_id: id('service', 'svc-legal') },
    ]);
    expect(issuesAt(report, 'phones.csv', 3, 'id').map((i) => i.severity)).toEqual(['repaired', 'rejected']);
  });

  it('keeps foreign taxonomy terms and maps the clear ones to Haven categories', async () => {
    const categories = await t.db
      .selectFrom('attribute')
      .select(['link_id', 'taxonomy_term_id'])
      .where(
        'taxonomy_term_id',
        'in',
        ['legal-aid', 'counseling', 'basic-needs', 'housing'].map((c) => havenTermId('haven', c)),
      )
      .orderBy('link_id')
      .execute();
    expect(categories).toEqual(
      expect.arrayContaining([
        { link_id: id('service', 'svc-legal'), taxonomy_term_id: havenTermId('haven', 'legal-aid') },
        { link_id: id('service', 'svc-counsel'), taxonomy_term_id: havenTermId('haven', 'counseling') },
        { link_id: id('service', 'svc-pigeon'), taxonomy_term_id: havenTermId('haven', 'basic-needs') },
      ]),
    );
    expect(categories).toHaveLength(3);
    const foreign = await t.db
      .selectFrom('taxonomy_term')
      .select(['name', 'taxonomy'])
      .where('taxonomy', '=', 'Local211')
      .orderBy('name')
      .execute();
    expect(foreign.map((term) => term.name)).toEqual([
      'Bicycle Repair',
      'Food Pantry',
      'Legal Services',
      'Mental Health Counseling',
    ]);
    // Unmapped terms stay searchable through search_text.
    expect((await service('svc-counsel'))?.search_text).toContain('Bicycle Repair');
  });

  it('folds eligibility into the service and maps named populations', async () => {
    expect((await service('svc-counsel'))?.eligibility_description).toBe('women, adults 18+');
    const populations = await t.db
      .selectFrom('attribute')
      .select('taxonomy_term_id')
      .where('link_id', '=', id('service', 'svc-counsel'))
      .where('taxonomy_term_id', 'in', [
        havenTermId('haven-population', 'women'),
        havenTermId('haven-population', 'adults'),
      ])
      .execute();
    expect(populations).toHaveLength(2);
  });

  it('reads language names as codes and keeps unknown ones as names', async () => {
    const languages = await t.db
      .selectFrom('language')
      .select(['name', 'code'])
      .where('service_id', '=', id('service', 'svc-counsel'))
      .orderBy('name')
      .execute();
    expect(languages).toEqual([
      { name: 'Elvish', code: null },
      { name: 'Spanish', code: 'es' },
    ]);
  });

  it('lists files it does not store', () => {
    expect(report.ignoredFiles).toEqual([
      { file: 'holiday_schedules.csv', rows: 1, reason: 'holiday schedules are not stored' },
    ]);
  });
});
