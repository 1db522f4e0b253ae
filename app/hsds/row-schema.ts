/**
 * zod schemas for cleaned rows, built from the table descriptions in tables.ts: the last
 * check before a row may be written (types, ranges, enums, required fields).
 */
import { z } from 'zod';
import { type ColumnSpec, TABLES, type TableName } from './tables';

const TIME = /^(([01]\d|2[0-3]):[0-5]\d:[0-5]\d|24:00:00)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function columnSchema(spec: ColumnSpec): z.ZodType {
  switch (spec.kind) {
    case 'int':
    case 'number': {
      let schema = spec.kind === 'int' ? z.number().int() : z.number();
      if (spec.min !== undefined) schema = schema.min(spec.min, `must be at least ${spec.min}`);
      if (spec.max !== undefined) schema = schema.max(spec.max, `must be at most ${spec.max}`);
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
