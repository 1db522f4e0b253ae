/**
 * search_point maintenance that a bulk load can defer to its end.
 *
 * Why (docs/PERFORMANCE.md, "HSDS import at scale"): every statement of an import fired a
 * search_point refresh for the services it touched — per batch of 5,000 rows, once for the
 * services, again for their locations' links, again when their search text was refreshed. At
 * 20k services that was 53 of the import's 69 s on PostgreSQL.
 *
 * The trigger functions now look at the transaction-local setting `haven.defer_search_points`:
 * when it is 'on', they only note the services they would have refreshed in the temporary
 * table `haven_search_points_pending` (created by whoever sets the flag), and the loader
 * refreshes them all once, set-based, before it commits. Anything that does not set the flag
 * (the editor, the review queues, the seed) is unchanged: the refresh runs per statement.
 * Frozen in time: imports nothing from app/.
 */
import { type Kysely, sql } from 'kysely';

/** The trigger functions of 2026_11_30_0006: how the changed rows map to services. */
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

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, select] of Object.entries(mappers))
    await sql
      .raw(
        `create or replace function ${name}() returns trigger language plpgsql as $$
         begin
           if current_setting('haven.defer_search_points', true) = 'on' then
             insert into haven_search_points_pending (service_id) ${select};
           else
             perform haven_refresh_search_points(array(${select}));
           end if;
           return null;
         end $$`,
      )
      .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name, select] of Object.entries(mappers))
    await sql
      .raw(
        `create or replace function ${name}() returns trigger language plpgsql as $$
         begin
           perform haven_refresh_search_points(array(${select}));
           return null;
         end $$`,
      )
      .execute(db);
}
