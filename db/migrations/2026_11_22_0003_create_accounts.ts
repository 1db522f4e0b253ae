/**
 * Accounts, organization memberships, sessions (stored in Postgres so app servers stay
 * stateless), invitations, public corrections and the audit trail.
 * Frozen in time: imports nothing from app/.
 */
import { type Kysely, sql } from 'kysely';

const statements = [
  `create table account (
     id uuid primary key default gen_random_uuid(),
     email text not null check (email = lower(email) and position('@' in email) > 1),
     password_hash text not null,
     display_name text,
     is_admin boolean not null default false,
     status text not null default 'active' check (status in ('active', 'disabled')),
     locale text not null default 'en' check (locale in ('en', 'es')),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     version integer not null default 1 check (version > 0)
   )`,
  `create unique index account_email_idx on account (email)`,

  `create table membership (
     account_id uuid not null references account(id) on delete cascade,
     organization_id uuid not null references organization(id) on delete cascade,
     role text not null check (role in ('owner', 'editor', 'caseworker')),
     created_at timestamptz not null default now(),
     primary key (account_id, organization_id)
   )`,
  `create index membership_organization_idx on membership (organization_id)`,

  // id is a hash of the cookie token: a leaked table does not hand out live sessions.
  `create table session (
     id text primary key,
     account_id uuid not null references account(id) on delete cascade,
     created_at timestamptz not null default now(),
     last_seen_at timestamptz not null default now(),
     expires_at timestamptz not null
   )`,
  `create index session_account_idx on session (account_id)`,

  `create table login_attempt (
     id bigint generated always as identity primary key,
     key text not null,
     attempted_at timestamptz not null default now()
   )`,
  `create index login_attempt_key_idx on login_attempt (key, attempted_at)`,

  `create table invitation (
     id uuid primary key default gen_random_uuid(),
     organization_id uuid not null references organization(id) on delete cascade,
     email text not null check (email = lower(email)),
     role text not null check (role in ('owner', 'editor', 'caseworker')),
     token_hash text not null unique,
     invited_by uuid references account(id) on delete set null,
     expires_at timestamptz not null,
     accepted_at timestamptz,
     created_at timestamptz not null default now()
   )`,

  `create table suggestion (
     id uuid primary key default gen_random_uuid(),
     service_id uuid references service(id) on delete cascade,
     organization_id uuid references organization(id) on delete cascade,
     field_name text,
     body text not null check (length(btrim(body)) > 0 and length(body) <= 4000),
     status text not null default 'open' check (status in ('open', 'accepted', 'dismissed')),
     resolved_by uuid references account(id) on delete set null,
     resolved_at timestamptz,
     created_at timestamptz not null default now(),
     check (service_id is not null or organization_id is not null)
   )`,

  `create table audit_event (
     id bigint generated always as identity primary key,
     actor_id uuid references account(id) on delete set null,
     action text not null,
     entity_type text not null,
     entity_id uuid,
     before jsonb,
     after jsonb,
     created_at timestamptz not null default now()
   )`,
  `create index audit_event_entity_idx on audit_event (entity_type, entity_id, created_at)`,
];

const tables = [
  'audit_event',
  'suggestion',
  'invitation',
  'login_attempt',
  'session',
  'membership',
  'account',
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tables) await sql.raw(`drop table if exists ${table} cascade`).execute(db);
}
