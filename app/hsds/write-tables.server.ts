/**
 * Writes every resolved table, parents first, so that one bad row never sinks a package:
 * a row that would break a database constraint is rejected before it is sent (refusalReason),
 * a row the database still refuses is isolated by the writer (savepoints and bisection), and
 * rows that depend on a refused row lose that link (optional) or are rejected in turn
 * (required). Everything refused is reported with its source line and the reason. Rows that
 * pass go through the sync (sync.server.ts): unchanged ones are not sent, edits made in Haven
 * are kept.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import type { IssueLog } from './report';
import type { ResolvedTables, RowSources } from './resolve.server';
import type { Row } from './row-fixes';
import { refusalReason } from './row-schema';
import { prepareSync, recordImported, type SyncConflict } from './sync.server';
import { missingParentReason, TABLE_ORDER, TABLES, type TableName } from './tables';
import { upsertRows, withDefaults, type WriteOptions } from './write.server';

export interface WriteTablesOptions {
  source: string;
  keepVerification: Set<string>;
  onRows?: (table: TableName, done: number, total: number) => void;
}

/** Per table, what the sync did with the rows that passed every check. */
export interface SyncCounts {
  new: number;
  updated: number;
  unchanged: number;
}

export interface WriteResult {
  written: Map<TableName, number>;
  sync: Partial<Record<TableName, SyncCounts>>;
  conflicts: SyncConflict[];
}

/** Writes the tables and removes every refused row from `tables`; returns rows written per table. */
export async function writeTables(
  trx: Kysely<Database>,
  tables: ResolvedTables,
  sources: RowSources,
  log: IssueLog,
  options: WriteTablesOptions,
): Promise<WriteResult> {
  const result: WriteResult = { written: new Map(), sync: {}, conflicts: [] };
  const sourceIdOf = (table: TableName) => (id: string) => sources.get(`${table}|${id}`)?.sourceId;
  const refused = new Map<TableName, Set<string>>(TABLE_ORDER.map((table) => [table, new Set()]));
  const report = (
    table: TableName,
    id: string,
    severity: 'rejected' | 'repaired',
    reason: string,
    column?: string,
  ) => {
    const source = sources.get(`${table}|${id}`) ?? { file: table, line: 0 };
    log.add({ ...source, table, severity, column, reason });
  };
  for (const table of TABLE_ORDER) {
    const kept: Row[] = [];
    for (const row of tables.get(table) ?? []) {
      const reason =
        dependencyProblem(table, row, refused, (column, why) =>
          report(table, String(row.id), 'repaired', why, column),
        ) ?? refusalReason(table, withDefaults(table, row));
      if (reason) {
        report(table, String(row.id), 'rejected', reason);
        refused.get(table)!.add(String(row.id));
      } else kept.push(row);
    }
    let done = 0;
    const writeOptions: WriteOptions = {
      keepVerification: options.keepVerification,
      onRows: (count) => {
        done += count;
        options.onRows?.(table, done, kept.length);
      },
      onRefused: (id, message) => {
        report(table, id, 'rejected', `refused by the database: ${message}`);
        refused.get(table)!.add(id);
      },
    };
    const prepared = await prepareSync(trx, table, kept, sourceIdOf(table), options.keepVerification);
    await upsertRows(trx, table, prepared.write, writeOptions);
    const isWritten = (row: Row) => !refused.get(table)!.has(String(row.id));
    const written = prepared.write.filter(isWritten);
    await recordImported(trx, options.source, table, prepared, written, sourceIdOf(table));
    const stored = kept.filter(isWritten);
    tables.set(table, stored);
    result.written.set(table, stored.length);
    if (kept.length)
      result.sync[table] = {
        new: written.length - prepared.updated,
        updated: prepared.updated,
        unchanged: prepared.unchanged,
      };
    result.conflicts.push(...prepared.conflicts);
  }
  return result;
}

/**
 * A row pointing at a refused row: a required link rejects it (the reason is returned), an
 * optional one is dropped (reported through `dropped`), and a row left with none of the
 * parents it needs is rejected.
 */
function dependencyProblem(
  table: TableName,
  row: Row,
  refused: Map<TableName, Set<string>>,
  dropped: (column: string, reason: string) => void,
): string | null {
  for (const [column, spec] of Object.entries(TABLES[table].columns)) {
    if (spec.kind !== 'ref' || row[column] == null) continue;
    const target = (spec.table ?? row.link_entity) as TableName;
    if (!refused.get(target)?.has(String(row[column]))) continue;
    const why = `${column} points at a ${target} row that was refused`;
    if (spec.required) return why;
    dropped(column, `${why}; link dropped`);
    row[column] = null;
  }
  return missingParentReason(table, row);
}
