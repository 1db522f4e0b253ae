/**
 * `search_point`: one row per public (service, location) pair — an active service of a verified
 * organization at a location with a public point — carrying what a nearby search filters on.
 *
 * Why: the nearby search walks the GiST index nearest-first. On the normalized tables every
 * point walked cost three more index lookups (service_at_location, service, organization) and
 * the filters one or two more each; here the walk reads one index and one heap row per point and
 * the filters are array tests on that row (measured in docs/PERFORMANCE.md).
 *
 * The table is derived data, kept current by statement-level triggers with transition tables
 * (one refresh per statement, so bulk imports stay set-based). Every trigger maps the changed
 * rows to the services they touch and calls `haven_refresh_search_points`, which rebuilds those
 * services' rows from the source tables — one definition of what a row holds.
 * Frozen in time: imports nothing from app/.
 */
import { type Kysely, sql } from 'kysely';

const refresh = `create function haven_refresh_search_points(ids uuid[]) returns void
  language plpgsql as $$
  begin
    delete from search_point where service_id in (select unnest(ids));
    insert into search_point (service_id, location_id, latitude, longitude, earth, service_name,
                              categories, populations, languages, delivery, free)
    select s.id, l.id, l.public_latitude, l.public_longitude,
           ll_to_earth(l.public_latitude, l.public_longitude), s.name,
           tags.categories, tags.populations,
           array(select distinct lg.code from language lg where lg.service_id = s.id and lg.code is not null),
           s.delivery,
           tags.free or exists (select 1 from cost_option co where co.service_id = s.id and co.amount = 0)
    from service s
    join organization o on o.id = s.organization_id
    join service_at_location sal on sal.service_id = s.id
    join location l on l.id = sal.location_id
    -- The service's terms, read from its own attribute rows (the planner then starts from
    -- attribute_link_idx whatever its statistics say): each term, and a category's parent.
    cross join lateral (
      select coalesce(array_agg(distinct tag.code) filter (where tag.kind = 'category'), '{}') as categories,
             coalesce(array_agg(distinct tag.code) filter (where tag.kind = 'population'), '{}') as populations,
             coalesce(bool_or(tag.kind = 'free'), false) as free
      from attribute a
      join taxonomy_term t on t.id = a.taxonomy_term_id
      left join taxonomy_term p on p.id = t.parent_id
      cross join lateral (values
        (case t.taxonomy when 'haven' then 'category' when 'haven-population' then 'population'
                         when 'haven-cost' then case when t.code = 'free' then 'free' end end, t.code),
        (case when t.taxonomy = 'haven' and p.taxonomy = 'haven' then 'category' end, p.code)) tag(kind, code)
      where a.link_entity = 'service' and a.link_id = s.id and tag.code is not null) tags
    where s.id in (select unnest(ids))
      and s.status = 'active' and o.verification_status = 'verified'
      and l.public_latitude is not null and l.public_longitude is not null;
  end $$`;

/** Trigger functions: how the changed rows (transition table `changed`) map to services. */
const mappers: Record<string, string> = {
  haven_search_points_of_services: 'select id from changed',
  haven_search_points_of_linked: 'select service_id from changed where service_id is not null',
  haven_search_points_of_attributes: "select link_id from changed where link_entity = 'service'",
  haven_search_points_of_organizations:
    'select s.id from service s where s.organization_id in (select id from changed)',
  haven_search_points_of_locations:
    'select sal.service_id from service_at_location sal where sal.location_id in (select id from changed)',
  haven_search_points_of_terms: `select a.link_id from attribute a join taxonomy_term t on t.id = a.taxonomy_term_id
     where a.link_entity = 'service' and (t.id in (select id from changed) or t.parent_id in (select id from changed))`,
};

type Event = 'insert' | 'delete' | 'update-old' | 'update-new';
/** Which changes of which tables can change a service's search points. */
const triggers: Array<[table: string, mapper: string, events: Event[]]> = [
  ['service', 'haven_search_points_of_services', ['insert', 'update-new']],
  ['organization', 'haven_search_points_of_organizations', ['update-new']],
  ['location', 'haven_search_points_of_locations', ['update-new']],
  ['taxonomy_term', 'haven_search_points_of_terms', ['update-new']],
  ['service_at_location', 'haven_search_points_of_linked', ['insert', 'delete', 'update-old', 'update-new']],
  ['language', 'haven_search_points_of_linked', ['insert', 'delete', 'update-old', 'update-new']],
  ['cost_option', 'haven_search_points_of_linked', ['insert', 'delete', 'update-old', 'update-new']],
  ['attribute', 'haven_search_points_of_attributes', ['insert', 'delete', 'update-old', 'update-new']],
];

const triggerName = (table: string, event: Event) => `${table}_search_points_${event.replace('-', '_')}`;

function createTrigger(table: string, mapper: string, event: Event): string {
  const [operation, side] =
    event === 'insert'
      ? ['insert', 'new']
      : event === 'delete'
        ? ['delete', 'old']
        : ['update', event.slice(7)];
  return `create trigger ${triggerName(table, event)} after ${operation} on ${table}
    referencing ${side} table as changed for each statement execute function ${mapper}()`;
}

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `create table search_point (
       service_id uuid not null references service(id) on delete cascade,
       location_id uuid not null references location(id) on delete cascade,
       latitude double precision not null,
       longitude double precision not null,
       -- ll_to_earth(latitude, longitude), stored: computing it per row walked costs 4x the walk
       earth cube not null,
       service_name text not null,
       categories text[] not null,
       populations text[] not null,
       languages text[] not null,
       delivery text[] not null,
       free boolean not null,
       primary key (service_id, location_id))`,
    // The walk reads everything it needs from the index (an index-only scan once VACUUM has
    // marked the pages all-visible): no heap page per point.
    `create index search_point_earth_idx on search_point using gist (earth)
       include (service_id, location_id, service_name, categories, populations, languages, delivery, free)`,
    `create index search_point_location_idx on search_point (location_id)`,
    // Nearby search no longer walks location's own point index.
    'drop index if exists location_public_earth_idx',
    refresh,
    ...Object.entries(mappers).map(
      ([name, select]) => `create function ${name}() returns trigger language plpgsql as $$
         begin
           perform haven_refresh_search_points(array(${select}));
           return null;
         end $$`,
    ),
    ...triggers.flatMap(([table, mapper, events]) =>
      events.map((event) => createTrigger(table, mapper, event)),
    ),
    `select haven_refresh_search_points(array(select id from service))`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const statements = [
    ...triggers.flatMap(([table, , events]) =>
      events.map((event) => `drop trigger if exists ${triggerName(table, event)} on ${table}`),
    ),
    ...Object.keys(mappers).map((name) => `drop function if exists ${name}()`),
    'drop function if exists haven_refresh_search_points(uuid[])',
    'drop table if exists search_point',
    'create index if not exists location_public_earth_idx on location using gist (ll_to_earth(public_latitude, public_longitude))',
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
