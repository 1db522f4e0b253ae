/**
 * Caseworkers' shortlists (issue 13, journey 2): a named list of services owned by one account,
 * optionally shared (read-only) with one organization the owner runs, and its items in order
 * with a note each. No client data is meant to live here — the name is the caseworker's label
 * ("Maria — legal + housing"); the handout never shows names or notes.
 * Frozen in time: imports nothing from app/.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table shortlist (
      id uuid primary key default gen_random_uuid(),
      owner_id uuid not null references account(id) on delete cascade,
      name text not null check (length(name) between 1 and 120),
      shared_organization_id uuid references organization(id) on delete set null,
      handout_locale text not null default 'en' check (handout_locale in ('en', 'es')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index shortlist_owner_idx on shortlist (owner_id)`.execute(db);
  await sql`create index shortlist_shared_idx on shortlist (shared_organization_id)
    where shared_organization_id is not null`.execute(db);
  await sql`
    create table shortlist_item (
      shortlist_id uuid not null references shortlist(id) on delete cascade,
      service_id uuid not null references service(id) on delete cascade,
      position integer not null,
      note text not null default '' check (length(note) <= 500),
      created_at timestamptz not null default now(),
      primary key (shortlist_id, service_id)
    )`.execute(db);
  await sql`create index shortlist_item_service_idx on shortlist_item (service_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists shortlist_item`.execute(db);
  await sql`drop table if exists shortlist`.execute(db);
}
