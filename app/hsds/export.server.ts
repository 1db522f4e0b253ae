/**
 * The HSDS exporter: every table as an HSDS 3.0 tabular package with Haven's extension
 * columns. Confidential locations leave the building only as their public point and area:
 * no street address, no exact coordinates — unless the caller explicitly asks for them
 * (`--include-confidential`, for moving a deployment's own data).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';

/** Any table, any column: for code that is generic over tables (columns come from tables.ts). */
type UntypedDatabase = Record<string, Record<string, unknown>>;
import { writeTabularPackage } from './package-writer.server';
import type { Row } from './row-fixes';
import { columnNames, TABLE_ORDER, type TableName } from './tables';

export interface ExportOptions {
  includeConfidential?: boolean;
  name?: string;
}

/** Every row of every exported table, ordered by id, with the columns tables.ts lists. */
export async function readTables(db: Kysely<Database>): Promise<Map<TableName, Row[]>> {
  const tables = new Map<TableName, Row[]>();
  // Generic over tables (column lists come from tables.ts), so the query is untyped here.
  const untyped = db as unknown as Kysely<UntypedDatabase>;
  for (const table of TABLE_ORDER) {
    const rows = await untyped.selectFrom(table).select(columnNames(table)).orderBy('id').execute();
    tables.set(table, rows as Row[]);
  }
  return tables;
}

const ADDRESS_LINES = ['attention', 'address_1', 'address_2'];

/** Replaces confidential locations' exact point and street address with their public area. */
export function redactConfidential(tables: Map<TableName, Row[]>): number {
  const confidential = new Set<string>();
  for (const location of tables.get('location') ?? []) {
    if (location.is_confidential !== true) continue;
    confidential.add(String(location.id));
    location.latitude = location.public_latitude;
    location.longitude = location.public_longitude;
    location.geocode_source = location.public_latitude == null ? 'missing' : 'gazetteer';
  }
  for (const address of tables.get('address') ?? []) {
    if (!confidential.has(String(address.location_id))) continue;
    for (const column of ADDRESS_LINES) address[column] = column === 'address_1' ? '' : null;
  }
  return confidential.size;
}

export interface ExportSummary {
  dir: string;
  tables: Partial<Record<TableName, number>>;
  confidentialLocations: number;
  includeConfidential: boolean;
}

export async function exportHsds(
  db: Kysely<Database>,
  dir: string,
  options: ExportOptions = {},
): Promise<ExportSummary> {
  const tables = await readTables(db);
  const confidentialLocations = options.includeConfidential
    ? (tables.get('location') ?? []).filter((location) => location.is_confidential === true).length
    : redactConfidential(tables);
  await writeTabularPackage(dir, tables, {
    name: options.name ?? 'haven-export',
    title: 'Haven directory export (HSDS 3.0)',
    description: options.includeConfidential
      ? 'Full export INCLUDING exact addresses and coordinates of confidential locations. Handle with care.'
      : 'Public export: confidential locations carry only their public area point, no street address.',
  });
  const counts: ExportSummary['tables'] = {};
  for (const [table, rows] of tables) counts[table] = rows.length;
  return { dir, tables: counts, confidentialLocations, includeConfidential: !!options.includeConfidential };
}
