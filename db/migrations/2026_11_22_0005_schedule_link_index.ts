/**
 * Index for schedules attached to a service at a location: search reads a page's hours by
 * service, by location and by service_at_location; without this the last one scans the table.
 * Frozen in time: imports nothing from app/.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index schedule_service_at_location_idx on schedule (service_at_location_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists schedule_service_at_location_idx`.execute(db);
}
