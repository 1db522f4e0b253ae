/**
 * Issue 12, journeys 6–7: public corrections and freshness reminders.
 *
 * Public corrections reuse the `suggestion` table made for them in 0003 (DESIGN.md §4 names
 * "suggestions (public corrections)"): it gains the kind the reporter picked, `spam` as an
 * outcome and the handler's reason. There is deliberately no column for anything about the
 * reporter (no address, no agent, no email): the rate limit works on a salted, short-lived
 * hash held in memory (app/corrections/rate-limit.server.ts), never stored.
 *
 * `freshness_reminder` makes `npm run listings:remind` idempotent: one row per owner and
 * period (a calendar month, UTC), so a second run in the same month sends nothing.
 * Frozen in time: imports nothing from app/.
 */
import { type Kysely, sql } from 'kysely';

const statements = [
  `alter table suggestion add column kind text not null default 'other'
     check (kind in ('phone', 'closed', 'moved', 'other'))`,
  `alter table suggestion add column decision_reason text check (length(decision_reason) <= 2000)`,
  // The note is optional except for "other" (then it is the whole report).
  'alter table suggestion drop constraint suggestion_body_check',
  `alter table suggestion add constraint suggestion_body_check
     check (length(body) <= 4000 and (kind <> 'other' or length(btrim(body)) > 0))`,
  'alter table suggestion drop constraint suggestion_status_check',
  `alter table suggestion add constraint suggestion_status_check
     check (status in ('open', 'accepted', 'dismissed', 'spam'))`,
  // The two queues: an organization's open reports, and everyone's (admins), newest first.
  'create index suggestion_organization_queue_idx on suggestion (organization_id, status, created_at)',
  'create index suggestion_queue_idx on suggestion (status, created_at)',
  'create index suggestion_service_idx on suggestion (service_id, created_at)',

  `create table freshness_reminder (
     account_id uuid not null references account(id) on delete cascade,
     period text not null check (period ~ '^[0-9]{4}-[0-9]{2}$'),
     services integer not null check (services > 0),
     sent_at timestamptz not null default now(),
     primary key (account_id, period)
   )`,
  // The stale-listing report and the reminder job read services by age of confirmation.
  'create index service_last_verified_idx on service (organization_id, last_verified_at)',
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    'drop index if exists service_last_verified_idx',
    'drop table if exists freshness_reminder',
    'drop index if exists suggestion_service_idx',
    'drop index if exists suggestion_queue_idx',
    'drop index if exists suggestion_organization_queue_idx',
    "delete from suggestion where status = 'spam'",
    'alter table suggestion drop constraint suggestion_status_check',
    `alter table suggestion add constraint suggestion_status_check
       check (status in ('open', 'accepted', 'dismissed'))`,
    'delete from suggestion where length(btrim(body)) = 0',
    'alter table suggestion drop constraint suggestion_body_check',
    `alter table suggestion add constraint suggestion_body_check
       check (length(btrim(body)) > 0 and length(body) <= 4000)`,
    'alter table suggestion drop column if exists decision_reason',
    'alter table suggestion drop column if exists kind',
  ])
    await sql.raw(statement).execute(db);
}
