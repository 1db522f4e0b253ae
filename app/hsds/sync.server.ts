/**
 * Re-import as a sync. Every imported row is recorded in `import_source_row` with its source,
 * source id, a content hash and the values as imported. On the next import of that source:
 * - a row whose hash is unchanged is not sent at all (no write, no version bump, no audit noise);
 * - a changed row is updated, except fields edited in Haven since the last import (their
 *   current value differs from the recorded one): those are kept and, when the package changes
 *   them too, listed as conflicts for an admin to resolve;
 * - with `prune`, services recorded for this source but missing from the package are marked
 *   inactive (never deleted).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';
import { contentKey } from './ids.server';
import type { Row } from './row-fixes';
import { TABLES, type Kind, type TableName } from './tables';
import { withDefaults } from './write.server';

/** A field edited in Haven that a newer package also changes: Haven's value is kept. */
export interface SyncConflict {
  table: TableName;
  id: string;
  sourceId?: string;
  column: string;
  /** The value in Haven (kept). */
  havenValue: unknown;
  /** The value the package brought (not applied). */
  packageValue: unknown;
  /** The value at the previous import. */
  importedValue: unknown;
}

export interface PreparedSync {
  /** Rows to send: new or changed, with fields edited in Haven restored to Haven's values. */
  write: Row[];
  unchanged: number;
  updated: number;
  conflicts: SyncConflict[];
  /** What to record for each row once written: hash and values as the package gave them. */
  records: Map<string, { hash: string; values: Row }>;
}

const CHUNK = 1000;
/** Kinds compared when deciding whether Haven edited a field. */
function same(kind: Kind, a: unknown, b: unknown): boolean {
  if (a == null || b == null) return a == null && b == null;
  switch (kind) {
    case 'int':
    case 'number':
      return Number(a) === Number(b);
    case 'timestamp':
      return new Date(a as string).getTime() === new Date(b as string).getTime();
    case 'date':
      return String(a).slice(0, 10) === String(b).slice(0, 10);
    case 'enum_list':
    case 'text_list':
      return JSON.stringify(a) === JSON.stringify(b);
    default:
      return String(a) === String(b);
  }
}

const UntypedTable = (db: Kysely<Database>) =>
  db as unknown as Kysely<Record<string, Record<string, unknown>>>;

/** Verification is not the package's unless it states it (Haven's own export). */
const VERIFICATION = new Set(['verification_status', 'verified_at']);

/** The values compared and recorded for a row: as stored, without what the package did not state. */
function syncedValues(table: TableName, row: Row, keepVerification: Set<string>): Row {
  const values = withDefaults(table, row);
  if (table === 'organization' && keepVerification.has(String(row.id)))
    for (const column of VERIFICATION) delete values[column];
  return values;
}

export async function prepareSync(
  trx: Kysely<Database>,
  table: TableName,
  rows: Row[],
  sourceIdOf: (id: string) => string | undefined,
  keepVerification: Set<string>,
): Promise<PreparedSync> {
  const prepared: PreparedSync = { write: [], unchanged: 0, updated: 0, conflicts: [], records: new Map() };
  const columns = Object.entries(TABLES[table].columns).filter(([column]) => column !== 'id');
  for (let start = 0; start < rows.length; start += CHUNK) {
    const batch = rows.slice(start, start + CHUNK);
    const ids = batch.map((row) => String(row.id));
    const recorded = new Map(
      (
        await trx
          .selectFrom('import_source_row')
          .select(['row_id', 'content_hash', 'imported_values'])
          .where('table_name', '=', table)
          .where('row_id', 'in', ids)
          .execute()
      ).map((record) => [record.row_id, record]),
    );
    const changed: Row[] = [];
    for (const row of batch) {
      const values = syncedValues(table, row, keepVerification);
      const hash = contentKey(values);
      const record = recorded.get(String(row.id));
      prepared.records.set(String(row.id), { hash, values });
      if (record?.content_hash === hash) prepared.unchanged += 1;
      else if (record) changed.push(row);
      else prepared.write.push(row);
    }
    if (!changed.length) continue;
    const current = new Map(
      (
        await UntypedTable(trx)
          .selectFrom(table)
          .selectAll()
          .where(
            'id',
            'in',
            changed.map((row) => String(row.id)),
          )
          .execute()
      ).map((row) => [String(row.id), row]),
    );
    for (const row of changed) {
      const id = String(row.id);
      const now = current.get(id);
      const before = recorded.get(id)!.imported_values as Row;
      prepared.updated += 1;
      prepared.write.push(row);
      if (!now) continue;
      const incoming = prepared.records.get(id)!.values;
      for (const [column, spec] of columns) {
        if (!(column in incoming) || same(spec.kind, now[column], before[column])) continue;
        // Edited in Haven since the last import: keep it.
        row[column] = now[column];
        if (
          !same(spec.kind, incoming[column], before[column]) &&
          !same(spec.kind, incoming[column], now[column])
        )
          prepared.conflicts.push({
            table,
            id,
            sourceId: sourceIdOf(id),
            column,
            havenValue: now[column],
            packageValue: incoming[column],
            importedValue: before[column],
          });
      }
    }
  }
  return prepared;
}

/** Records what was imported for the rows written (new or changed). */
export async function recordImported(
  trx: Kysely<Database>,
  source: string,
  table: TableName,
  prepared: PreparedSync,
  written: Row[],
  sourceIdOf: (id: string) => string | undefined,
): Promise<void> {
  const values = written.map((row) => {
    const id = String(row.id);
    const record = prepared.records.get(id)!;
    return {
      table_name: table,
      row_id: id,
      source,
      source_id: sourceIdOf(id) ?? id,
      content_hash: record.hash,
      imported_values: JSON.stringify(record.values),
    };
  });
  for (let start = 0; start < values.length; start += CHUNK) {
    await trx
      .insertInto('import_source_row')
      .values(values.slice(start, start + CHUNK))
      .onConflict((conflict) =>
        conflict.columns(['table_name', 'row_id']).doUpdateSet({
          source: sql.ref('excluded.source'),
          source_id: sql.ref('excluded.source_id'),
          content_hash: sql.ref('excluded.content_hash'),
          imported_values: sql.ref('excluded.imported_values'),
          imported_at: sql`now()`,
        }),
      )
      .execute();
  }
}

/**
 * Marks inactive the services this source imported before that are not in `keep` (never
 * deletes). Returns how many changed.
 */
export async function pruneServices(
  trx: Kysely<Database>,
  source: string,
  keep: Set<string>,
): Promise<number> {
  const recorded = await trx
    .selectFrom('import_source_row')
    .innerJoin('service', 'service.id', 'import_source_row.row_id')
    .select('service.id')
    .where('import_source_row.source', '=', source)
    .where('import_source_row.table_name', '=', 'service')
    .where('service.status', '<>', 'inactive')
    .execute();
  const missing = recorded.map((row) => row.id).filter((id) => !keep.has(id));
  for (let start = 0; start < missing.length; start += CHUNK) {
    await trx
      .updateTable('service')
      .set((eb) => ({ status: 'inactive', version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', 'in', missing.slice(start, start + CHUNK))
      .execute();
  }
  return missing.length;
}
