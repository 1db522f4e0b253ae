/**
 * The staff side (issue 11): the mail outbox, confirmed emails, single-use emailed tokens
 * (email confirmation, password reset) and organization sign-up requests with their review.
 * Frozen in time: imports nothing from app/.
 */
import { type Kysely, sql } from 'kysely';

const statements = [
  // Written in the same transaction as the action that sends the mail; a sender delivers it.
  `create table mail_outbox (
     id bigint generated always as identity primary key,
     recipient text not null check (position('@' in recipient) > 1),
     locale text not null check (locale in ('en', 'es')),
     kind text not null,
     subject text not null,
     body text not null,
     status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
     attempts integer not null default 0,
     next_attempt_at timestamptz not null default now(),
     last_error text,
     created_at timestamptz not null default now(),
     sent_at timestamptz
   )`,
  `create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where status = 'pending'`,

  `alter table account add column email_confirmed_at timestamptz`,
  // Accounts made before this migration (user:create) were made by an operator: confirmed.
  `update account set email_confirmed_at = created_at`,

  // id is the hash of the emailed token, as for sessions.
  `create table account_token (
     id text primary key,
     account_id uuid not null references account(id) on delete cascade,
     purpose text not null check (purpose in ('confirm_email', 'password_reset')),
     expires_at timestamptz not null,
     used_at timestamptz,
     created_at timestamptz not null default now()
   )`,
  `create index account_token_account_idx on account_token (account_id, purpose)`,

  `create table organization_request (
     organization_id uuid primary key references organization(id) on delete cascade,
     requested_by uuid references account(id) on delete set null,
     contact_name text not null,
     phone text not null,
     categories text[] not null default '{}',
     service_area text not null,
     statement text not null,
     decision_note text,
     decided_by uuid references account(id) on delete set null,
     decided_at timestamptz,
     info_requested_at timestamptz,
     created_at timestamptz not null default now()
   )`,
  // Likely duplicates in the verification queue: similarity by name (pg_trgm).
  `create index organization_name_trgm_idx on organization using gin (lower(name) gin_trgm_ops)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    'drop index if exists organization_name_trgm_idx',
    'drop table if exists organization_request',
    'drop table if exists account_token',
    'alter table account drop column if exists email_confirmed_at',
    'drop table if exists mail_outbox',
  ])
    await sql.raw(statement).execute(db);
}
