import { expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { summarize } from '../search/summary';
import { getPublicOrganization, getPublicService } from './public-listing.server';

describeEachEngine('public listing pages', (ctx) => {
  async function seed(
    options: { status?: 'verified' | 'pending'; serviceStatus?: 'active' | 'inactive' } = {},
  ) {
    const org = await ctx.db
      .insertInto('organization')
      .values({
        name: 'Safe Harbor',
        description: 'Helps survivors.',
        verification_status: options.status ?? 'verified',
        verified_at: options.status === 'pending' ? null : new Date('2026-01-01T00:00:00Z'),
        website: 'https://example.org',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const service = await ctx.db
      .insertInto('service')
      .values({
        organization_id: org.id,
        name: 'Emergency shelter',
        description: 'Beds tonight.',
        status: options.serviceStatus ?? 'active',
        delivery: ['in_person'],
        last_verified_at: new Date('2026-11-01T00:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const secret = await ctx.db
      .insertInto('location')
      .values({
        organization_id: org.id,
        name: 'House on 12 Elm Street',
        is_confidential: true,
        latitude: 29.7512345,
        longitude: -95.3612345,
        public_latitude: 29.76,
        public_longitude: -95.37,
        public_area_label: 'Houston, TX area',
        transportation: 'Bus 44 to Elm',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('address')
      .values({
        location_id: secret.id,
        address_1: '12 Elm Street',
        city: 'Houston',
        state_province: 'TX',
        postal_code: '77002',
      })
      .execute();
    await ctx.db
      .insertInto('service_at_location')
      .values({ service_id: service.id, location_id: secret.id })
      .execute();
    await ctx.db.insertInto('phone').values({ service_id: service.id, number: '713-555-0100' }).execute();
    return { orgId: org.id, serviceId: service.id };
  }

  it('shows a verified organization’s active service without the confidential address or point', async () => {
    const { serviceId } = await seed();
    const detail = await getPublicService(ctx.db, serviceId, new Date());
    expect(detail?.name).toBe('Emergency shelter');
    expect(detail?.phones[0]?.number).toBe('713-555-0100');
    const location = detail?.locations[0];
    expect(location).toMatchObject({
      isConfidential: true,
      address: null,
      name: null,
      transportation: null,
      latitude: 29.76,
      longitude: -95.37,
      areaLabel: 'Houston, TX area',
    });
    const text = JSON.stringify(detail);
    expect(text).not.toContain('Elm');
    expect(text).not.toContain('29.7512345');
  });

  it('hides services of unverified organizations and inactive services', async () => {
    const pending = await seed({ status: 'pending' });
    expect(await getPublicService(ctx.db, pending.serviceId, new Date())).toBeNull();
    expect(await getPublicOrganization(ctx.db, pending.orgId)).toBeNull();
    const inactive = await seed({ serviceStatus: 'inactive' });
    expect(await getPublicService(ctx.db, inactive.serviceId, new Date())).toBeNull();
    const org = await getPublicOrganization(ctx.db, inactive.orgId);
    expect(org?.services).toEqual([]);
  });

  it('treats a malformed id as not found', async () => {
    expect(await getPublicService(ctx.db, 'not-a-uuid', new Date())).toBeNull();
  });

  it('lists an organization’s public services and locations', async () => {
    const { orgId } = await seed();
    const org = await getPublicOrganization(ctx.db, orgId);
    expect(org?.services.map((service) => service.name)).toEqual(['Emergency shelter']);
    expect(org?.locations[0]?.address).toBeNull();
    expect(JSON.stringify(org)).not.toContain('Elm');
  });
});

it('summarizes long descriptions at a word boundary', () => {
  expect(summarize('short')).toBe('short');
  expect(summarize('word '.repeat(100), 20)).toBe('word word word word…');
});
