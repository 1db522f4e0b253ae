/**
 * `import_source_row`: where each imported row came from (source name + the id the source gave
 * it), a hash of its content as imported and the imported values themselves. A re-import of a
 * newer package compares against it: unchanged rows are skipped, changed ones updated, and a
 * field whose current value differs from the recorded import was edited in Haven and is kept
 * (reported as a conflict). Frozen in time: imports nothing from app/.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table import_source_row (
      table_name text not null,
      row_id uuid not null,
      source text not null,
      source_id text not null,
      content_hash text not null,
      imported_values jsonb not null,
      imported_at timestamptz not null default now(),
      primary key (table_name, row_id)
    )`.execute(db);
  await sql`create index import_source_row_source_idx on import_source_row (source, table_name)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists import_source_row`.execute(db);
}
