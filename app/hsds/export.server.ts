/**
 * The HSDS exporter: every table as an HSDS 3.0 tabular package with Haven's extension
 * columns. Confidential locations leave the building only in their public form (the one
 * projection, app/locations/public-location.server.ts) — unless the caller explicitly asks for
 * everything (`--include-confidential`, for moving a deployment's own data).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';

/** Any table, any column: for code that is generic over tables (columns come from tables.ts). */
type UntypedDatabase = Record<string, Record<string, unknown>>;
import { publicTables } from '../locations/public-location.server';
import { writeTabularPackage } from './package-writer.server';
import type { Row } from './row-fixes';
import { columnNames, TABLE_ORDER, type TableName } from './tables';

export interface ExportOptions {
  includeConfidential?: boolean;
  name?: string;
}

/**
 * Every row of every exported table, ordered by id, with the columns tables.ts lists. With
 * `publicOnly`, the street lines of confidential locations are not even read.
 */
export async function readTables(
  db: Kysely<Database>,
  options: { publicOnly?: boolean } = {},
): Promise<Map<TableName, Row[]>> {
  const tables = new Map<TableName, Row[]>();
  // Generic over tables (column lists come from tables.ts), so the query is untyped here.
  const untyped = db as unknown as Kysely<UntypedDatabase>;
  for (const table of TABLE_ORDER) {
    let query = untyped.selectFrom(table).select(columnNames(table)).orderBy('id');
    if (options.publicOnly && table === 'address')
      query = query.where(
        sql<boolean>`not exists (select 1 from location l where l.id = address.location_id and l.is_confidential)`,
      );
    tables.set(table, (await query.execute()) as Row[]);
  }
  return tables;
}

/** Columns through which a row belongs to another exported row. */
const PARENT_COLUMNS = [
  'organization_id',
  'service_id',
  'location_id',
  'service_at_location_id',
  'contact_id',
  'phone_id',
  'link_id',
];

/**
 * The public export leaves out everything of a suspended organization (app/listings/
 * suspension.server.ts): the organization and, parents first in TABLE_ORDER, every row that
 * belongs to a withheld row. Pending organizations stay, marked pending, so a receiving
 * directory keeps them unpublished; the full export (--include-confidential) keeps everything.
 */
function withholdSuspended(tables: Map<TableName, Row[]>): void {
  const withheld = new Set<unknown>();
  for (const table of TABLE_ORDER) {
    const rows = tables.get(table);
    if (!rows) continue;
    tables.set(
      table,
      rows.filter((row) => {
        const hidden =
          (table === 'organization' && row.verification_status === 'suspended') ||
          PARENT_COLUMNS.some((column) => row[column] != null && withheld.has(row[column]));
        if (hidden) withheld.add(row.id);
        return !hidden;
      }),
    );
  }
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
  const tables = await readTables(db, { publicOnly: !options.includeConfidential });
  if (!options.includeConfidential) withholdSuspended(tables);
  const confidentialLocations = options.includeConfidential
    ? (tables.get('location') ?? []).filter((location) => location.is_confidential === true).length
    : publicTables(tables as Map<string, Row[]>);
  await writeTabularPackage(dir, tables, {
    name: options.name ?? 'haven-export',
    ownerOnly: !!options.includeConfidential,
    title: 'Haven directory export (HSDS 3.0)',
    description: options.includeConfidential
      ? 'Full export INCLUDING exact addresses and coordinates of confidential locations. Handle with care.'
      : 'Public export: confidential locations carry only their public area point, no street address.',
  });
  const counts: ExportSummary['tables'] = {};
  for (const [table, rows] of tables) counts[table] = rows.length;
  return { dir, tables: counts, confidentialLocations, includeConfidential: !!options.includeConfidential };
}
