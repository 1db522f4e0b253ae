/**
 * `search_point` is derived data kept by triggers (migration 2026_11_30_0006). Oracle: after
 * every kind of change to the source tables, the table equals a rebuild from scratch, and the
 * change shows in search.
 */
import { type Kysely, sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../tests/helpers/db';
import {
  addCostOption,
  addLanguage,
  addLocation,
  createOrganization,
  createService,
  resetListings,
  tagService,
} from '../tests/helpers/fixtures';
import { searchServices } from '../app/search/search.server';
import type { SearchParams } from '../app/search/types';
import { HOUSTON, searchParams } from '../tests/helpers/search-params';
import type { Database } from './types';

async function snapshot(db: Kysely<Database>) {
  const { rows } = await sql<Record<string, unknown>>`
    select service_id, location_id, latitude, longitude, service_name, delivery, free,
           array(select unnest(categories) order by 1) as categories,
           array(select unnest(populations) order by 1) as populations,
           array(select unnest(languages) order by 1) as languages
    from search_point order by service_id, location_id`.execute(db);
  return rows;
}

/** The triggers' incremental result must equal a full rebuild. */
async function expectConsistent(db: Kysely<Database>) {
  const incremental = await snapshot(db);
  await sql`select haven_refresh_search_points(array(select id from service))`.execute(db);
  expect(incremental).toEqual(await snapshot(db));
}

describeEachEngine('search_point maintenance', (context) => {
  const db = () => context.db;
  const search = async (overrides: Partial<SearchParams> = {}) =>
    (await searchServices(db(), searchParams(overrides))).items.map(
      (item) => `${item.serviceName}@${item.distanceKm?.toFixed(1)}`,
    );

  let organization: string;
  let service: string;
  let location: string;
  beforeEach(async () => {
    await resetListings(db());
    organization = await createOrganization(db(), { name: 'Harbor' });
    service = await createService(db(), { organizationId: organization, name: 'Clinic' });
    location = await addLocation(db(), service, {
      latitude: HOUSTON.latitude + 0.1,
      longitude: HOUSTON.longitude,
    });
  });

  it('follows the service’s and the organization’s visibility', async () => {
    expect(await search()).toEqual(['Clinic@11.1']);
    await db().updateTable('service').set({ status: 'inactive' }).where('id', '=', service).execute();
    expect(await search()).toEqual([]);
    await db().updateTable('service').set({ status: 'active', name: 'Clinic Two' }).execute();
    expect(await search()).toEqual(['Clinic Two@11.1']);
    await db().updateTable('organization').set({ verification_status: 'suspended' }).execute();
    expect(await search()).toEqual([]);
    await expectConsistent(db());
    await db().updateTable('organization').set({ verification_status: 'verified' }).execute();
    expect(await search()).toEqual(['Clinic Two@11.1']);
    await expectConsistent(db());
  });

  it('follows moved points, new and removed locations, and deleted services', async () => {
    await db()
      .updateTable('location')
      .set({ latitude: HOUSTON.latitude + 0.2, public_latitude: HOUSTON.latitude + 0.2 })
      .where('id', '=', location)
      .execute();
    expect(await search()).toEqual(['Clinic@22.3']);
    const nearer = await addLocation(db(), service, {
      latitude: HOUSTON.latitude + 0.05,
      longitude: HOUSTON.longitude,
    });
    expect(await search()).toEqual(['Clinic@5.6']);
    await expectConsistent(db());
    await db().deleteFrom('service_at_location').where('location_id', '=', nearer).execute();
    expect(await search()).toEqual(['Clinic@22.3']);
    await db()
      .updateTable('location')
      .set({ latitude: null, longitude: null, public_latitude: null, public_longitude: null })
      .execute();
    expect(await search()).toEqual([]);
    await db().deleteFrom('service').where('id', '=', service).execute();
    expect(await snapshot(db())).toEqual([]);
    await expectConsistent(db());
  });

  it('follows categories, populations, languages, cost and term changes', async () => {
    const only = (overrides: Partial<SearchParams>) => search(overrides);
    await tagService(db(), service, 'haven', 'trauma-therapy');
    await tagService(db(), service, 'haven-population', 'women');
    await addLanguage(db(), service, 'es');
    await addCostOption(db(), service, 0);
    await expectConsistent(db());
    for (const filter of [
      { categories: ['counseling'] },
      { categories: ['trauma-therapy'] },
      { population: 'women' },
      { language: 'es' },
      { freeOnly: true },
    ] satisfies Partial<SearchParams>[]) {
      expect(await only(filter)).toEqual(['Clinic@11.1']);
    }
    // A subcategory moved to another parent takes its services along.
    await sql`update taxonomy_term set parent_id = (select id from taxonomy_term where taxonomy = 'haven' and code = 'health')
              where taxonomy = 'haven' and code = 'trauma-therapy'`.execute(db());
    expect(await only({ categories: ['counseling'] })).toEqual([]);
    expect(await only({ categories: ['health'] })).toEqual(['Clinic@11.1']);
    await expectConsistent(db());
    await sql`update taxonomy_term set parent_id = (select id from taxonomy_term where taxonomy = 'haven' and code = 'counseling')
              where taxonomy = 'haven' and code = 'trauma-therapy'`.execute(db());
    expect(await only({ categories: ['counseling'] })).toEqual(['Clinic@11.1']);

    await db().deleteFrom('attribute').execute();
    await db().deleteFrom('language').execute();
    await db().updateTable('cost_option').set({ amount: 25 }).execute();
    for (const filter of [
      { categories: ['health'] },
      { population: 'women' },
      { language: 'es' },
      { freeOnly: true },
    ] satisfies Partial<SearchParams>[]) {
      expect(await only(filter)).toEqual([]);
    }
    await expectConsistent(db());
  });
});
