import { describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { fixture, issuesAt, snapshot } from '../../tests/helpers/hsds';
import { importHsds } from './import.server';

const EXAMPLE_SERVICE = 'ac148810-d857-441c-9679-408f346de14b';
const EXAMPLE_LOCATION = '3a19ff88-4620-4d17-9830-ac1d859eb5d5';

describe('HSDS importer on the official examples', () => {
  describeEachEngine('HSDS 3.0 example CSV package (folder, then zip)', (t) => {
    it('imports every table, repairing what is unambiguous and reporting the rest', async () => {
      const report = await importHsds(t.db, fixture('hsds-3.0-csv'));
      expect(report.format).toBe('tabular');
      expect(report.tables.service).toEqual({ read: 1, imported: 1, rejected: 0 });
      const service = await t.db
        .selectFrom('service')
        .select(['name', 'description', 'minimum_age', 'search_text', 'delivery'])
        .where('id', '=', EXAMPLE_SERVICE)
        .executeTakeFirstOrThrow();
      expect(service.name).toBe('Community Counselling');
      expect(service.description.endsWith('circumstances.')).toBe(true);
      expect(service.minimum_age).toBe(12);
      expect(service.delivery).toEqual(['in_person']);
      // search_text carries the organization name and languages, not the service name.
      expect(service.search_text).toContain('Example Organization Inc.');
      expect(service.search_text).toContain('Urdu');

      // lat 100 is out of range: dropped (both halves), and there is no US place to geocode.
      const location = await t.db
        .selectFrom('location')
        .select(['latitude', 'longitude', 'public_latitude', 'geocode_source', 'organization_id'])
        .where('id', '=', EXAMPLE_LOCATION)
        .executeTakeFirstOrThrow();
      expect(location).toEqual({
        latitude: null,
        longitude: null,
        public_latitude: null,
        geocode_source: 'missing',
        // Not in organizations.csv: a placeholder organization keeps the link (pending review).
        organization_id: '985e4a42-bd9f-4edc-911d-0243a4640aca',
      });
      expect(issuesAt(report, 'locations.csv', 2, 'latitude').map((i) => i.reason)).toEqual(
        expect.arrayContaining([
          'latitude must be at most 90; dropped',
          'only one of latitude/longitude given; both dropped',
        ]),
      );
      const phone = await t.db
        .selectFrom('phone')
        .select('number')
        .where('id', '=', '1554f2e2-a373-45db-a3fa-9fc48a61c15e')
        .executeTakeFirstOrThrow();
      expect(phone.number).toBe('+44 1234 234567');
      // link_entity "link_entity" is not an entity: the attribute row is rejected with its line.
      expect(issuesAt(report, 'attributes.csv', 2, 'link_entity')).toMatchObject([{ severity: 'rejected' }]);
      expect(report.ignoredFiles.map((f) => f.file).sort()).toEqual([
        'funding.csv',
        'meta_table_descriptions.csv',
        'metadata.csv',
        'organization_identifiers.csv',
        'programs.csv',
      ]);
    });

    it('the same package as a .zip changes nothing', async () => {
      const before = await snapshot(t.db);
      const report = await importHsds(t.db, fixture('hsds-3.0-csv.zip'));
      expect(report.tables.service?.imported).toBe(1);
      expect(await snapshot(t.db)).toEqual(before);
    });
  });

  describeEachEngine('HSDS 3.0 JSON examples', (t) => {
    it('flattens a full service with nested organization, locations, phones and taxonomy', async () => {
      const report = await importHsds(t.db, fixture('hsds-3.0-json/service_full.json'));
      expect(report.format).toBe('json');
      const sal = await t.db
        .selectFrom('service_at_location')
        .select(['service_id', 'location_id'])
        .execute();
      expect(sal).toEqual([{ service_id: EXAMPLE_SERVICE, location_id: EXAMPLE_LOCATION }]);
      // One phone object appears under the service, its location, a contact and the
      // organization: it is one row that keeps every link.
      const phones = await t.db
        .selectFrom('phone')
        .select(['service_id', 'location_id', 'contact_id', 'organization_id'])
        .execute();
      expect(phones).toEqual([
        {
          service_id: EXAMPLE_SERVICE,
          location_id: EXAMPLE_LOCATION,
          contact_id: '1e7efce3-639b-4880-940c-b95cd30cdb50',
          organization_id: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
        },
      ]);
      const attribute = await t.db
        .selectFrom('attribute')
        .select(['link_entity', 'link_id', 'taxonomy_term_id'])
        .execute();
      expect(attribute).toEqual([
        {
          link_entity: 'service',
          link_id: EXAMPLE_SERVICE,
          taxonomy_term_id: '3f7b145d-84af-42d7-8fae-eaca714b02b2',
        },
      ]);
      const cost = await t.db
        .selectFrom('cost_option')
        .select(['amount', 'currency'])
        .executeTakeFirstOrThrow();
      expect(cost).toEqual({ amount: '35', currency: 'gbp' });
    });

    it('reads page envelopes (service and organization lists) and tabular JSON without duplicating rows', async () => {
      const before = await snapshot(t.db);
      for (const file of ['service_list.json', 'organization_list.json', 'organization_full.json'])
        await importHsds(t.db, fixture(`hsds-3.0-json/${file}`));
      expect((await snapshot(t.db)).service).toEqual(before.service);
      const tabular = await importHsds(t.db, fixture('hsds-3.0-json/tabular.json'));
      expect(tabular.tables.organization?.imported).toBe(1);
      expect(await t.db.selectFrom('service').select('id').execute()).toEqual([{ id: EXAMPLE_SERVICE }]);
    });

    it('reads NDJSON line by line and reports a record that is not HSDS with its line', async () => {
      const report = await importHsds(t.db, fixture('services.ndjson'));
      expect(report.tables.service).toMatchObject({ imported: 2 });
      expect(report.issues).toContainEqual(
        expect.objectContaining({ file: 'services.ndjson', line: 3, severity: 'rejected' }),
      );
      const schedule = await t.db
        .selectFrom('schedule')
        .select(['opens_at', 'closes_at', 'byday'])
        .where('service_id', '=', 'b1f5a8a4-3c1e-4d6e-9a55-0c7d9e2f1a03')
        .executeTakeFirstOrThrow();
      expect(schedule).toEqual({ opens_at: '08:00:00', closes_at: '12:00:00', byday: 'SA' });
    });
  });

  describeEachEngine('HSDS 1.1 sample package', (t) => {
    it('maps 1.x files and columns onto the 3.0 tables', async () => {
      const report = await importHsds(t.db, fixture('hsds-1.1-sample'));
      expect(report.tables.organization?.imported).toBe(10);
      expect(report.tables.service?.imported).toBe(13);
      expect(report.tables.location?.imported).toBe(10);
      expect(report.tables.service_at_location?.imported).toBe(13);
      // regular_schedules.weekday 1, 2, 3 → byday MO, TU, WE (ISO 8601 numbering).
      const days = await t.db
        .selectFrom('schedule')
        .select(['byday', 'freq', 'opens_at'])
        .orderBy('byday')
        .execute();
      expect(days.map((d) => d.byday).sort()).toEqual(['MO', 'TU', 'WE']);
      expect(days.every((d) => d.freq === 'WEEKLY' && d.opens_at === '09:00:00')).toBe(true);
      // organizations.url → website; physical_addresses → address; languages.language → name.
      const org = await t.db
        .selectFrom('organization')
        .select(['website', 'verification_status'])
        .where('id', '=', '1899600a-649c-11e6-8b77-86f30ca893d3')
        .executeTakeFirstOrThrow();
      expect(org).toEqual({ website: 'http://example.com', verification_status: 'verified' });
      const names = await t.db
        .selectFrom('language')
        .select(['name', 'code'])
        .where('service_id', 'is not', null)
        .orderBy('name')
        .execute();
      expect(names).toEqual([
        { name: 'English', code: 'en' },
        { name: 'Spanish', code: 'es' },
      ]);
      // Eligibility and payments become service text; "adult" becomes a population attribute.
      const service = await t.db
        .selectFrom('service')
        .select(['eligibility_description', 'fees_description'])
        .where('id', '=', 'c89eb05c-62dd-4b64-b494-0cc347b6ea7f')
        .executeTakeFirstOrThrow();
      expect(service.eligibility_description).toBe('adult');
      expect(service.fees_description).toBe('Payments accepted: cash, credit card');
      // The Sanctuary location has no coordinates but a New York ZIP: placed at its centroid.
      const located = await t.db
        .selectFrom('location')
        .select(['geocode_source', 'latitude', 'public_latitude'])
        .where('id', '=', '30b83c60-64a1-11e6-8b77-86f30ca893d3')
        .executeTakeFirstOrThrow();
      expect(located.geocode_source).toBe('gazetteer');
      expect(located.latitude).toBeCloseTo(40.75, 1);
      expect(located.public_latitude).toBe(located.latitude);
      expect(report.ignoredFiles.map((f) => f.file)).toEqual(
        expect.arrayContaining(['funding.csv', 'holiday_schedules.csv', 'programs.csv']),
      );
    });
  });
});
