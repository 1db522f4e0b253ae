/**
 * The listing editor (issue 12): a temporarily closed service's reopening date, and the link
 * from a revert's audit event to the event it undid (the history page shows "reverted").
 * Frozen in time: imports nothing from app/.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table service add column reopens_on date`.execute(db);
  await sql`alter table service add constraint service_reopens_on_when_closed
              check (reopens_on is null or status = 'temporarily closed')`.execute(db);
  await sql`alter table audit_event add column reverts_event_id bigint
              references audit_event(id) on delete set null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_event drop column if exists reverts_event_id`.execute(db);
  await sql`alter table service drop constraint if exists service_reopens_on_when_closed`.execute(db);
  await sql`alter table service drop column if exists reopens_on`.execute(db);
}
