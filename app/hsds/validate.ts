/**
 * Cleans and validates every raw row of a normalised package: cell cleaning (clean.ts),
 * table-specific repairs (row-fixes.ts), then the zod row schema. An invalid optional cell is
 * dropped and reported as a repair; an invalid required cell rejects the row. Duplicate ids
 * are resolved here too (first row wins; nested JSON copies of one object are merged).
 */
import { readConfidentialFlag } from '../locations/confidential';
import { cleanValue } from './clean';
import { contentKey } from './ids.server';
import type { RawRow } from './raw-package';
import type { IssueLog } from './report';
import { type CellErrors, fixCoordinates, fixRow, type Row } from './row-fixes';
import { interpretLanguageRow } from './languages';
import { failedRowChecks, rowSchema } from './row-schema';
import { TABLES, type TableName } from './tables';

export interface CleanRow {
  table: TableName;
  /** The id as given (trimmed), or a content key for rows with a blank id. */
  sourceId: string;
  data: Row;
  ref: RawRow['ref'];
  nested: boolean;
  /** A language row whose text names no language: kept as this note on its parent instead. */
  note?: string;
  /** Made by the importer for rows pointing at an organization the package lacks. */
  placeholder?: boolean;
}

type Report = (column: string | undefined, reason: string, value?: unknown) => void;

const show = (value: unknown) => (value === null || value === undefined ? undefined : String(value));

export function validateTable(table: TableName, rows: RawRow[], log: IssueLog): Map<string, CleanRow> {
  const spec = TABLES[table].columns;
  const accepted = new Map<string, CleanRow>();
  const unknownReported = new Set<string>();

  for (const raw of rows) {
    const rawId = show(raw.values.id)?.trim() ?? '';
    const base = { ...raw.ref, table, sourceId: rawId || undefined };
    const note = (column: string | undefined, reason: string, value?: unknown) =>
      log.add({ ...base, severity: 'repaired', column, reason, value: show(value) });
    const reject = (column: string | undefined, reason: string, value?: unknown) =>
      log.add({ ...base, severity: 'rejected', column, reason, value: show(value) });

    for (const column of Object.keys(raw.values)) {
      if (!(column in spec) && !unknownReported.has(`${raw.ref.file}|${column}`) && !raw.nested) {
        unknownReported.add(`${raw.ref.file}|${column}`);
        log.add({
          ...raw.ref,
          table,
          severity: 'warning',
          column,
          reason: `column "${column}" is not part of HSDS ${table}; ignored`,
        });
      }
    }

    const data: Row = {};
    const errors: CellErrors = new Map();
    for (const [column, columnSpec] of Object.entries(spec)) {
      const cleaned = cleanValue(columnSpec, raw.values[column]);
      if (cleaned.ok) {
        data[column] = cleaned.value;
        if (cleaned.repair && !raw.nested) note(column, cleaned.repair, raw.values[column]);
      } else {
        data[column] = null;
        errors.set(column, { error: cleaned.error, raw: raw.values[column] });
      }
    }
    fixRow(table, data, errors, note);
    if (table === 'location') {
      // Fail closed (DESIGN.md §6): an unclear confidentiality flag makes the place confidential.
      const flag = readConfidentialFlag(raw.values.is_confidential);
      data.is_confidential = flag.confidential;
      errors.delete('is_confidential');
      if (flag.unclear)
        log.add({
          ...base,
          severity: 'warning',
          column: 'is_confidential',
          reason: flag.unclear,
          value: show(raw.values.is_confidential),
        });
    }

    let rejected = false;
    for (const [column, { error, raw: value }] of errors) {
      if (spec[column]?.required) {
        reject(column, error, value);
        rejected = true;
      } else {
        note(column, `${error}; dropped`, value);
      }
    }
    if (rejected) continue;

    if (table !== 'language') {
      accept(data, rawId, raw, reject, note);
      continue;
    }
    const outcome = interpretLanguageRow(data);
    for (const repair of outcome.repairs) note(repair.column, repair.reason, repair.value);
    if (outcome.note !== undefined) {
      const sourceId = rawId || `#row:${contentKey(data)}`;
      accepted.set(sourceId, {
        table,
        sourceId,
        data,
        ref: raw.ref,
        nested: !!raw.nested,
        note: outcome.note,
      });
      continue;
    }
    outcome.rows.forEach((row, index) =>
      accept(row, rawId && index > 0 ? `${rawId}#${String(row.code)}` : rawId, raw, reject, note),
    );
  }
  return accepted;

  function accept(data: Row, rawId: string, raw: RawRow, reject: Report, note: Report): void {
    // zod: ranges, enums, required fields. Optional offenders are dropped, then checked again.
    let result = rowSchema(table).safeParse(data);
    if (!result.success) {
      let rejected = false;
      for (const issue of result.error.issues) {
        const column = String(issue.path[0] ?? '');
        if (spec[column]?.required || !column) {
          const message = data[column] == null ? 'is required' : issue.message;
          reject(column || undefined, `${column || 'row'} ${message}`, data[column]);
          rejected = true;
        } else {
          note(column, `${column} ${issue.message}; dropped`, data[column]);
          data[column] = null;
        }
      }
      if (rejected) return;
      result = rowSchema(table).safeParse(data);
      if (!result.success) {
        reject(undefined, result.error.issues.map((issue) => issue.message).join('; '));
        return;
      }
    }
    if (table === 'location') {
      fixCoordinates(data, note);
      fixCoordinates(data, note, 'public_latitude', 'public_longitude');
    }
    const broken = failedRowChecks(table, data);
    if (broken.length) {
      reject(undefined, broken.join('; '));
      return;
    }

    let sourceId = rawId;
    if (!sourceId) {
      const { id: _ignored, ...content } = data;
      sourceId = `#row:${contentKey(content)}`;
      note('id', 'blank id; a stable id was derived from the row content');
    }
    data.id = sourceId;

    const first = accepted.get(sourceId);
    if (!first) {
      accepted.set(sourceId, { table, sourceId, data, ref: raw.ref, nested: !!raw.nested });
    } else if (raw.nested && first.nested) {
      // The same JSON object under several parents (a phone under its service and location):
      // one row, with every parent link it was given.
      for (const [column, value] of Object.entries(data))
        if (first.data[column] == null && value != null) first.data[column] = value;
    } else {
      const identical = JSON.stringify(first.data) === JSON.stringify(data);
      reject(
        'id',
        identical
          ? `duplicate row (same as line ${first.ref.line}); skipped`
          : `duplicate id (first used on line ${first.ref.line}); this row was skipped`,
        rawId,
      );
    }
  }
}

