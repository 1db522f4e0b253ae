/**
 * Writes an HSDS 3.0 tabular data package: one CSV per table (columns in tables.ts order) and
 * a datapackage.json whose table schemas mark Haven's extension columns. Used by the exporter
 * and by the demo-data generator, so the seed is exactly what an export looks like.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Row } from './row-fixes';
import { type ColumnSpec, TABLE_ORDER, TABLES, type TableName } from './tables';

/**
 * Table Schema types as HSDS 3.0 declares them. HSDS's whole numbers (ages, year_incorporated,
 * schedule count/interval) are `number`, so Haven's integer columns are declared `number` too.
 */
const FIELD_TYPES: Record<ColumnSpec['kind'], string> = {
  id: 'string',
  ref: 'string',
  foreign_id: 'string',
  text: 'string',
  int: 'number',
  number: 'number',
  bool: 'boolean',
  date: 'date',
  timestamp: 'datetime',
  time: 'time',
  enum: 'string',
  enum_list: 'string',
  text_list: 'string',
};

/**
 * OWASP's CSV-injection rule: a text cell that a spreadsheet would run as a formula (it starts
 * with = + - @, tab or carriage return) is written with a leading apostrophe. Cells that already
 * start with apostrophes before such a character get one more, so the importer's `unescapeCell`
 * (one apostrophe off) gives back exactly what was stored. Numbers are never prefixed.
 */
const FORMULA = /^'*[=+\-@\t\r]/;

export const escapeCell = (text: string) => (FORMULA.test(text) ? `'${text}` : text);
export const unescapeCell = (text: string) =>
  text.startsWith("'") && FORMULA.test(text) ? text.slice(1) : text;

/**
 * The fields HSDS 3.0 requires in each table (its schemas' `required` and `tabular_required`),
 * beyond `id`; tests/conformance checks this list against the vendored schemas. Declared
 * required in datapackage.json; the public export fills or leaves out rows so they hold.
 */
export const HSDS_REQUIRED: Record<string, readonly string[]> = {
  organization: ['name', 'description'],
  service: ['name', 'status', 'organization_id'],
  location: ['location_type'],
  service_at_location: ['service_id', 'location_id'],
  address: ['address_1', 'city', 'state_province', 'postal_code', 'country', 'address_type'],
  phone: ['number'],
  cost_option: ['service_id'],
  taxonomy: ['name', 'description'],
  taxonomy_term: ['name', 'description'],
  attribute: ['link_id', 'taxonomy_term_id', 'link_entity'],
  organization_identifier: ['identifier_type', 'identifier', 'organization_id'],
  metadata: [
    'last_action_date',
    'last_action_type',
    'field_name',
    'previous_value',
    'replacement_value',
    'updated_by',
    'resource_id',
    'resource_type',
  ],
};

/** Columns whose HSDS type differs from how Haven stores them: phone.extension is a number. */
const HSDS_NUMBER_COLUMNS: Record<string, readonly string[]> = { phone: ['extension'] };

/** The tables only the exporter writes (Haven derives them; the importer does not read them). */
export const DERIVED_TABLES: Record<string, { file: string; columns: Record<string, ColumnSpec> }> = {
  organization_identifier: {
    file: 'organization_identifiers',
    columns: {
      id: { kind: 'id' },
      organization_id: { kind: 'ref', table: 'organization' },
      identifier_scheme: { kind: 'text' },
      identifier_type: { kind: 'text' },
      identifier: { kind: 'text' },
    },
  },
  metadata: {
    file: 'metadata',
    columns: {
      id: { kind: 'id' },
      resource_id: { kind: 'text' },
      resource_type: { kind: 'text' },
      last_action_date: { kind: 'date' },
      last_action_type: { kind: 'text' },
      field_name: { kind: 'text' },
      previous_value: { kind: 'text' },
      replacement_value: { kind: 'text' },
      updated_by: { kind: 'text' },
    },
  },
};

function cell(value: unknown, kind: ColumnSpec['kind']): string {
  if (value === null || value === undefined) return '';
  if (kind === 'int' || kind === 'number') return String(value);
  if (Array.isArray(value)) return escapeCell(value.join(','));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return escapeCell(String(value));
}

