/**
 * The schema itself refuses bad listing data, whatever code writes it: these are the last
 * line of defence behind the importer's and the editor's validation.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../helpers/db';

describeEachEngine('listing constraints', (t) => {
  const orgId = randomUUID();
  beforeAll(async () => {
    await t.db.insertInto('organization').values({ id: orgId, name: 'Constraint Test Org' }).execute();
  });

  it('refuses a service without an existing organization', async () => {
    const insert = t.db
      .insertInto('service')
      .values({ id: randomUUID(), organization_id: randomUUID(), name: 'Orphan' })
      .execute();
    await expect(insert).rejects.toThrow(/violates foreign key constraint "service_organization_id_fkey"/);
  });

  it('refuses a latitude outside -90..90', async () => {
    const insert = t.db
      .insertInto('location')
      .values({
        id: randomUUID(),
        organization_id: orgId,
        latitude: 100,
        longitude: 10,
        public_latitude: 100,
        public_longitude: 10,
      })
      .execute();
    await expect(insert).rejects.toThrow(/violates check constraint "location_latitude_check"/);
  });

  it('refuses an unknown delivery mode and an empty one', async () => {
    const bad = t.db
      .insertInto('service')
      .values({
        id: randomUUID(),
        organization_id: orgId,
        name: 'Pigeon',
        delivery: ['carrier_pigeon' as never],
      })
      .execute();
    await expect(bad).rejects.toThrow(/violates check constraint "service_delivery_check"/);
    const empty = t.db
      .insertInto('service')
      .values({ id: randomUUID(), organization_id: orgId, name: 'Nothing', delivery: [] })
      .execute();
    await expect(empty).rejects.toThrow(/violates check constraint "service_delivery_check"/);
  });

  it('refuses a non-confidential location whose public point differs from its exact point', async () => {
    const insert = t.db
      .insertInto('location')
      .values({
        id: randomUUID(),
        organization_id: orgId,
        is_confidential: false,
        latitude: 29.76,
        longitude: -95.36,
        public_latitude: 29.7,
        public_longitude: -95.3,
      })
      .execute();
    await expect(insert).rejects.toThrow(/violates check constraint "location_check\d*"/);
    // …while a confidential one may (and should) show a different, public point.
    await t.db
      .insertInto('location')
      .values({
        id: randomUUID(),
        organization_id: orgId,
        is_confidential: true,
        latitude: 29.76,
        longitude: -95.36,
        public_latitude: 29.7,
        public_longitude: -95.3,
      })
      .execute();
  });

  it('refuses a country that is not an ISO code and a language code that is not ISO 639', async () => {
    const locationId = randomUUID();
    await t.db.insertInto('location').values({ id: locationId, organization_id: orgId }).execute();
    await expect(
      t.db
        .insertInto('address')
        .values({ id: randomUUID(), location_id: locationId, country: 'USA' })
        .execute(),
    ).rejects.toThrow(/violates check constraint "address_country_check"/);
    await expect(
      t.db
        .insertInto('language')
        .values({ id: randomUUID(), location_id: locationId, code: 'Spanish' })
        .execute(),
    ).rejects.toThrow(/violates check constraint "language_code_check"/);
  });

  it('refuses a verified organization without a verification time, and half-open hours', async () => {
    await expect(
      t.db
        .insertInto('organization')
        .values({ id: randomUUID(), name: 'X', verification_status: 'verified' })
        .execute(),
    ).rejects.toThrow(/violates check constraint "organization_check"/);
    const serviceId = randomUUID();
    await t.db
      .insertInto('service')
      .values({ id: serviceId, organization_id: orgId, name: 'Hours' })
      .execute();
    await expect(
      t.db
        .insertInto('schedule')
        .values({ id: randomUUID(), service_id: serviceId, opens_at: '09:00:00' })
        .execute(),
    ).rejects.toThrow(/violates check constraint "schedule_check1"/);
  });
});
