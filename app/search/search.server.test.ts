import { beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import {
  addCostOption,
  addLanguage,
  addLocation,
  addPublicLocations,
  addSchedule,
  addServiceArea,
  createOrganization,
  createService,
  resetListings,
  tagService,
} from '../../tests/helpers/fixtures';
import { HOUSTON, searchParams } from '../../tests/helpers/search-params';
import { searchServices } from './search.server';
import type { SearchParams } from './types';

const near = (km: number): { latitude: number; longitude: number } => ({
  // ~km north of Houston (1° latitude ≈ 111.2 km on the earthdistance sphere)
  latitude: HOUSTON.latitude + km / 111.2,
  longitude: HOUSTON.longitude,
});

const params = searchParams;

describeEachEngine('searchServices', (context) => {
  const db = () => context.db;
  const names = async (overrides: Partial<SearchParams> = {}) =>
    (await searchServices(db(), params(overrides))).items.map((item) => item.serviceName);

  /** `count` services 'Crowd 000'…, each at its own location 0.01 km further north. */
  const addCrowd = async (organizationId: string, count: number) => {
    const crowd = await db()
      .insertInto('service')
      .values(
        Array.from({ length: count }, (_, i) => ({
          organization_id: organizationId,
          name: `Crowd ${String(i).padStart(3, '0')}`,
        })),
      )
      .returning('id')
      .execute();
    await addPublicLocations(
      db(),
      organizationId,
      crowd.map((row, i) => ({ serviceId: row.id, ...near(i / 100) })),
    );
    return crowd.map((row) => row.id);
  };

  beforeEach(async () => {
    await resetListings(db());
  });

  it('lists only active services of verified organizations', async () => {
    for (const [name, status, organizationStatus] of [
      ['Public', 'active', 'verified'],
      ['Inactive', 'inactive', 'verified'],
      ['Pending org', 'active', 'pending'],
      ['Suspended org', 'active', 'suspended'],
    ] as const) {
      const id = await createService(db(), { name, status, organizationStatus });
      await addLocation(db(), id, near(1));
    }
    expect(await names()).toEqual(['Public']);
  });

  it('orders by distance then name, one row per service at its nearest location, within the radius', async () => {
    const far = await createService(db(), { name: 'A far' });
    await addLocation(db(), far, near(30));
    const twoSites = await createService(db(), { name: 'B two sites' });
    await addLocation(db(), twoSites, near(35));
    const nearestSite = await addLocation(db(), twoSites, near(5));
    for (const name of ['D tie', 'C tie'])
      await addLocation(db(), await createService(db(), { name }), near(10));
    await addLocation(db(), await createService(db(), { name: 'Outside' }), near(45));

    const result = await searchServices(db(), params());
    expect(result.items.map((i) => i.serviceName)).toEqual(['B two sites', 'C tie', 'D tie', 'A far']);
    expect(result.total).toBe(4);
    expect(result.items[0]!.location!.id).toBe(nearestSite);
    expect(result.items[0]!.distanceKm).toBeCloseTo(5, 1);
    expect(result.items.every((i) => !i.remote)).toBe(true);
    expect(await names({ radiusKm: 50 })).toContain('Outside');
  });

  it('carries each result’s details: categories, languages, cost, address and the nearest phone', async () => {
    const organizationId = await createOrganization(db(), { name: 'Harbor' });
    const phone = (number: string, link: Record<string, string>, type: 'voice' | 'fax' = 'voice') =>
      db()
        .insertInto('phone')
        .values({ number, type, ...link })
        .execute();
    await phone('713-555-0300', { organization_id: organizationId });
    const address = { address1: '1 Main St', city: 'Houston', state: 'TX', postalCode: '77002' };

    const own = await createService(db(), { organizationId, name: 'A own phone' });
    const ownSite = await addLocation(db(), own, { ...near(1), name: 'North site', address });
    await phone('713-555-0999', { service_id: own }, 'fax');
    await phone('713-555-0100', { service_id: own });
    await phone('713-555-0200', { location_id: ownSite });
    await tagService(db(), own, 'haven', 'legal-aid');
    await tagService(db(), own, 'haven', 'immigration-relief');
    await tagService(db(), own, 'haven', 'counseling');
    await addLanguage(db(), own, 'es');
    await addLanguage(db(), own, 'en');
    await addCostOption(db(), own, 0);

    const atSite = await createService(db(), { organizationId, name: 'B site phone' });
    await phone('713-555-0201', { location_id: await addLocation(db(), atSite, near(2)) });
    const orgOnly = await createService(db(), { organizationId, name: 'C organization phone' });
    await addLocation(db(), orgOnly, {
      ...near(3),
      confidential: true,
      name: 'Hidden house',
      areaLabel: 'Houston area',
      address: { ...address, address1: '9 Secret Ln' },
    });

    const { items } = await searchServices(db(), params());
    expect(items.map((i) => [i.serviceName, i.phone?.number])).toEqual([
      ['A own phone', '713-555-0100'],
      ['B site phone', '713-555-0201'],
      ['C organization phone', '713-555-0300'],
    ]);
    expect(items[0]).toMatchObject({
      organizationName: 'Harbor',
      // top-level categories first, then subcategories, each by name
      categories: [
        { slug: 'counseling', name: 'Counseling' },
        { slug: 'legal-aid', name: 'Legal aid' },
        { slug: 'immigration-relief', name: 'Immigration relief (T and U visas)' },
      ],
      languages: ['en', 'es'],
      free: true,
      location: {
        id: ownSite,
        name: 'North site',
        isConfidential: false,
        address: { address1: '1 Main St', city: 'Houston', stateProvince: 'TX', postalCode: '77002' },
      },
    });
    expect(items[1]).toMatchObject({ categories: [], languages: [], free: false });
    expect(items[2]!.location).toMatchObject({
      name: null,
      isConfidential: true,
      areaLabel: 'Houston area',
      address: null,
    });
  });

  it('paginates with exact totals', async () => {
    for (let i = 0; i < 5; i++)
      await addLocation(db(), await createService(db(), { name: `S${i}` }), near(i + 1));
    const page2 = await searchServices(db(), params({ pageSize: 2, page: 2 }));
    expect(page2.items.map((i) => i.serviceName)).toEqual(['S2', 'S3']);
    expect(page2).toMatchObject({ total: 5, totalPages: 3, page: 2, pageSize: 2 });
    expect((await searchServices(db(), params({ pageSize: 2, page: 4 }))).items).toEqual([]);
  });

  it('finds sparse matches beyond the first nearest points and caps the count in dense areas', async () => {
    // 300 untagged services near the point, then 3 tagged ones further out: the KNN window
    // must grow past the 300 nearest to find them.
    const organizationId = await createOrganization(db());
    await addCrowd(organizationId, 300);
    for (const km of [20, 25, 30]) {
      const id = await createService(db(), { organizationId, name: `Legal ${km}` });
      await tagService(db(), id, 'haven', 'legal-aid');
      await addLocation(db(), id, near(km));
    }
    const legal = await searchServices(db(), params({ categories: ['legal-aid'] }));
    expect(legal.items.map((i) => i.serviceName)).toEqual(['Legal 20', 'Legal 25', 'Legal 30']);
    expect(legal).toMatchObject({ total: 3, totalCapped: false });
    const page2 = await searchServices(db(), params({ pageSize: 1, page: 2 }));
    expect(page2.items.map((i) => i.serviceName)).toEqual(['Crowd 001']);
    // cap = offset + 2 pages = 3, counted among the nearest points: a lower bound
    expect(page2).toMatchObject({ total: 3, totalCapped: true });
    const last = await searchServices(db(), params({ pageSize: 100, page: 4 }));
    expect(last.items.map((i) => i.serviceName)).toEqual(['Legal 20', 'Legal 25', 'Legal 30']);
    expect(last).toMatchObject({ total: 303, totalCapped: false });
  });

  it('filters by category, including subcategories of a chosen category', async () => {
    const top = await createService(db(), { name: 'Tagged counseling' });
    await tagService(db(), top, 'haven', 'counseling');
    const sub = await createService(db(), { name: 'Tagged support group' });
    await tagService(db(), sub, 'haven', 'support-groups');
    const other = await createService(db(), { name: 'Tagged housing' });
    await tagService(db(), other, 'haven', 'housing');
    for (const id of [top, sub, other]) await addLocation(db(), id, near(2));
    expect(await names({ categories: ['counseling'] })).toEqual([
      'Tagged counseling',
      'Tagged support group',
    ]);
    expect(await names({ categories: ['support-groups'] })).toEqual(['Tagged support group']);
    expect(await names({ categories: ['housing', 'support-groups'] })).toEqual([
      'Tagged housing',
      'Tagged support group',
    ]);
    const item = (await searchServices(db(), params({ categories: ['housing'] }))).items[0]!;
    expect(item.categories).toEqual([{ slug: 'housing', name: 'Housing and shelter' }]);
  });

  it('filters by population, language, free and delivery', async () => {
    const minors = await createService(db(), { name: 'For minors' });
    await tagService(db(), minors, 'haven-population', 'minors');
    const spanish = await createService(db(), { name: 'In Spanish' });
    await addLanguage(db(), spanish, 'es');
    const freeByTerm = await createService(db(), { name: 'Free by term' });
    await tagService(db(), freeByTerm, 'haven-cost', 'free');
    const freeByCost = await createService(db(), { name: 'Free by cost' });
    await addCostOption(db(), freeByCost, 0);
    const paid = await createService(db(), { name: 'Paid' });
    await addCostOption(db(), paid, 40);
    const video = await createService(db(), { name: 'Video too', delivery: ['in_person', 'virtual'] });
    for (const id of [minors, spanish, freeByTerm, freeByCost, paid, video])
      await addLocation(db(), id, near(3));

    expect(await names({ population: 'minors' })).toEqual(['For minors']);
    expect(await names({ language: 'es' })).toEqual(['In Spanish']);
    expect(await names({ freeOnly: true })).toEqual(['Free by cost', 'Free by term']);
    expect(await names({ delivery: 'virtual' })).toEqual(['Video too']);
    expect(await names({ delivery: 'in_person' })).toHaveLength(6);
    const free = (await searchServices(db(), params({ freeOnly: true }))).items;
    expect(free.every((item) => item.free)).toBe(true);
  });

  it('matches keywords in English and Spanish, accent-insensitive, and corrects a typo', async () => {
    await addLocation(
      db(),
      await createService(db(), { name: 'Harbor House', description: 'Trauma counseling for survivors' }),
      near(1),
    );
    await addLocation(
      db(),
      await createService(db(), { name: 'Casa Esperanza', description: 'Asesoría legal de inmigración' }),
      near(2),
    );
    await addLocation(
      db(),
      await createService(db(), { name: 'Food Pantry', description: 'Groceries every week' }),
      near(3),
    );
    expect(await names({ keyword: 'counseling' })).toEqual(['Harbor House']);
    expect(await names({ keyword: 'counceling' })).toEqual(['Harbor House']);
    expect(await names({ keyword: 'inmigracion' })).toEqual(['Casa Esperanza']);
    expect(await names({ keyword: "'; drop table service; --" })).toEqual([]);
  });

  it('ranks keyword matches by relevance, then name, when no point is given', async () => {
    await createService(db(), { name: 'Zeta legal clinic', description: 'Legal aid' });
    await createService(db(), { name: 'Alpha center', description: 'Some legal help' });
    await createService(db(), { name: 'Beta center', description: 'Some legal help' });
    await createService(db(), { name: 'Unrelated', description: 'Groceries' });
    const result = await searchServices(db(), params({ point: undefined, keyword: 'legal' }));
    // the name match (weight A) outranks description-only matches, which tie and go by name
    expect(result.items.map((i) => i.serviceName)).toEqual([
      'Zeta legal clinic',
      'Alpha center',
      'Beta center',
    ]);
    expect(result.items.every((i) => i.distanceKm === null)).toBe(true);
    expect(result).toMatchObject({ total: 3, totalCapped: false });
    // counted up to two pages past this one (cap = 0 + 2 × 1), then "at least"
    const page1 = await searchServices(db(), params({ point: undefined, keyword: 'legal', pageSize: 1 }));
    expect(page1).toMatchObject({ total: 2, totalCapped: true, totalPages: 2 });
    expect(page1.items.map((i) => i.serviceName)).toEqual(['Zeta legal clinic']);
    const page2 = await searchServices(
      db(),
      params({ point: undefined, keyword: 'legal', pageSize: 1, page: 2 }),
    );
    expect(page2).toMatchObject({ total: 3, totalCapped: false });
  });

  it('adds remote services whose area covers the point after the in-person ones, by name', async () => {
    await addLocation(db(), await createService(db(), { name: 'Z in person' }), near(20));
    const nationwide = await createService(db(), { name: 'A national hotline', delivery: ['phone'] });
    await addServiceArea(db(), nationwide, 'nationwide');
    const texas = await createService(db(), { name: 'B Texas line', delivery: ['phone'] });
    await addServiceArea(db(), texas, 'states', { states: ['TX', 'LA'] });
    const ohio = await createService(db(), { name: 'C Ohio line', delivery: ['virtual'] });
    await addServiceArea(db(), ohio, 'states', { states: ['OH'] });
    const circle = await createService(db(), { name: 'D Houston area video', delivery: ['virtual'] });
    await addServiceArea(db(), circle, 'radius', { radiusKm: 100, ...near(80) });
    const farCircle = await createService(db(), { name: 'E Dallas area video', delivery: ['virtual'] });
    await addServiceArea(db(), farCircle, 'radius', { radiusKm: 50, latitude: 32.78, longitude: -96.8 });
    const inPersonCovered = await createService(db(), {
      name: 'F in person and phone',
      delivery: ['in_person', 'phone'],
    });
    await addServiceArea(db(), inPersonCovered, 'nationwide');
    await addLocation(db(), inPersonCovered, near(30));
    const notRemote = await createService(db(), { name: 'G in person only' });
    await addServiceArea(db(), notRemote, 'nationwide');

    const result = await searchServices(db(), params({ pointState: 'TX' }));
    expect(result.items.map((i) => [i.serviceName, i.remote])).toEqual([
      ['Z in person', false],
      ['F in person and phone', false],
      ['A national hotline', true],
      ['B Texas line', true],
      ['D Houston area video', true],
    ]);
    expect(
      result.items.filter((i) => i.remote).every((i) => i.distanceKm === null && i.location === null),
    ).toBe(true);
    expect(await names({ pointState: undefined })).not.toContain('B Texas line');
    // pagination runs across the boundary
    const page2 = await searchServices(db(), params({ pointState: 'TX', pageSize: 3, page: 2 }));
    expect(page2.items.map((i) => i.serviceName)).toEqual(['B Texas line', 'D Houston area video']);
    expect(page2.total).toBe(5);
    // In-person matches reaching two pages past this one (cap = 0 + 2 × 1) push the remote ones
    // out of reach: not counted, and the total is a lower bound. One page later they count again.
    const one = (page: number) => searchServices(db(), params({ pointState: 'TX', pageSize: 1, page }));
    expect(await one(1)).toMatchObject({
      items: [{ serviceName: 'Z in person' }],
      total: 2,
      totalCapped: true,
    });
    expect(await one(2)).toMatchObject({
      items: [{ serviceName: 'F in person and phone' }],
      total: 5,
      totalCapped: false,
    });
    expect(await one(3)).toMatchObject({ items: [{ serviceName: 'A national hotline' }], total: 5 });
  });

  it('filters open now in each schedule zone, with exact pagination', async () => {
    // Wed 2026-11-18 16:00Z = 10:00 Chicago, 11:00 New York, 08:00 Los Angeles
    const now = new Date('2026-11-18T16:00:00Z');
    const zones = ['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'America/Chicago'];
    for (const [i, zone] of zones.entries()) {
      const id = await createService(db(), { name: `S${i} ${zone}` });
      await addLocation(db(), id, near(i + 1));
      await addSchedule(
        db(),
        { serviceId: id },
        { byday: 'MO,TU,WE,TH,FR', opensAt: '09:00', closesAt: '17:00', timeZone: zone },
      );
    }
    const noHours = await createService(db(), { name: 'S9 no hours' });
    await addLocation(db(), noHours, near(9));
    // No zone on the schedule: the location's state (California) decides — closed at 08:00.
    const fallback = await createService(db(), { name: 'S8 fallback zone' });
    const loc = await addLocation(db(), fallback, {
      ...near(8),
      address: { address1: '1 Main St', city: 'X', state: 'CA', postalCode: '90001' },
    });
    await addSchedule(db(), { locationId: loc }, { byday: null, opensAt: '09:00', closesAt: '17:00' });

    const all = await searchServices(db(), params({ now }));
    expect(all.items.find((i) => i.serviceName === 'S9 no hours')!.openNow).toBeNull();
    expect(all.items.find((i) => i.serviceName === 'S8 fallback zone')!.openNow).toBe(false);
    const open = await searchServices(db(), params({ now, openNow: true, pageSize: 2, page: 2 }));
    expect(open.total).toBe(3);
    expect(open.items.map((i) => i.serviceName)).toEqual(['S3 America/Chicago']);
    expect(open.items[0]!.hoursToday).toEqual({
      timeZone: 'America/Chicago',
      allDay: false,
      intervals: [{ opensAt: '09:00', closesAt: '17:00' }],
    });
    const later = await searchServices(
      db(),
      params({ now: new Date('2026-11-18T23:30:00Z'), openNow: true }),
    );
    // 15:30 in California: the Los Angeles schedule and the state-zone fallback are open
    expect(later.items.map((i) => i.serviceName)).toEqual(['S2 America/Los_Angeles', 'S8 fallback zone']);
  });

  it('stops reading hours two pages past this one when many are open, and says "at least"', async () => {
    const ids = await addCrowd(await createOrganization(db()), 150);
    // every other one is open around the clock; the rest have no hours
    await db()
      .insertInto('schedule')
      .values(
        ids
          .filter((_, i) => i % 2 === 0)
          .map((id) => ({
            service_id: id,
            freq: 'WEEKLY',
            opens_at: '00:00',
            closes_at: '00:00',
            timezone_name: 'America/Chicago',
          })),
      )
      .execute();
    const open = (page: number) => searchServices(db(), params({ openNow: true, pageSize: 10, page }));
    // cap = 0 + 2 × 10 = 20 open: the first chunk (64 matches, 32 open) is enough; "20+"
    const first = await open(1);
    expect(first.items.map((i) => i.serviceName)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Crowd ${String(i * 2).padStart(3, '0')}`),
    );
    expect(first).toMatchObject({ total: 20, totalCapped: true });
    // page 8: cap = 70 + 20 = 90, more than the 75 open: every match is read, the total is exact
    const last = await open(8);
    expect(last.items.map((i) => i.serviceName)).toEqual([
      'Crowd 140',
      'Crowd 142',
      'Crowd 144',
      'Crowd 146',
      'Crowd 148',
    ]);
    expect(last).toMatchObject({ total: 75, totalCapped: false });
  });

  it('shows confidential locations by their public point only, whatever the exact point', async () => {
    const organizationId = await createOrganization(db());
    const id = await createService(db(), { organizationId, name: 'Safe house' });
    const location = await addLocation(db(), id, {
      latitude: 29.7812,
      longitude: -95.3511,
      confidential: true,
      publicLatitude: 29.76,
      publicLongitude: -95.37,
      areaLabel: 'Houston, TX area',
      name: 'House on Elm St',
      address: { address1: '12 Elm St', city: 'Houston', state: 'TX', postalCode: '77002' },
    });
    const first = await searchServices(db(), params());
    expect(first.items[0]!.location).toEqual({
      id: location,
      name: null,
      isConfidential: true,
      latitude: 29.76,
      longitude: -95.37,
      areaLabel: 'Houston, TX area',
      address: null,
    });
    const serialized = JSON.stringify(first);
    for (const secret of ['29.7812', '-95.3511', 'Elm St']) expect(serialized).not.toContain(secret);
    await db()
      .updateTable('location')
      .set({ latitude: 30.2, longitude: -95.9 })
      .where('id', '=', location)
      .execute();
    expect(await searchServices(db(), params())).toEqual(first);
    expect(await searchServices(db(), params({ radiusKm: 0.5 }))).toMatchObject({ total: 1 });
  });
});
