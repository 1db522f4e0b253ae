/**
 * Search support: a word list for typo correction and indexes for remote-service coverage.
 *
 * - `search_word` holds every word (unaccented, lower-case, 'simple' parser) that occurs in a
 *   service name or search text. A trigram GiST index lets a misspelt query word ("counceling")
 *   find its nearest real word ("counseling") with a KNN lookup in a small table, so the main
 *   query stays a plain full-text match on the GIN index. Statement-level triggers with
 *   transition tables keep it current at one INSERT per statement, so bulk imports stay fast.
 *   Words are never removed: a stale word only yields a correction that matches nothing.
 * - Coverage indexes: a remote service covers a point when it is nationwide, lists the point's
 *   state, or its coverage circle contains the point. The circle is indexed as a cube
 *   (earth_box) so "which circles contain this point" is a GiST `@>` lookup, not a scan.
 * Frozen in time: imports nothing from app/.
 */
import { type Kysely, sql } from 'kysely';

const statements = [
  `create table search_word (word text primary key)`,
  `create index search_word_trgm_idx on search_word using gist (word gist_trgm_ops)`,
  `create or replace function haven_search_words(text) returns setof text
     language sql immutable parallel safe strict
     as $$ select w from unnest(tsvector_to_array(to_tsvector('simple'::regconfig, haven_unaccent(lower($1))))) as w
           where length(w) between 3 and 40 and w !~ '^[0-9]+$' $$`,
  `create or replace function haven_collect_search_words() returns trigger
     language plpgsql
     as $$ begin
       insert into search_word (word)
         select distinct haven_search_words(n.name || ' ' || n.search_text) from new_rows n
         on conflict (word) do nothing;
       return null;
     end $$`,
  `create trigger service_search_words_insert after insert on service
     referencing new table as new_rows for each statement execute function haven_collect_search_words()`,
  `create trigger service_search_words_update after update on service
     referencing new table as new_rows for each statement execute function haven_collect_search_words()`,
  `insert into search_word (word)
     select distinct haven_search_words(name || ' ' || search_text) from service
     on conflict (word) do nothing`,

  `create index service_area_nationwide_idx on service_area (service_id) where coverage = 'nationwide'`,
  `create index service_area_states_idx on service_area using gin (coverage_states) where coverage = 'states'`,
  `create index service_area_circle_idx on service_area using gist (
     earth_box(ll_to_earth(coverage_latitude, coverage_longitude), coverage_radius_km * 1000))
     where coverage = 'radius'`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    'drop index if exists service_area_circle_idx',
    'drop index if exists service_area_states_idx',
    'drop index if exists service_area_nationwide_idx',
    'drop trigger if exists service_search_words_update on service',
    'drop trigger if exists service_search_words_insert on service',
    'drop function if exists haven_collect_search_words()',
    'drop function if exists haven_search_words(text)',
    'drop table if exists search_word',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
