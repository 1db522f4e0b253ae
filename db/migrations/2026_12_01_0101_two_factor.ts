/**
 * Staff side, part 1 finished (issue 11): two-factor sign-in (TOTP secret stored encrypted,
 * the last used time step against replays, single-use recovery codes stored as hashes) and
 * the stage of a session (a password alone gives a session that can only finish signing in).
 * Frozen in time: imports nothing from app/.
 */
import { type Kysely, sql } from 'kysely';

const statements = [
  // Encrypted with AES-256-GCM (app/accounts/two-factor.server.ts); null when never set up.
  `alter table account add column totp_secret text`,
  // null while the secret is being set up (not yet confirmed by a first code).
  `alter table account add column totp_enabled_at timestamptz`,
  // The TOTP time step last accepted: a code is never accepted twice.
  `alter table account add column totp_last_step integer`,
  `create table recovery_code (
     id bigint generated always as identity primary key,
     account_id uuid not null references account(id) on delete cascade,
     code_hash text not null,
     used_at timestamptz,
     created_at timestamptz not null default now()
   )`,
  `create index recovery_code_account_idx on recovery_code (account_id)`,
  // 'full': signed in; 'second_factor': password checked, TOTP code still due;
  // 'enrol': password checked, the account must set up two-factor sign-in first.
  `alter table session add column stage text not null default 'full'
     check (stage in ('full', 'second_factor', 'enrol'))`,
  `create index invitation_organization_idx on invitation (organization_id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    'drop index if exists invitation_organization_idx',
    'alter table session drop column if exists stage',
    'drop table if exists recovery_code',
    'alter table account drop column if exists totp_last_step',
    'alter table account drop column if exists totp_enabled_at',
    'alter table account drop column if exists totp_secret',
  ])
    await sql.raw(statement).execute(db);
}
