/**
 * HSDS 3.0 listing tables with Haven's additions (verification, confidential locations with a
 * public point, delivery modes, coverage areas, optimistic-concurrency versions).
 * Frozen in time: imports nothing from app/.
 */
import { type Kysely, sql } from 'kysely';

const statements = [
  `create extension if not exists cube`,
  `create extension if not exists earthdistance`,
  `create extension if not exists pg_trgm`,
  `create extension if not exists unaccent`,
  // unaccent() is only STABLE; an immutable wrapper with an explicit dictionary can be indexed.
  `create or replace function haven_unaccent(text) returns text
     language sql immutable parallel safe strict
     as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`,

  `create table organization (
     id uuid primary key default gen_random_uuid(),
     name text not null check (length(btrim(name)) > 0),
     alternate_name text,
     description text not null default '',
     email text,
     website text,
     tax_status text,
     tax_id text,
     year_incorporated integer check (year_incorporated between 1600 and 2200),
     legal_status text,
     logo text,
     uri text,
     parent_organization_id uuid references organization(id) on delete set null,
     verification_status text not null default 'pending'
       check (verification_status in ('pending', 'verified', 'rejected', 'suspended')),
     verified_at timestamptz,
     verified_by uuid,
     is_sample boolean not null default false,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     version integer not null default 1 check (version > 0),
     check (verification_status <> 'verified' or verified_at is not null)
   )`,

  `create table service (
     id uuid primary key default gen_random_uuid(),
     organization_id uuid not null references organization(id) on delete cascade,
     program_id uuid,
     name text not null check (length(btrim(name)) > 0),
     alternate_name text,
     description text not null default '',
     url text,
     email text,
     status text not null default 'active'
       check (status in ('active', 'inactive', 'defunct', 'temporarily closed')),
     interpretation_services text,
     application_process text,
     fees_description text,
     wait_time text,
     fees text,
     accreditations text,
     eligibility_description text,
     minimum_age integer check (minimum_age >= 0 and minimum_age <= 130),
     maximum_age integer check (maximum_age >= 0 and maximum_age <= 130),
     assured_date date,
     assurer_email text,
     licenses text,
     alert text,
     last_modified timestamptz,
     delivery text[] not null default '{in_person}'
       check (cardinality(delivery) > 0 and delivery <@ array['in_person', 'phone', 'virtual']::text[]),
     last_verified_at timestamptz,
     search_text text not null default '',
     search_vector tsvector generated always as (
       setweight(to_tsvector('english'::regconfig, haven_unaccent(name)), 'A') ||
       setweight(to_tsvector('english'::regconfig, haven_unaccent(search_text)), 'B') ||
       setweight(to_tsvector('spanish'::regconfig, haven_unaccent(name || ' ' || search_text)), 'D')
     ) stored,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     version integer not null default 1 check (version > 0),
     check (minimum_age is null or maximum_age is null or minimum_age <= maximum_age)
   )`,
  `create index service_organization_idx on service (organization_id)`,
  `create index service_search_vector_idx on service using gin (search_vector)`,
  `create index service_name_trgm_idx on service using gin (haven_unaccent(lower(name)) gin_trgm_ops)`,

  `create table location (
     id uuid primary key default gen_random_uuid(),
     location_type text not null default 'physical' check (location_type in ('physical', 'postal', 'virtual')),
     url text,
     organization_id uuid references organization(id) on delete cascade,
     name text,
     alternate_name text,
     description text,
     transportation text,
     latitude double precision check (latitude between -90 and 90),
     longitude double precision check (longitude between -180 and 180),
     external_identifier text,
     external_identifier_type text,
     is_confidential boolean not null default false,
     public_latitude double precision check (public_latitude between -90 and 90),
     public_longitude double precision check (public_longitude between -180 and 180),
     public_area_label text,
     geocode_source text check (geocode_source in ('source', 'gazetteer', 'manual', 'missing')),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     version integer not null default 1 check (version > 0),
     check ((latitude is null) = (longitude is null)),
     check ((public_latitude is null) = (public_longitude is null)),
     -- a location that is not confidential shows its exact point; a confidential one never does
     check (is_confidential or (public_latitude is not distinct from latitude
                                and public_longitude is not distinct from longitude))
   )`,
  `create index location_organization_idx on location (organization_id)`,
  // Every public distance and sort uses the public point only (DESIGN.md §4, §6).
  `create index location_public_earth_idx on location using gist (ll_to_earth(public_latitude, public_longitude))`,

  `create table service_at_location (
     id uuid primary key default gen_random_uuid(),
     service_id uuid not null references service(id) on delete cascade,
     location_id uuid not null references location(id) on delete cascade,
     description text,
     unique (service_id, location_id)
   )`,
  `create index service_at_location_location_idx on service_at_location (location_id)`,

  `create table address (
     id uuid primary key default gen_random_uuid(),
     location_id uuid not null references location(id) on delete cascade,
     attention text,
     address_1 text not null default '',
     address_2 text,
     city text not null default '',
     region text,
     state_province text not null default '',
     postal_code text not null default '',
     country text not null default 'US' check (country ~ '^[A-Z]{2}$'),
     address_type text not null default 'physical' check (address_type in ('physical', 'postal', 'virtual'))
   )`,
  `create index address_location_idx on address (location_id)`,

  `create table contact (
     id uuid primary key default gen_random_uuid(),
     organization_id uuid references organization(id) on delete cascade,
     service_id uuid references service(id) on delete cascade,
     service_at_location_id uuid references service_at_location(id) on delete cascade,
     location_id uuid references location(id) on delete cascade,
     name text,
     title text,
     department text,
     email text
   )`,

  `create table phone (
     id uuid primary key default gen_random_uuid(),
     location_id uuid references location(id) on delete cascade,
     service_id uuid references service(id) on delete cascade,
     organization_id uuid references organization(id) on delete cascade,
     contact_id uuid references contact(id) on delete cascade,
     service_at_location_id uuid references service_at_location(id) on delete cascade,
     number text not null check (length(btrim(number)) > 0),
     extension text,
     type text check (type in ('text', 'voice', 'fax', 'cell', 'video', 'pager', 'textphone')),
     description text
   )`,
  `create index phone_service_idx on phone (service_id)`,
  `create index phone_location_idx on phone (location_id)`,
  `create index phone_organization_idx on phone (organization_id)`,

  `create table schedule (
     id uuid primary key default gen_random_uuid(),
     service_id uuid references service(id) on delete cascade,
     location_id uuid references location(id) on delete cascade,
     service_at_location_id uuid references service_at_location(id) on delete cascade,
     valid_from date,
     valid_to date,
     dtstart date,
     timezone double precision,
     until date,
     count integer,
     wkst text check (wkst in ('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU')),
     freq text check (freq in ('WEEKLY', 'MONTHLY')),
     interval integer check (interval > 0),
     byday text,
     byweekno text,
     bymonthday text,
     byyearday text,
     description text,
     opens_at time,
     closes_at time,
     schedule_link text,
     attending_type text,
     notes text,
     -- Haven: the IANA zone the hours are in, so open-now survives daylight-saving changes.
     timezone_name text,
     check (service_id is not null or location_id is not null or service_at_location_id is not null),
     check ((opens_at is null) = (closes_at is null))
   )`,
  `create index schedule_service_idx on schedule (service_id)`,
  `create index schedule_location_idx on schedule (location_id)`,

  `create table language (
     id uuid primary key default gen_random_uuid(),
     service_id uuid references service(id) on delete cascade,
     location_id uuid references location(id) on delete cascade,
     phone_id uuid references phone(id) on delete cascade,
     name text,
     code text check (code ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
     note text,
     check (name is not null or code is not null)
   )`,
  `create index language_service_idx on language (service_id)`,
  `create index language_code_idx on language (code)`,

  `create table accessibility (
     id uuid primary key default gen_random_uuid(),
     location_id uuid references location(id) on delete cascade,
     description text,
     details text,
     url text
   )`,

  `create table service_area (
     id uuid primary key default gen_random_uuid(),
     service_id uuid references service(id) on delete cascade,
     service_at_location_id uuid references service_at_location(id) on delete cascade,
     name text,
     description text,
     extent text,
     extent_type text,
     uri text,
     -- Haven: a machine-readable coverage used by search for remote (phone/virtual) services.
     coverage text check (coverage in ('radius', 'states', 'nationwide')),
     coverage_radius_km double precision check (coverage_radius_km > 0),
     coverage_latitude double precision check (coverage_latitude between -90 and 90),
     coverage_longitude double precision check (coverage_longitude between -180 and 180),
     coverage_states text[] check (coverage_states is null or cardinality(coverage_states) > 0),
     check (coverage is distinct from 'radius' or (coverage_radius_km is not null
            and coverage_latitude is not null and coverage_longitude is not null)),
     check (coverage is distinct from 'states' or coverage_states is not null)
   )`,
  `create index service_area_service_idx on service_area (service_id)`,

  `create table cost_option (
     id uuid primary key default gen_random_uuid(),
     service_id uuid not null references service(id) on delete cascade,
     valid_from date,
     valid_to date,
     option text,
     currency text,
     amount numeric check (amount >= 0),
     amount_description text
   )`,
  `create index cost_option_service_idx on cost_option (service_id)`,

  `create table required_document (
     id uuid primary key default gen_random_uuid(),
     service_id uuid not null references service(id) on delete cascade,
     document text not null,
     uri text
   )`,
  `create index required_document_service_idx on required_document (service_id)`,

  `create table taxonomy (
     id uuid primary key default gen_random_uuid(),
     name text not null,
     description text not null default '',
     uri text,
     version text
   )`,
  `create unique index taxonomy_name_idx on taxonomy (name)`,

  `create table taxonomy_term (
     id uuid primary key default gen_random_uuid(),
     code text,
     name text not null check (length(btrim(name)) > 0),
     description text not null default '',
     parent_id uuid references taxonomy_term(id) on delete set null,
     taxonomy text,
     language text,
     taxonomy_id uuid references taxonomy(id) on delete cascade,
     term_uri text
   )`,
  `create unique index taxonomy_term_code_idx on taxonomy_term (taxonomy_id, code)`,

  `create table attribute (
     id uuid primary key default gen_random_uuid(),
     link_id uuid not null,
     taxonomy_term_id uuid not null references taxonomy_term(id) on delete cascade,
     link_type text,
     link_entity text not null check (link_entity in ('service', 'location', 'organization', 'service_at_location', 'phone', 'contact')),
     value text,
     label text
   )`,
  `create index attribute_link_idx on attribute (link_entity, link_id)`,
  `create index attribute_term_idx on attribute (taxonomy_term_id, link_entity)`,

  `create table metadata (
     id uuid primary key default gen_random_uuid(),
     resource_id uuid not null,
     resource_type text not null,
     last_action_date timestamptz not null default now(),
     last_action_type text not null,
     field_name text not null default '',
     previous_value text not null default '',
     replacement_value text not null default '',
     updated_by text not null default ''
   )`,
  `create index metadata_resource_idx on metadata (resource_type, resource_id)`,
];

const tables = [
  'metadata',
  'attribute',
  'taxonomy_term',
  'taxonomy',
  'required_document',
  'cost_option',
  'service_area',
  'accessibility',
  'language',
  'schedule',
  'phone',
  'contact',
  'address',
  'service_at_location',
  'location',
  'service',
  'organization',
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tables) await sql.raw(`drop table if exists ${table} cascade`).execute(db);
  await sql.raw('drop function if exists haven_unaccent(text)').execute(db);
}
