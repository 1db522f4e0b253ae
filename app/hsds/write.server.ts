/**
 * Writes resolved rows: batched multi-row upserts by id, inside the caller's transaction.
 * A row whose content is unchanged is not touched at all (the update's WHERE compares every
 * column with IS DISTINCT FROM), so re-importing a package changes nothing — not even
 * updated_at or the optimistic-concurrency version.
 *
 * Each batch runs under a savepoint. If the database refuses a batch for its data (SQLSTATE
 * class 22 or 23), the batch is rolled back to the savepoint and split in halves until the
 * refused rows are alone; those are handed to `onRefused` with the database's reason and the
 * rest is written. Any other error (connection, syntax) still aborts the whole import.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';

/** Any table, any column: for code that is generic over tables (columns come from tables.ts). */
type UntypedDatabase = Record<string, Record<string, unknown>>;
import type { Row } from './row-fixes';
import { columnNames, type TableName } from './tables';

/** Columns that are NOT NULL with a default in the schema: a missing value takes the default. */
const DEFAULTS: Partial<Record<TableName, Row>> = {
  organization: { description: '', is_sample: false },
  service: { description: '', status: 'active', delivery: ['in_person'] },
  location: { location_type: 'physical', is_confidential: false },
  address: {
    address_1: '',
    city: '',
    state_province: '',
    postal_code: '',
    country: 'US',
    address_type: 'physical',
  },
  taxonomy: { description: '' },
  taxonomy_term: { description: '' },
};

const VERSIONED = new Set<TableName>(['organization', 'service', 'location']);
const VERIFICATION = ['verification_status', 'verified_at'];
const MAX_PARAMETERS = 30_000;

export interface WriteOptions {
  /** Organizations whose verification the package did not state: an update keeps the current one. */
  keepVerification?: Set<string>;
  onRows?: (count: number) => void;
  /** A row the database refused (by id), with its message; without it a refusal throws. */
  onRefused?: (id: string, reason: string) => void;
}

/** The row as it will be stored: missing values take the column's default. */
export function withDefaults(table: TableName, row: Row): Row {
  const defaults = DEFAULTS[table] ?? {};
  return Object.fromEntries(
    columnNames(table).map((column) => [column, row[column] ?? defaults[column] ?? null]),
  );
}

/** A data error (22xxx) or an integrity violation (23xxx): the row, not the import, is at fault. */
function isRowError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

export async function upsertRows(
  trx: Kysely<Database>,
  table: TableName,
  rows: Row[],
  options: WriteOptions = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = columnNames(table);
  const values = rows.map((row) => withDefaults(table, row));
  if (table === 'organization' && options.keepVerification?.size) {
    const keep = options.keepVerification;
    const stated = values.filter((row) => !keep.has(String(row.id)));
    const unstated = values.filter((row) => keep.has(String(row.id)));
    await writeBatches(trx, table, stated, columns, columns, options);
    await writeBatches(
      trx,
      table,
      unstated,
      columns,
      columns.filter((c) => !VERIFICATION.includes(c)),
      options,
    );
    return;
  }
  await writeBatches(trx, table, values, columns, columns, options);
}

async function writeBatches(
  trx: Kysely<Database>,
  table: TableName,
  values: Row[],
  columns: string[],
  updatable: string[],
  options: WriteOptions,
) {
  // The writer is generic over tables, so it talks to Kysely untyped; the column lists come
  // from tables.ts, which mirrors db/types.ts.
  const db = trx as unknown as Kysely<UntypedDatabase>;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const update = updatable.filter((column) => column !== 'id');
  const insert = (batch: Row[]) =>
    db
      .insertInto(table)
      .values(batch)
      .onConflict((conflict) =>
        conflict
          .column('id')
          .doUpdateSet(() => {
            const set: Record<string, unknown> = {};
            for (const column of update) set[column] = sql.ref(`excluded.${column}`);
            if (VERSIONED.has(table)) {
              set.version = sql`${sql.ref(`${table}.version`)} + 1`;
              set.updated_at = sql`now()`;
            }
            return set;
          })
          .where(
            sql<boolean>`(${sql.join(update.map((c) => sql.ref(`${table}.${c}`)))}) is distinct from (${sql.join(update.map((c) => sql.ref(`excluded.${c}`)))})`,
          ),
      )
      .execute();
  const write = async (batch: Row[]): Promise<void> => {
    if (!options.onRefused) {
      await insert(batch);
      return;
    }
    await sql`savepoint import_batch`.execute(trx);
    try {
      await insert(batch);
      await sql`release savepoint import_batch`.execute(trx);
    } catch (error) {
      await sql`rollback to savepoint import_batch`.execute(trx);
      await sql`release savepoint import_batch`.execute(trx);
      if (!isRowError(error)) throw error;
      if (batch.length === 1) {
        options.onRefused(String(batch[0]!.id), (error as Error).message);
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await write(batch.slice(0, half));
      await write(batch.slice(half));
    }
  };
  for (let start = 0; start < values.length; start += size) {
    const batch = values.slice(start, start + size);
    await write(batch);
    options.onRows?.(batch.length);
  }
}
