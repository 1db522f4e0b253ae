/**
 * Nearest + one category (migration 2026_12_01_0191): with one top-level category the page
 * statement walks that category's partial GiST index. The page and count must equal the plain
 * walk's (every point, the category tested after the scan) for each kind of category filter,
 * page and radius, and the statement must read the category's index.
 */
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { resetListings } from '../../tests/helpers/fixtures';
import { HOUSTON, searchParams } from '../../tests/helpers/search-params';
import { allOf, pointConditions } from './filters.server';
import { categoryWalk, knnPageQuery, nearbyPage } from './nearby.server';
import { CATEGORY_SLUGS, TOP_CATEGORY_SLUGS } from './taxonomy';

const SERVICES = 1500;

describeEachEngine('nearest + category walk', (context) => {
  const db = () => context.db;

  beforeAll(async () => {
    await resetListings(db());
    await sql`insert into organization (id, name, verification_status, verified_at)
      values ('00000000-0000-4000-8000-000000000002', 'Walkers', 'verified', now())`.execute(db());
    // Services around Houston (±1.5°, so radii of 5–250 km hold a few to all of them), one or two
    // locations each, one category term each: a top-level one or a subcategory (whose parent's
    // index must hold it too), in unequal shares.
    await sql`insert into service (id, organization_id, name, status)
      select md5('w' || g)::uuid, '00000000-0000-4000-8000-000000000002',
             'Walk ' || (hashint4(g) & 2147483647) % 97, 'active'
      from generate_series(1, ${SERVICES}) g`.execute(db());
    await sql`insert into location (id, organization_id, latitude, longitude, public_latitude, public_longitude)
      select md5('wl' || g || '-' || k)::uuid, '00000000-0000-4000-8000-000000000002', p.lat, p.lng, p.lat, p.lng
      from generate_series(1, ${SERVICES}) g cross join generate_series(1, 2) k
      cross join lateral (select ${HOUSTON.latitude} + ((hashint4(g * 3 + k) & 2147483647) % 3000 - 1500) / 1000.0 as lat,
                                 ${HOUSTON.longitude} + ((hashint4(g * 5 + k) & 2147483647) % 3000 - 1500) / 1000.0 as lng) p
      where k = 1 or g % 4 = 0`.execute(db());
    await sql`insert into service_at_location (service_id, location_id)
      select md5('w' || g)::uuid, md5('wl' || g || '-' || k)::uuid
      from generate_series(1, ${SERVICES}) g cross join generate_series(1, 2) k
      where k = 1 or g % 4 = 0`.execute(db());
    const codes = [
      'legal-aid',
      'legal-aid',
      'immigration-relief',
      'housing',
      'counseling',
      'hotlines',
      'health',
    ];
    await sql`insert into attribute (link_id, taxonomy_term_id, link_entity)
      select md5('w' || g)::uuid, t.id, 'service'
      from generate_series(1, ${SERVICES}) g
      join taxonomy_term t on t.taxonomy = 'haven'
        and t.code = (cast(${codes} as text[]))[1 + (hashint4(g * 7) & 2147483647) % ${codes.length}]`.execute(
      db(),
    );
  });

  it('has a partial index for every top-level category, and walks it', async () => {
    const indexes = await sql<{ indexname: string }>`
      select indexname from pg_indexes where tablename = 'search_point'`.execute(db());
    const names = indexes.rows.map((row) => row.indexname);
    for (const slug of TOP_CATEGORY_SLUGS)
      expect(names).toContain(`search_point_${slug.replace(/-/g, '_')}_idx`);
    expect(categoryWalk(['immigration-relief'])).toBeNull();
    expect(categoryWalk(['legal-aid', 'housing'])).toBeNull();
    expect(categoryWalk([])).toBeNull();

    // A small table costs a sequential scan less than any index: take that choice away, as
    // db/migrate.test.ts does, to see which index the walk would read.
    await sql`set enable_seqscan = off`.execute(db());
    try {
      const where = allOf(pointConditions(searchParams({ categories: ['legal-aid'] }), null));
      const plan = await sql<Record<string, string>>`explain ${knnPageQuery(
        HOUSTON,
        40,
        where,
        { limit: 20, offset: 0 },
        64,
        categoryWalk(['legal-aid']),
      )}`.execute(db());
      expect(plan.rows.map((row) => Object.values(row)[0]).join('\n')).toContain(
        'search_point_legal_aid_idx',
      );
    } finally {
      await sql`reset enable_seqscan`.execute(db());
    }
  });

  it('lists what the plain walk lists, with the same count, for every kind of category filter', async () => {
    const filters = [
      ['legal-aid'],
      ['housing'],
      ['immigration-relief'],
      ['legal-aid', 'hotlines'],
      ['dental'],
    ];
    expect(filters.flat().every((slug) => CATEGORY_SLUGS.includes(slug))).toBe(true);
    let nonEmpty = 0;
    for (const categories of filters) {
      const where = allOf(pointConditions(searchParams({ categories }), null));
      for (const radiusKm of [5, 40, 250]) {
        for (const page of [1, 2, 3]) {
          const window = { limit: 20, offset: (page - 1) * 20 };
          const cap = window.offset + 40;
          const plain = await nearbyPage(db(), HOUSTON, radiusKm, where, window, cap, null);
          const walked = await nearbyPage(
            db(),
            HOUSTON,
            radiusKm,
            where,
            window,
            cap,
            categoryWalk(categories),
          );
          const label = `${categories.join('+')} ${radiusKm} km p${page}`;
          expect(walked, label).toEqual(plain);
          if (plain.candidates.length > 0) nonEmpty++;
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(20);
  });
});
