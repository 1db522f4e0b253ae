/**
 * Haven's own taxonomy and taxonomy-term ids become real RFC 4122 version 5 UUIDs (issue 17).
 * Migration 0002 made them md5(key)::uuid, which has no valid version or variant bits, so
 * HSDS clients (and Haven's own API) rejected them as UUIDs. The new id is v5 of the same key
 * ('taxonomy:<name>', 'term:<taxonomy>:<code>') in Haven's fixed namespace.
 *
 * Only ids Haven generated move: a row whose id still equals the md5 of its key. Terms imported
 * from a package keep the id their source gave them. Every reference moves with them, inside
 * the migration's transaction: parent and taxonomy links, attributes, metadata, audit events
 * (entity ids and the before/after documents) and the import ledger (row ids and recorded
 * values). Frozen in time: imports nothing from app/ (the namespace is repeated on purpose).
 */
import { type Kysely, sql } from 'kysely';
import { v5 } from 'uuid';

const HAVEN_NAMESPACE = '6f1d2c3a-7b7e-4f1a-9a4e-5c2b8d0e9f11';

interface Keyed {
  id: string;
  key: string;
  md5: string;
}

/** Every taxonomy and term with the key its Haven id derives from (and that key's md5 id). */
async function keyedRows(db: Kysely<any>): Promise<Keyed[]> {
  const { rows } = await sql<Keyed>`
    select id::text as id, key, md5(key)::uuid::text as md5
    from (select id, 'taxonomy:' || name as key from taxonomy
          union all
          select id, 'term:' || taxonomy || ':' || code from taxonomy_term
          where taxonomy is not null and code is not null) keyed`.execute(db);
  return rows;
}

/** The foreign keys that point at the ids being rewritten (dropped and re-made around it). */
const foreignKeys = [
  [
    'taxonomy_term',
    'taxonomy_term_parent_id_fkey',
    'foreign key (parent_id) references taxonomy_term(id) on delete set null',
  ],
  [
    'taxonomy_term',
    'taxonomy_term_taxonomy_id_fkey',
    'foreign key (taxonomy_id) references taxonomy(id) on delete cascade',
  ],
  [
    'attribute',
    'attribute_taxonomy_term_id_fkey',
    'foreign key (taxonomy_term_id) references taxonomy_term(id) on delete cascade',
  ],
] as const;

/** Rewrites each old id to its new one everywhere Haven stores a taxonomy or term id. */
const TRIGGERED_TABLES = ['taxonomy_term', 'attribute'];

async function rewrite(db: Kysely<any>, pairs: Array<[old: string, replacement: string]>): Promise<void> {
  if (pairs.length === 0) return;
  await sql`create temporary table haven_id_map (old uuid primary key, new uuid not null) on commit drop`.execute(
    db,
  );
  await sql`insert into haven_id_map (old, new)
            select old::uuid, new::uuid
            from unnest(${pairs.map(([old]) => old)}::text[], ${pairs.map(([, replacement]) => replacement)}::text[])
              as pair(old, new)`.execute(db);
  // Ids inside JSON documents (audit before/after, the import ledger's recorded values).
  await sql`create function haven_remap_ids(doc jsonb) returns jsonb language plpgsql as $$
              declare
                text_doc text := doc::text;
                pair record;
              begin
                for pair in select old::text as old, new::text as new from haven_id_map loop
                  text_doc := replace(text_doc, pair.old, pair.new);
                end loop;
                return text_doc::jsonb;
              end $$`.execute(db);
  const anyOld = pairs.map(([old]) => old).join('|');

  for (const [table, name] of foreignKeys)
    await sql.raw(`alter table ${table} drop constraint ${name}`).execute(db);
  // An id carries no meaning for search: search_point and the search text read the terms' codes
  // and names. The only user triggers on these tables are search_point's (migration 0006), so
  // they are held off while ids move; otherwise, at 1M services, the attribute update alone
  // rebuilds every search point (minutes, and search_point loses its clustered order).
  for (const table of TRIGGERED_TABLES)
    await sql.raw(`alter table ${table} disable trigger user`).execute(db);
  const remapColumn = (table: string, column: string, where = sql``) =>
    sql`update ${sql.table(table)} set ${sql.ref(column)} = m.new from haven_id_map m
        where ${sql.ref(`${table}.${column}`)} = m.old ${where}`.execute(db);
  await remapColumn('taxonomy', 'id');
  await remapColumn('taxonomy_term', 'id');
  await remapColumn('taxonomy_term', 'parent_id');
  await remapColumn('taxonomy_term', 'taxonomy_id');
  await remapColumn('attribute', 'taxonomy_term_id');
  await remapColumn('metadata', 'resource_id');
  await remapColumn('audit_event', 'entity_id');
  await remapColumn(
    'import_source_row',
    'row_id',
    sql`and import_source_row.table_name in ('taxonomy', 'taxonomy_term')`,
  );
  for (const table of TRIGGERED_TABLES) await sql.raw(`alter table ${table} enable trigger user`).execute(db);
  for (const [table, name, definition] of foreignKeys) {
    await sql.raw(`alter table ${table} add constraint ${name} ${definition}`).execute(db);
  }

  const remapDocument = (table: string, column: string) =>
    sql`update ${sql.table(table)} set ${sql.ref(column)} = haven_remap_ids(${sql.ref(column)})
        where ${sql.ref(column)}::text ~ ${anyOld}`.execute(db);
  await remapDocument('audit_event', 'before');
  await remapDocument('audit_event', 'after');
  await remapDocument('import_source_row', 'imported_values');
  await sql`drop function haven_remap_ids(jsonb)`.execute(db);
  await sql`drop table haven_id_map`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  const rows = await keyedRows(db);
  await rewrite(
    db,
    rows.filter((row) => row.id === row.md5).map((row) => [row.id, v5(row.key, HAVEN_NAMESPACE)]),
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  const rows = await keyedRows(db);
  await rewrite(
    db,
    rows.filter((row) => row.id === v5(row.key, HAVEN_NAMESPACE)).map((row) => [row.id, row.md5]),
  );
}
