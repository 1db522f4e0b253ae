/**
 * The import report: every rejected or repaired row with file, line, column and reason,
 * plus per-table counts. Serialisable as-is for `--report report.json`.
 */
import type { Placeholder } from './placeholders.server';
import type { SyncConflict } from './sync.server';
import type { SyncCounts } from './write-tables.server';
import { TABLE_ORDER, type TableName } from './tables';

export type Severity = 'rejected' | 'repaired' | 'warning';

export interface SourceRef {
  /** File inside the package (e.g. "services.csv") or the JSON file name. */
  file: string;
  /** 1-based line in a CSV or NDJSON file; 1-based record number in a JSON array. */
  line: number;
  /** For nested JSON: where in the record, e.g. "contents[0].phones[1]". */
  path?: string;
}

export interface ImportIssue extends SourceRef {
  severity: Severity;
  table: TableName | string;
  column?: string;
  /** The row's id as given in the source (may be blank). */
  sourceId?: string;
  reason: string;
  /** The offending value, shortened. */
  value?: string;
}

/**
 * Per table: rows read from the package, and what became of each — `imported` (as a row, as
 * several rows when free text named several languages, or as a note on its parent) or
 * `rejected`. imported + rejected = read.
 */
export interface TableCounts {
  read: number;
  imported: number;
  rejected: number;
  /** Rows the importer made that the package did not hold (placeholders, main locations). */
  created?: number;
}

/** Counts per table: a source row with any rejection issue is rejected, every other one imported. */
export function tableCounts(
  read: Map<TableName, number>,
  written: Map<TableName, number>,
  log: IssueLog,
  created: Partial<Record<TableName, number>> = {},
): Partial<Record<TableName, TableCounts>> {
  const rejectedRows = new Map<string, Set<string>>();
  for (const issue of log.issues) {
    if (issue.severity !== 'rejected') continue;
    const rows = rejectedRows.get(issue.table) ?? new Set<string>();
    rows.add(`${issue.file}|${issue.line}|${issue.path ?? ''}`);
    rejectedRows.set(issue.table, rows);
  }
  const tables: Partial<Record<TableName, TableCounts>> = {};
  for (const table of TABLE_ORDER) {
    const rows = read.get(table) ?? 0;
    const rejected = Math.min(rows, rejectedRows.get(table)?.size ?? 0);
    if (rows || written.get(table))
      tables[table] = {
        read: rows,
        imported: rows - rejected,
        rejected,
        ...(created[table] ? { created: created[table] } : {}),
      };
  }
  return tables;
}

export interface ImportReport {
  source: string;
  format: 'tabular' | 'json';
  startedAt: string;
  durationMs: number;
  pending: boolean;
  tables: Partial<Record<TableName, TableCounts>>;
  /** Files present in the package that Haven does not store (programs, funding …). */
  ignoredFiles: Array<{ file: string; rows: number; reason: string }>;
  /** Issue counts by severity, table and reason, most frequent first. */
  summary: Array<{ severity: Severity; table: string; reason: string; count: number }>;
  issues: ImportIssue[];
  /** Organizations made up for ids the package points at but does not describe. */
  placeholders: Placeholder[];
  /** True when nothing was written (`--dry-run`). */
  dryRun: boolean;
  /** Per table: rows new to Haven, updated, and unchanged since the last import (not sent). */
  sync: Partial<Record<TableName, SyncCounts>>;
  /** Fields edited in Haven since the last import that the package also changes: Haven's kept. */
  conflicts: SyncConflict[];
  /** Services of this source missing from the package, marked inactive (`--prune`). */
  pruned: { service: number };
  fatal?: string;
}

export class IssueLog {
  readonly issues: ImportIssue[] = [];

  add(issue: ImportIssue) {
    if (issue.value !== undefined && issue.value.length > 120)
      issue.value = `${issue.value.slice(0, 117)}...`;
    this.issues.push(issue);
  }

  summary(): ImportReport['summary'] {
    const counts = new Map<string, ImportReport['summary'][number]>();
    for (const issue of this.issues) {
      // Group by the reason's wording without quoted values, so "unknown value "x"" groups together.
      // Numbers too (line numbers, ZIPs), so a 100k-row problem list stays a few dozen kinds.
      const reason = issue.reason
        .replace(/"[^"]*"/g, '…')
        .replace(/\b[0-9a-f-]{36}\b/g, '…')
        .replace(/\d+/g, 'N');
      const key = `${issue.severity}|${issue.table}|${reason}`;
      const entry = counts.get(key) ?? {
        severity: issue.severity,
        table: issue.table,
        reason: `${issue.table}: ${reason}`,
        count: 0,
      };
      entry.count += 1;
      counts.set(key, entry);
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }
}

/** Thrown for problems that stop the whole import (nothing is written). */
export class ImportError extends Error {
  constructor(
    message: string,
    public readonly code: 'unreadable' | 'too-large' | 'empty' | 'database',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ImportError';
  }
}