/** Where a language row's note goes on each kind of parent, first parent found wins. */
const NOTE_TARGETS: Array<{ column: string; table: TableName; field: string }> = [
  { column: 'service_id', table: 'service', field: 'interpretation_services' },
  { column: 'phone_id', table: 'phone', field: 'description' },
  { column: 'location_id', table: 'location', field: 'description' },
];

/**
 * Language rows whose text names no language ("other languages available upon request") are
 * kept as text on their parent in the package; without one there, they are rejected.
 */
export function foldLanguageNotes(validated: Map<TableName, Map<string, CleanRow>>, log: IssueLog): void {
  const languages = validated.get('language');
  for (const [sourceId, row] of languages ?? []) {
    if (row.note === undefined) continue;
    languages!.delete(sourceId);
    const base = { ...row.ref, table: 'language', sourceId: sourceId.startsWith('#') ? undefined : sourceId };
    const target = NOTE_TARGETS.find(
      ({ column, table }) => row.data[column] != null && validated.get(table)?.has(String(row.data[column])),
    );
    if (!target) {
      log.add({
        ...base,
        severity: 'rejected',
        reason:
          'names no language, and its service, phone or location is not in the package to keep it as a note',
        value: row.note,
      });
      continue;
    }
    const parent = validated.get(target.table)!.get(String(row.data[target.column]))!.data;
    const current = typeof parent[target.field] === 'string' ? String(parent[target.field]) : '';
    if (!current.includes(row.note)) parent[target.field] = [current, row.note].filter(Boolean).join('\n');
    log.add({
      ...base,
      severity: 'repaired',
      reason: `names no language; kept as a note in ${target.table}.${target.field}`,
      value: row.note,
    });
  }
}
