/**
 * A statewide legal-aid directory in HSDS 1.1 (tests/fixtures/hsds/legal-aid-1.1, written for
 * these tests in the shape of a real export): most services point at organizations missing from
 * organizations.csv, and postal addresses carry an organization_id but no location_id.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { fixture } from '../../tests/helpers/hsds';
import { stableId } from './ids.server';
import { importHsds } from './import.server';
import type { ImportReport } from './report';

const id = (table: string, sourceId: string) => stableId('legal-aid', table, sourceId);

describeEachEngine('HSDS import keeps services of organizations missing from the package', (t) => {
  let report: ImportReport;
  beforeAll(async () => {
    report = await importHsds(t.db, fixture('legal-aid-1.1'), { source: 'legal-aid' });
  });

  const organization = (sourceId: string) =>
    t.db
      .selectFrom('organization')
      .select(['name', 'verification_status'])
      .where('id', '=', id('organization', sourceId))
      .executeTakeFirst();

  it('imports every service, each under its own organization', async () => {
    expect(report.tables.service).toEqual({ read: 6, imported: 6, rejected: 0 });
    const services = await t.db.selectFrom('service').select(['id', 'organization_id']).execute();
    expect(services).toHaveLength(6);
    const byId = new Map(services.map((service) => [service.id, service.organization_id]));
    expect(byId.get(id('service', 's-3'))).toBe(id('organization', 'la-90'));
    expect(byId.get(id('service', 's-4'))).toBe(id('organization', 'la-90'));
    expect(byId.get(id('service', 's-6'))).toBe(id('organization', 'la-92'));
  });

  it('creates one placeholder per missing organization, named from what the package says, pending review', async () => {
    expect(await organization('la-90')).toEqual({
      name: 'Organization la-90 (Heartland Record Relief Clinic, PO Box 17, Peoria, IL)',
      verification_status: 'pending',
    });
    expect(await organization('la-91')).toEqual({
      name: 'Organization la-91 (phone 217-555-0191: Central Illinois Tenant Union hotline)',
      verification_status: 'pending',
    });
    expect(await organization('la-92')).toEqual({
      name: 'Organization la-92 (name not in the source)',
      verification_status: 'pending',
    });
    expect((await organization('la-1'))?.verification_status).toBe('verified');
    expect(report.placeholders).toEqual([
      {
        table: 'organization',
        sourceId: 'la-90',
        name: expect.stringContaining('la-90') as string,
        references: 3,
      },
      {
        table: 'organization',
        sourceId: 'la-91',
        name: expect.stringContaining('la-91') as string,
        references: 2,
      },
      {
        table: 'organization',
        sourceId: 'la-92',
        name: expect.stringContaining('la-92') as string,
        references: 1,
      },
    ]);
    expect(report.tables.organization).toEqual({ read: 2, imported: 2, rejected: 0, created: 3 });
  });

  it("attaches postal addresses without a location to their organization's main location", async () => {
    const addresses = await t.db
      .selectFrom('address')
      .innerJoin('location', 'location.id', 'address.location_id')
      .select([
        'address.address_1',
        'address.address_type',
        'location.id as location',
        'location.organization_id',
      ])
      .orderBy('address.address_1')
      .execute();
    expect(addresses).toEqual([
      {
        address_1: 'PO Box 17',
        address_type: 'postal',
        location: expect.any(String) as string,
        organization_id: id('organization', 'la-90'),
      },
      {
        address_1: 'PO Box 400',
        address_type: 'postal',
        location: id('location', 'l-1'),
        organization_id: id('organization', 'la-1'),
      },
      {
        address_1: 'PO Box 55',
        address_type: 'postal',
        location: expect.any(String) as string,
        organization_id: id('organization', 'la-2'),
      },
    ]);
  });
});