function fieldSchema(table: string, name: string, spec: ColumnSpec) {
  const constraints: Record<string, unknown> = {};
  if (spec.required || spec.kind === 'id' || HSDS_REQUIRED[table]?.includes(name))
    constraints.required = true;
  const number = HSDS_NUMBER_COLUMNS[table]?.includes(name);
  if (spec.kind === 'id') constraints.unique = true;
  if (spec.kind === 'enum') constraints.enum = spec.values;
  if (spec.min !== undefined) constraints.minimum = spec.min;
  if (spec.max !== undefined) constraints.maximum = spec.max;
  return {
    name,
    type: number ? 'number' : FIELD_TYPES[spec.kind],
    ...(spec.kind === 'id' || spec.kind === 'ref' ? { format: 'uuid' } : {}),
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.extension ? { 'x-haven-extension': true } : {}),
    ...(Object.keys(constraints).length ? { constraints } : {}),
  };
}

/** A number column Haven stores as text (phone.extension "x 204"): its digits, or blank. */
const hsdsNumber = (value: unknown) =>
  typeof value === 'string' ? value.replace(/\D/g, '') : cell(value, 'number');

export interface PackageMeta {
  name: string;
  title: string;
  description: string;
  /** Only the owner may read it: the folder 0700, its files 0600 (exports with confidential data). */
  ownerOnly?: boolean;
}

export async function writeTabularPackage(
  dir: string,
  tables: Map<TableName, Row[]>,
  meta: PackageMeta,
  derived: Map<string, Row[]> = new Map(),
): Promise<void> {
  await mkdir(dir, { recursive: true, mode: meta.ownerOnly ? 0o700 : 0o777 });
  // mkdir neither changes an existing folder nor escapes the umask: set the mode explicitly.
  if (meta.ownerOnly) await chmod(dir, 0o700);
  const write = async (file: string, text: string) => {
    await writeFile(file, text, meta.ownerOnly ? { mode: 0o600 } : {});
    if (meta.ownerOnly) await chmod(file, 0o600);
  };
  const resources = [];
  const written = [
    ...TABLE_ORDER.map((table) => ({
      table: table as string,
      ...TABLES[table],
      rows: tables.get(table) ?? [],
    })),
    ...[...derived].map(([table, rows]) => ({ table, ...DERIVED_TABLES[table]!, rows })),
  ];
  for (const { table, file, columns, rows: tableRows } of written) {
    const names = Object.keys(columns);
    const numbers = HSDS_NUMBER_COLUMNS[table] ?? [];
    const rows = tableRows.map((row) =>
      names.map((name) =>
        numbers.includes(name) ? hsdsNumber(row[name]) : cell(row[name], columns[name]!.kind),
      ),
    );
    await write(path.join(dir, `${file}.csv`), stringify([names, ...rows]));
    const foreignKeys = Object.entries(columns)
      .filter(([, spec]) => spec.kind === 'ref' && spec.table)
      .map(([name, spec]) => ({ fields: name, reference: { resource: spec.table, fields: 'id' } }));
    resources.push({
      name: table,
      path: `${file}.csv`,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      schema: {
        fields: Object.entries(columns).map(([name, spec]) => fieldSchema(table, name, spec)),
        primaryKey: 'id',
        ...(foreignKeys.length ? { foreignKeys } : {}),
      },
    });
  }
  const descriptor = {
    profile: 'tabular-data-package',
    name: meta.name,
    title: meta.title,
    description: meta.description,
    version: '3.0',
    homepage: 'https://docs.openreferral.org/en/latest/',
    'x-haven-extension': {
      description:
        'Haven extends HSDS 3.0 with the columns marked "x-haven-extension": verification of organizations, ' +
        'confidential locations with a public point, delivery modes, remote coverage areas, IANA time zones ' +
        'for schedules and a sample-data flag. Consumers that do not know them can ignore them.',
      documentation: 'docs/hsds-import.md',
    },
    resources,
  };
  await write(path.join(dir, 'datapackage.json'), `${JSON.stringify(descriptor, null, 2)}\n`);
}
