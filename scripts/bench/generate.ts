/**
 * Synthetic directory for the benchmark, generated inside the database with set-based
 * INSERT … SELECT generate_series (no per-row round trips). Services sit around real US ZIP
 * centroids (so density follows population, as a national directory would), ~3% of
 * locations are confidential, ~3% of services are remote-only with a coverage area.
 * Search indexes are dropped for the load and rebuilt after it (faster than maintaining them
 * row by row), the search_point triggers are off during the load and the table is built once
 * after it (instead of once per table loaded) and clustered, then ANALYZE gives the planner real
 * statistics.
 */
import { createRequire } from 'node:module';
import { type Kysely, sql } from 'kysely';
import { categoryWalkIndexes } from '../../db/migrations/2026_12_01_0191_search_point_category';
import type { Database } from '../../db/types';

interface ZipRow {
  latitude: number;
  longitude: number;
  state: string;
  country: string;
}

// Rebuilt after the load; definitions identical to the migrations.
const INDEXES = [
  ['search_point_earth_idx', 'create index search_point_earth_idx on search_point using gist (earth)'],
  [
    'service_search_vector_idx',
    'create index service_search_vector_idx on service using gin (search_vector)',
  ],
  [
    'service_name_trgm_idx',
    'create index service_name_trgm_idx on service using gin (haven_unaccent(lower(name)) gin_trgm_ops)',
  ],
  ['service_name_order_idx', 'create index service_name_order_idx on service (name, id)'],
  [
    'service_name_vector_idx',
    `create index service_name_vector_idx on service using gin ((
       to_tsvector('english'::regconfig, haven_unaccent(name)) ||
       to_tsvector('spanish'::regconfig, haven_unaccent(name))))`,
  ],
  ...categoryWalkIndexes,
] as const;

const WORDS = [
  'hope',
  'harbor',
  'bridge',
  'light',
  'unity',
  'haven',
  'path',
  'new',
  'dawn',
  'open',
  'door',
  'safe',
  'river',
  'community',
  'freedom',
  'restore',
  'rise',
  'anchor',
  'circle',
  'compass',
];
const KINDS: Record<string, string> = {
  counseling: 'Trauma counseling and support groups for survivors',
  'legal-aid': 'Legal aid: T visa and U visa immigration relief, vacatur, victim rights',
  health: 'Health clinic: primary care, STI testing, mental health care',
  vocational: 'Job training, GED classes and English classes',
  housing: 'Emergency shelter and transitional housing',
  'case-management': 'Case management and advocacy',
  'basic-needs': 'Food pantry, clothing, transportation and ID documents',
  hotlines: '24/7 crisis hotline',
};

