/**
 * zod schemas for cleaned rows, built from the table descriptions in tables.ts, plus the
 * database's multi-column CHECK constraints (ROW_CHECKS): together every constraint a row must
 * hold before it may be sent to the database (types, ranges, enums, required fields, pairs).
 */
import { z } from 'zod';
import { type ColumnSpec, ROW_CHECKS, TABLES, type TableName } from './tables';

/** PostgreSQL `integer`. */
const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;

const TIME = /^(([01]\d|2[0-3]):[0-5]\d:[0-5]\d|24:00:00)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function columnSchema(spec: ColumnSpec): z.ZodType {
  switch (spec.kind) {
    case 'int':
    case 'number': {
      let schema = spec.kind === 'int' ? z.number().int() : z.number();
      const min = spec.min ?? (spec.kind === 'int' ? INT_MIN : undefined);
      const max = spec.max ?? (spec.kind === 'int' ? INT_MAX : undefined);
      if (min !== undefined) schema = schema.min(min, `must be at least ${min}`);
      if (max !== undefined) schema = schema.max(max, `must be at most ${max}`);
      return schema;
    }
    case 'bool':
      return z.boolean();
    case 'date':
      return z.string().regex(DATE, 'must be a date YYYY-MM-DD');
    case 'timestamp':
      return z.iso.datetime({ offset: true });
    case 'time':
      return z.string().regex(TIME, 'must be a time HH:MM:SS');
    case 'enum':
      return z.enum(spec.values as [string, ...string[]]);
    case 'enum_list':
      return z.array(z.enum(spec.values as [string, ...string[]])).min(1);
    case 'text_list':
      return z.array(z.string().regex(/^[A-Z]{2}$/, 'must be two-letter US state codes')).min(1);
    default: {
      const schema = spec.required ? z.string().min(1, 'is required') : z.string();
      return spec.pattern ? schema.regex(new RegExp(spec.pattern), `must match ${spec.pattern}`) : schema;
    }
  }
}

const cache = new Map<TableName, z.ZodObject>();

/** The schema of one table's cleaned row; optional columns accept null. */
export function rowSchema(table: TableName): z.ZodObject {
  let schema = cache.get(table);
  if (!schema) {
    const shape: Record<string, z.ZodType> = {};
    for (const [name, spec] of Object.entries(TABLES[table].columns)) {
      const base = columnSchema(spec);
      shape[name] = spec.required ? base : base.nullable().optional();
    }
    schema = z.object(shape);
    cache.set(table, schema);
  }
  return schema;
}

/** The multi-column checks a row breaks (source rows: without the importer's `final` ones). */
export function failedRowChecks(table: TableName, row: Record<string, unknown>, final = false): string[] {
  return (ROW_CHECKS[table] ?? [])
    .filter((check) => (final || !check.final) && !check.holds(row))
    .map((check) => check.message);
}

/**
 * Why a row about to be written would be refused by the database (column and row checks), or
 * null. The last guard before the write, so a bad row is reported, never sent.
 */
export function refusalReason(table: TableName, row: Record<string, unknown>): string | null {
  const result = rowSchema(table).safeParse(row);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.') || 'row'} ${issue.message}`);
  problems.push(...failedRowChecks(table, row, true));
  return problems.length ? problems.join('; ') : null;
}
