/**
 * Closed-loop referrals (issue 13): a referral from an agency to an organization, and its
 * timeline (status changes and messages). Client fields live only in `client_data` /
 * `body_data`: AES-256-GCM ciphertext with the id of its key beside it, set to null by the
 * retention purge (the referral stays as an anonymous record for the reports).
 * Frozen in time: imports nothing from app/.
 */
import { type Kysely, sql } from 'kysely';

const statements = [
  `create table referral (
     id uuid primary key default gen_random_uuid(),
     service_id uuid references service(id) on delete set null,
     service_name text not null,
     categories text[] not null default '{}',
     sender_account_id uuid references account(id) on delete set null,
     sender_organization_id uuid not null references organization(id) on delete cascade,
     receiver_organization_id uuid not null references organization(id) on delete cascade,
     status text not null default 'sent' check (status in
       ('sent', 'accepted', 'declined', 'contacted', 'in_progress', 'completed', 'did_not_attend')),
     client_language text not null check (client_language ~ '^[a-z]{2,3}$'),
     consent_at timestamptz not null,
     consent_by uuid references account(id) on delete set null,
     consent_version text not null,
     key_id text,
     client_data bytea,
     sent_at timestamptz not null default now(),
     accepted_at timestamptz,
     acted_at timestamptz,
     closed_at timestamptz,
     purged_at timestamptz,
     updated_at timestamptz not null default now(),
     version integer not null default 1,
     check ((key_id is null) = (client_data is null))
   )`,
  `create index referral_sender_idx on referral (sender_organization_id, sent_at desc)`,
  `create index referral_receiver_idx on referral (receiver_organization_id, sent_at desc)`,
  `create index referral_retention_idx on referral (coalesce(closed_at, sent_at)) where client_data is not null`,

  `create table referral_event (
     id bigint generated always as identity primary key,
     referral_id uuid not null references referral(id) on delete cascade,
     kind text not null check (kind in ('status', 'message')),
     status text,
     reason text,
     actor_id uuid references account(id) on delete set null,
     side text not null check (side in ('sender', 'receiver')),
     key_id text,
     body_data bytea,
     created_at timestamptz not null default now(),
     check ((key_id is null) = (body_data is null)),
     check (kind = 'message' or status is not null)
   )`,
  `create index referral_event_referral_idx on referral_event (referral_id, id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of ['drop table if exists referral_event', 'drop table if exists referral'])
    await sql.raw(statement).execute(db);
}
