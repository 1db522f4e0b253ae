/**
 * Flattens nested HSDS 3.0 JSON (a service with its organization, locations, phones …; an
 * organization with its services …) into rows per table, the same shape the CSV reader
 * produces. A child gets its parent's id in the right foreign-key column; a singular nested
 * object (service.organization, service_at_location.location, attribute.taxonomy_term) puts
 * its id into the parent's column instead.
 */
import type { RawRow } from './raw-package';
import type { TableName } from './tables';

interface Relation {
  table: TableName;
  /** The child's column that points at the parent. */
  childColumn?: string;
  /** The parent's column that points at the (singular) child. */
  parentColumn?: string;
  /** Attributes: link_entity is the parent's table. */
  attribute?: boolean;
}

const attributes: Relation = { table: 'attribute', childColumn: 'link_id', attribute: true };

const RELATIONS: Partial<Record<TableName, Record<string, Relation>>> = {
  organization: {
    services: { table: 'service', childColumn: 'organization_id' },
    locations: { table: 'location', childColumn: 'organization_id' },
    contacts: { table: 'contact', childColumn: 'organization_id' },
    phones: { table: 'phone', childColumn: 'organization_id' },
    attributes,
  },
  service: {
    organization: { table: 'organization', parentColumn: 'organization_id' },
    phones: { table: 'phone', childColumn: 'service_id' },
    schedules: { table: 'schedule', childColumn: 'service_id' },
    service_areas: { table: 'service_area', childColumn: 'service_id' },
    service_at_locations: { table: 'service_at_location', childColumn: 'service_id' },
    languages: { table: 'language', childColumn: 'service_id' },
    cost_options: { table: 'cost_option', childColumn: 'service_id' },
    required_documents: { table: 'required_document', childColumn: 'service_id' },
    contacts: { table: 'contact', childColumn: 'service_id' },
    attributes,
  },
  service_at_location: {
    service: { table: 'service', parentColumn: 'service_id' },
    location: { table: 'location', parentColumn: 'location_id' },
    contacts: { table: 'contact', childColumn: 'service_at_location_id' },
    phones: { table: 'phone', childColumn: 'service_at_location_id' },
    schedules: { table: 'schedule', childColumn: 'service_at_location_id' },
    service_areas: { table: 'service_area', childColumn: 'service_at_location_id' },
    attributes,
  },
  location: {
    languages: { table: 'language', childColumn: 'location_id' },
    addresses: { table: 'address', childColumn: 'location_id' },
    contacts: { table: 'contact', childColumn: 'location_id' },
    accessibility: { table: 'accessibility', childColumn: 'location_id' },
    phones: { table: 'phone', childColumn: 'location_id' },
    schedules: { table: 'schedule', childColumn: 'location_id' },
    attributes,
  },
  phone: { languages: { table: 'language', childColumn: 'phone_id' }, attributes },
  contact: { phones: { table: 'phone', childColumn: 'contact_id' }, attributes },
  attribute: { taxonomy_term: { table: 'taxonomy_term', parentColumn: 'taxonomy_term_id' } },
  taxonomy_term: { taxonomy_detail: { table: 'taxonomy', parentColumn: 'taxonomy_id' } },
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/** What a top-level record is, from the fields only that kind of record has. */
export function detectTable(record: Json): TableName | null {
  if (
    Array.isArray(record.services) ||
    Array.isArray(record.locations) ||
    'organization_identifiers' in record
  )
    return 'organization';
  if (isObject(record.service) && isObject(record.location)) return 'service_at_location';
  if (
    isObject(record.organization) ||
    'organization_id' in record ||
    Array.isArray(record.service_at_locations)
  )
    return 'service';
  if ('taxonomy_detail' in record || ('code' in record && 'term_uri' in record)) return 'taxonomy_term';
  if ('latitude' in record || Array.isArray(record.addresses)) return 'location';
  if ('status' in record && 'name' in record) return 'service';
  if ('website' in record || 'legal_status' in record || 'tax_status' in record) return 'organization';
  return null;
}

export function flattenJson(
  file: string,
  records: Array<{ value: unknown; line: number }>,
): Map<string, RawRow[]> {
  const tables = new Map<string, RawRow[]>();
  const push = (table: string, row: RawRow) => {
    const rows = tables.get(table);
    if (rows) rows.push(row);
    else tables.set(table, [row]);
  };

  function visit(
    table: TableName,
    record: Json,
    line: number,
    at: string,
    parent?: { table: TableName; id: string; relation: Relation },
  ) {
    const values: Json = {};
    for (const [key, value] of Object.entries(record)) {
      if (!isObject(value) && !Array.isArray(value)) values[key] = value;
    }
    if (table === 'service_area' || table === 'service') {
      // Haven extension lists (delivery, coverage_states) are arrays of scalars: keep them.
      for (const key of ['delivery', 'coverage_states'])
        if (Array.isArray(record[key])) values[key] = record[key];
    }
    // Children must be able to point at a record without an id: give it one from its position.
    const blankId = values.id === undefined || values.id === null || String(values.id).trim() === '';
    if (blankId) values.id = `#json:${file}:${line}:${at}`;
    if (parent?.relation.childColumn) values[parent.relation.childColumn] = parent.id;
    if (parent?.relation.attribute) values.link_entity = parent.table;
    const id = String(values.id);

    for (const [key, relation] of Object.entries(RELATIONS[table] ?? {})) {
      const child = record[key];
      if (relation.parentColumn && isObject(child)) {
        const childId = visit(relation.table, child, line, `${at}.${key}`);
        values[relation.parentColumn] = childId;
      } else if (relation.childColumn && Array.isArray(child)) {
        child.forEach((item, index) => {
          if (isObject(item))
            visit(relation.table, item, line, `${at}.${key}[${index}]`, { table, id, relation });
        });
      }
    }
    push(table, { values, ref: { file, line, path: at }, nested: true });
    return id;
  }

  for (const { value, line } of records) {
    if (!isObject(value)) {
      push('unknown', { values: {}, ref: { file, line } });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > 0 && keys.every((key) => key.toLowerCase().endsWith('.csv'))) {
      // "Tabular JSON" (HSDS examples/tabular.json): CSV file name → array of rows.
      for (const [key, rows] of Object.entries(value)) {
        if (!Array.isArray(rows)) continue;
        const stem = key.toLowerCase().replace(/\.csv$/, '');
        rows.forEach((row, index) => {
          if (isObject(row))
            push(stem, { values: row, ref: { file, line: index + 1, path: `${key}[${index}]` } });
        });
      }
      continue;
    }
    const table = detectTable(value);
    if (!table) {
      push('unknown', { values: value, ref: { file, line } });
      continue;
    }
    visit(table, value, line, `[${line - 1}]`);
  }
  return tables;
}
