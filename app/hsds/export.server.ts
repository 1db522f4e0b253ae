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
import { metadataRows, organizationIdentifier } from './derived';
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

/**
 * The public export in the form HSDS 3.0 requires (docs/hsds-import.md, "Export"):
 * - a taxonomy, taxonomy term or organization without a description is described by its name;
 * - "until midnight" (closes_at 24:00, which HSDS's `time` cannot hold) is written 23:59:59;
 * - a location without a type is `physical` when it has a point or an address, else `virtual`;
 * - an address row missing a line HSDS requires (address_1, city, state_province, postal_code)
 *   is left out, as a confidential location's address is: the area is in public_area_label.
 */
function conformToHsds(tables: Map<TableName, Row[]>) {
  const update = (table: TableName, change: (row: Row) => Row | null) =>
    tables.set(
      table,
      (tables.get(table) ?? []).flatMap((row) => {
        const changed = change(row);
        return changed ? [changed] : [];
      }),
    );
  const described = (row: Row) => ({ ...row, description: row.description || row.name });
  update('taxonomy', described);
  update('taxonomy_term', described);
  update('organization', described);
  update('schedule', (row) => ({
    ...row,
    opens_at: untilMidnight(row.opens_at),
    closes_at: untilMidnight(row.closes_at),
  }));
  const addressed = new Set((tables.get('address') ?? []).map((a) => a.location_id));
  update('location', (row) => ({
    ...row,
    location_type:
      row.location_type ?? (row.public_latitude != null || addressed.has(row.id) ? 'physical' : 'virtual'),
  }));
  update('address', (row) =>
    ['address_1', 'city', 'state_province', 'postal_code'].every(
      (c) => typeof row[c] === 'string' && row[c] !== '',
    )
      ? { ...row, address_type: row.address_type ?? 'physical' }
      : null,
  );
}

const untilMidnight = (time: unknown) =>
  typeof time === 'string' && time.startsWith('24:') ? '23:59:59' : time;

/**
 * The tables Haven derives: organization_identifiers (each organization's EIN, the rows the
 * API serves) and metadata (one row per changed field of each audited change of a service,
 * organization or location; a public export leaves out confidential locations' changes).
 */
async function derivedTables(
  db: Kysely<Database>,
  tables: Map<TableName, Row[]>,
): Promise<Map<string, Row[]>> {
  const organizations = tables.get('organization') ?? [];
  const identifiers = organizations
    .filter((o) => typeof o.tax_id === 'string' && o.tax_id !== '')
    .map((o) => organizationIdentifier(String(o.id), String(o.tax_id)));
  const exported = new Set(
    (['service', 'organization', 'location'] as const).flatMap((t) =>
      (tables.get(t) ?? [])
        .filter((row) => !(t === 'location' && row.is_confidential === true && row.latitude == null))
        .map((row) => String(row.id)),
    ),
  );
  const events = await db
    .selectFrom('audit_event')
    .select(['id', 'actor_id', 'action', 'entity_type', 'entity_id', 'before', 'after', 'created_at'])
    .where('entity_type', 'in', ['service', 'organization', 'location'])
    .where('entity_id', 'is not', null)
    .orderBy('id')
    .execute();
  const metadata = events
    .filter((event) => exported.has(String(event.entity_id)))
    .flatMap((event) => metadataRows(event));
  return new Map([
    ['organization_identifier', identifiers],
    ['metadata', metadata],
  ]);
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
  if (!options.includeConfidential) conformToHsds(tables);
  const derived = await derivedTables(db, tables);
  await writeTabularPackage(
    dir,
    tables,
    {
      name: options.name ?? 'haven-export',
      ownerOnly: !!options.includeConfidential,
      title: 'Haven directory export (HSDS 3.0)',
      description: options.includeConfidential
        ? 'Full export INCLUDING exact addresses and coordinates of confidential locations. Handle with care.'
        : 'Public export: confidential locations carry only their public area point, no street address.',
    },
    derived,
  );
  const counts: ExportSummary['tables'] = {};
  for (const [table, rows] of tables) counts[table] = rows.length;
  return { dir, tables: counts, confidentialLocations, includeConfidential: !!options.includeConfidential };
}