export async function generate(db: Kysely<Database>, n: number, log: (line: string) => void): Promise<void> {
  const zips = Object.values(
    createRequire(import.meta.url)('zipcodes').codes as Record<string, ZipRow>,
  ).filter(
    // a few ZIPs sit on the antimeridian (Aleutians) or carry no position: keep jitter in range
    (z) =>
      z.country === 'US' &&
      Math.abs(z.latitude) < 89 &&
      Math.abs(z.longitude) < 179 &&
      (z.latitude !== 0 || z.longitude !== 0),
  );
  await sql`create table if not exists bench_zip (i int primary key, lat float8, lng float8, state text)`.execute(
    db,
  );
  await sql`truncate bench_zip`.execute(db);
  for (let start = 0; start < zips.length; start += 2000) {
    const rows = zips
      .slice(start, start + 2000)
      .map((z, k) => sql`(${start + k}, ${z.latitude}, ${z.longitude}, ${z.state})`);
    await sql`insert into bench_zip values ${sql.join(rows)}`.execute(db);
  }
  const zipCount = zips.length;
  for (const [name] of INDEXES) await sql.raw(`drop index if exists ${name}`).execute(db);
  const searchPointTriggers = await sql<{ table: string; name: string }>`
    select tgrelid::regclass::text as table, tgname as name from pg_trigger
    where tgname like '%\_search\_points\_%' and not tgisinternal`.execute(db);
  const setTriggers = async (state: 'enable' | 'disable') => {
    for (const { table, name } of searchPointTriggers.rows) {
      await sql.raw(`alter table ${table} ${state} trigger ${name}`).execute(db);
    }
  };
  await setTriggers('disable');

  const step = async (label: string, query: ReturnType<typeof sql>) => {
    const started = Date.now();
    await query.execute(db);
    log(`generate ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  const orgs = Math.max(1, Math.floor(n / 10));
  const kinds = Object.keys(KINDS);
  const kindText = sql.raw(`(array[${kinds.map((k) => `'${KINDS[k]!.replace(/'/g, "''")}'`).join(',')}])`);
  const kindCodes = sql.raw(`(array[${kinds.map((k) => `'${k}'`).join(',')}])`);
  const words = sql.raw(`(array[${WORDS.map((w) => `'${w}'`).join(',')}])`);
  // h(salt): a deterministic non-negative pseudo-random integer per row, so runs are repeatable.
  const h = (salt: number) => sql.raw(`(hashint4(g + ${salt * 7919}) & 2147483647)`);

  await step(
    'organizations',
    sql`insert into organization (id, name, verification_status, verified_at)
    select md5('o' || g)::uuid, initcap(${words}[1 + ${h(1)} % 20]) || ' Alliance ' || g, 'verified', now()
    from generate_series(1, ${orgs}) g`,
  );
  await step(
    'services',
    sql`insert into service (id, organization_id, name, description, search_text, delivery, status, last_verified_at)
    select md5('s' || g)::uuid, md5('o' || (1 + g % ${orgs}))::uuid,
      initcap(${words}[1 + ${h(2)} % 20]) || ' ' || initcap(${words}[1 + ${h(3)} % 20]) || ' ' || ${kindCodes}[1 + g % 8] || ' ' || g,
      ${kindText}[1 + g % 8], ${kindText}[1 + g % 8],
      case when ${h(4)} % 100 < 3 then array['phone', 'virtual'] when ${h(4)} % 100 < 10 then array['in_person', 'phone']
           else array['in_person'] end,
      case when ${h(5)} % 100 < 3 then 'inactive' else 'active' end, now()
    from generate_series(1, ${n}) g`,
  );
  // In-person services: one location near a ZIP centroid (jitter ±0.05°), 5% a second one.
  await step(
    'locations',
    sql`insert into location (id, organization_id, latitude, longitude, is_confidential,
      public_latitude, public_longitude, public_area_label)
    select md5('l' || g || '-' || k)::uuid, md5('o' || (1 + g % ${orgs}))::uuid, p.lat, p.lng, p.conf,
      case when p.conf then z.lat else p.lat end, case when p.conf then z.lng else p.lng end,
      case when p.conf then z.state || ' area' end
    from generate_series(1, ${n}) g
    cross join generate_series(1, 2) k
    join bench_zip z on z.i = (${h(6)} + k * 7) % ${zipCount}
    cross join lateral (select z.lat + ((${h(7)} + k) % 1000 - 500) / 10000.0 as lat,
                               z.lng + ((${h(8)} + k) % 1000 - 500) / 10000.0 as lng,
                               ${h(9)} % 100 < 3 as conf) p
    where ${h(4)} % 100 >= 3 and (k = 1 or ${h(10)} % 100 < 5)`,
  );
  await step(
    'service_at_location',
    sql`insert into service_at_location (service_id, location_id)
    select md5('s' || g)::uuid, md5('l' || g || '-' || k)::uuid
    from generate_series(1, ${n}) g cross join generate_series(1, 2) k
    where ${h(4)} % 100 >= 3 and (k = 1 or ${h(10)} % 100 < 5)`,
  );
  await step(
    'attributes',
    sql`insert into attribute (link_id, taxonomy_term_id, link_entity)
    select md5('s' || g)::uuid, t.id, 'service'
    from generate_series(1, ${n}) g
    join taxonomy_term t on (t.taxonomy = 'haven' and t.code = ${kindCodes}[1 + g % 8])
      or (t.taxonomy = 'haven-population' and t.code = (array['adults','minors','women','men','foreign-nationals'])[1 + ${h(11)} % 5])
      or (t.taxonomy = 'haven-cost' and t.code = 'free' and ${h(12)} % 100 < 40)`,
  );
  await step(
    'languages',
    sql`insert into language (service_id, code)
    select md5('s' || g)::uuid, 'en' from generate_series(1, ${n}) g
    union all select md5('s' || g)::uuid, 'es' from generate_series(1, ${n}) g where ${h(13)} % 100 < 30`,
  );
  await step(
    'schedules',
    sql`insert into schedule (service_id, freq, byday, opens_at, closes_at, timezone_name)
    select md5('s' || g)::uuid, 'WEEKLY', 'MO,TU,WE,TH,FR', '09:00', '17:00', 'America/Chicago'
    from generate_series(1, ${n}) g where ${h(14)} % 100 < 80`,
  );
  await step(
    'service areas',
    sql`insert into service_area (service_id, coverage, coverage_states,
      coverage_radius_km, coverage_latitude, coverage_longitude)
    select md5('s' || g)::uuid,
      case when ${h(15)} % 1000 < 3 then 'nationwide' when ${h(15)} % 1000 < 200 then 'states' else 'radius' end,
      case when ${h(15)} % 1000 between 3 and 199 then array[z.state] end,
      case when ${h(15)} % 1000 >= 200 then 50 + ${h(16)} % 150 end,
      case when ${h(15)} % 1000 >= 200 then z.lat end, case when ${h(15)} % 1000 >= 200 then z.lng end
    from generate_series(1, ${n}) g join bench_zip z on z.i = ${h(6)} % ${zipCount}
    where ${h(4)} % 100 < 3`,
  );
  await setTriggers('enable');
  await step('analyze', sql`analyze`);
  await step('search points', sql`select haven_refresh_search_points(array(select id from service))`);
  for (const [name, statement] of INDEXES) await step(`index ${name}`, sql.raw(statement));
  // As after a large import (app/hsds/import.server.ts): search_point rewritten in its GiST
  // index's order (migration 2026_11_30_0007; the rebuilt index above lost its CLUSTER mark), and
  // statistics.
  await step('cluster mark', sql`alter table search_point cluster on search_point_earth_idx`);
  await step('cluster search_point', sql`cluster search_point`);
  await step('analyze', sql`analyze`);
}

/** Random query points: ZIP centroids, weighted like the data. */
export async function queryPoints(db: Kysely<Database>, count: number) {
  const result = await sql<{ lat: number; lng: number; state: string }>`
    select lat, lng, state from bench_zip order by hashint4(i) limit ${count}`.execute(db);
  return result.rows;
}
