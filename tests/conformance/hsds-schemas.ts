/**
 * ajv over the vendored HSDS 3.0 JSON schemas (tests/fixtures/hsds-3.0-schema, CC BY-SA 4.0):
 * one validator per HSDS object, and per table row of a tabular package (the object's scalar
 * fields, with the fields HSDS requires in tabular form added to `required`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const DIR = fileURLToPath(new URL('../fixtures/hsds-3.0-schema/', import.meta.url));

interface HsdsSchema {
  properties: Record<string, { type?: string; format?: string; $ref?: string }>;
  required?: string[];
  tabular_required?: string[];
}

export const SCHEMAS: Record<string, HsdsSchema> = Object.fromEntries(
  readdirSync(DIR)
    .filter((file) => file.endsWith('.json') && file !== 'openapi.json')
    .map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(DIR + file, 'utf8')) as HsdsSchema]),
);

function newAjv() {
  // strict off: the HSDS schemas carry Table Schema keywords (constraints, datapackage_type…).
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

const objects = newAjv();
for (const [name, schema] of Object.entries(SCHEMAS)) objects.addSchema(schema, `${name}.json`);

const rows = newAjv();
const rowValidators = new Map<string, ValidateFunction>();

/** The validator of a nested HSDS object (service, organization, taxonomy_term…). */
export function objectValidator(name: string): ValidateFunction {
  const validate = objects.getSchema(`${name}.json`);
  if (!validate) throw new Error(`no HSDS schema ${name}`);
  return validate;
}

/** The validator of a table row: scalar fields only, `required` plus `tabular_required`. */
export function rowValidator(table: string): ValidateFunction {
  const cached = rowValidators.get(table);
  if (cached) return cached;
  const schema = SCHEMAS[table];
  if (!schema) throw new Error(`no HSDS schema ${table}`);
  const scalar = Object.fromEntries(
    Object.entries(schema.properties).filter(([, p]) => p.type !== 'array' && p.type !== 'object' && !p.$ref),
  );
  const validate = rows.compile({
    type: 'object',
    properties: scalar,
    required: [...new Set([...(schema.required ?? []), ...(schema.tabular_required ?? [])])],
  });
  rowValidators.set(table, validate);
  return validate;
}

/** Readable violations of one value (empty when valid). */
export function violations(validate: ValidateFunction, value: unknown, where: string): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (e: ErrorObject) => `${where}${e.instancePath}: ${e.message ?? 'invalid'} ${JSON.stringify(e.params)}`,
  );
}

/** A CSV row as the JSON object HSDS's schema describes: blanks absent, numbers as numbers. */
export function rowObject(table: string, row: Record<string, string>): Record<string, unknown> {
  const properties = SCHEMAS[table]?.properties ?? {};
  const object: Record<string, unknown> = {};
  for (const [column, text] of Object.entries(row)) {
    if (text === '') continue;
    const type = properties[column]?.type;
    object[column] = type === 'number' || type === 'integer' ? Number(text) : text;
  }
  return object;
}
