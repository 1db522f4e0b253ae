/**
 * Keyword-only search at 1M services: two indexes that let the ranking read a bounded set of
 * candidates instead of every match (app/search/nearby.server.ts, `listedCandidates`).
 *
 * Why (docs/PERFORMANCE.md, "Keyword only"): ranking every match with ts_rank read the heap row
 * of each of them — 120k rows for `immigration visa` at 1M, 0.3 s on PostgreSQL, 0.38 s on
 * PGlite. The ranking now takes the first matches in name order (walking
 * `service_name_order_idx`, which stops after a few hundred rows for a common word; a rare word
 * is read through the GIN index as before) plus the first matches whose *name* carries the
 * words (`service_name_vector_idx`), and orders those by ts_rank.
 *
 * The name vector is an expression index over the same text and configurations as the name's
 * part of `service.search_vector`, so nothing has to keep it in step: PostgreSQL maintains it
 * with the row. The expression must stay identical to `nameVector` in app/search.
 * Frozen in time: imports nothing from app/.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    'create index service_name_order_idx on service (name, id)',
    `create index service_name_vector_idx on service using gin ((
       to_tsvector('english'::regconfig, haven_unaccent(name)) ||
       to_tsvector('spanish'::regconfig, haven_unaccent(name))))`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of ['drop index service_name_vector_idx', 'drop index service_name_order_idx'])
    await sql.raw(statement).execute(db);
}
