/**
 * The HSDS 3.0 tables Haven imports and exports, column by column, with Haven's extension
 * columns marked. One description drives row validation (zod), the database writer and the
 * exporter's CSV headers and datapackage.json schema, so the three cannot drift apart.
 */
export type TableName =
  | 'organization'
  | 'service'
  | 'location'
  | 'service_at_location'
  | 'address'
  | 'contact'
  | 'phone'
  | 'schedule'
  | 'language'
  | 'accessibility'
  | 'service_area'
  | 'cost_option'
  | 'required_document'
  | 'taxonomy'
  | 'taxonomy_term'
  | 'attribute';

export type Kind =
  | 'id' // the row's own id (a source id until resolved)
  | 'ref' // a reference to another table's id
  | 'foreign_id' // an id of a table Haven does not store (program): kept, derived if not a UUID
  | 'text'
  | 'int'
  | 'number'
  | 'bool'
  | 'date'
  | 'timestamp'
  | 'time'
  | 'enum'
  | 'enum_list'
  | 'text_list';

export interface ColumnSpec {
  kind: Kind;
  required?: boolean;
  /** For 'ref': the table referred to. */
  table?: TableName;
  values?: readonly string[];
  /** For 'text': a regular expression the value must match. */
  pattern?: string;
  min?: number;
  max?: number;
  /** Haven extension column (documented as such in the export's datapackage.json). */
  extension?: boolean;
  description?: string;
}

const id: ColumnSpec = { kind: 'id' };
const text: ColumnSpec = { kind: 'text' };
const requiredText: ColumnSpec = { kind: 'text', required: true };
const date: ColumnSpec = { kind: 'date' };
const ref = (table: TableName, required = false): ColumnSpec => ({ kind: 'ref', table, required });
const ext = (spec: ColumnSpec, description: string): ColumnSpec => ({
  ...spec,
  extension: true,
  description,
});

export const DELIVERY_MODES = ['in_person', 'phone', 'virtual'] as const;
export const LINK_ENTITIES = [
  'service',
  'location',
  'organization',
  'service_at_location',
  'phone',
  'contact',
] as const;

// One line per group of columns reads like the HSDS reference tables.
// prettier-ignore
export const TABLES: Record<TableName, { file: string; columns: Record<string, ColumnSpec> }> = {
  organization: {
    file: 'organizations',
    columns: {
      id, name: requiredText, alternate_name: text, description: text, email: text, website: text,
      tax_status: text, tax_id: text, year_incorporated: { kind: 'int', min: 1600, max: 2200 },
      legal_status: text, logo: text, uri: text, parent_organization_id: ref('organization'),
      verification_status: ext({ kind: 'enum', values: ['pending', 'verified', 'rejected', 'suspended'] },
        'Haven: pending | verified | rejected | suspended; only verified organizations are public'),
      verified_at: ext({ kind: 'timestamp' }, 'Haven: when the organization was verified'),
      is_sample: ext({ kind: 'bool' }, 'Haven: fictional demonstration data'),
    },
  },
  service: {
    file: 'services',
    columns: {
      id, organization_id: ref('organization', true), program_id: { kind: 'foreign_id' }, name: requiredText,
      alternate_name: text, description: text, url: text, email: text,
      status: { kind: 'enum', values: ['active', 'inactive', 'defunct', 'temporarily closed'] },
      interpretation_services: text, application_process: text, fees_description: text, wait_time: text,
      fees: text, accreditations: text, eligibility_description: text,
      minimum_age: { kind: 'int', min: 0, max: 130 }, maximum_age: { kind: 'int', min: 0, max: 130 },
      assured_date: date, assurer_email: text, licenses: text, alert: text, last_modified: { kind: 'timestamp' },
      delivery: ext({ kind: 'enum_list', values: DELIVERY_MODES },
        'Haven: how the service is delivered, comma-separated: in_person, phone, virtual'),
      last_verified_at: ext({ kind: 'timestamp' }, 'Haven: when the organization last confirmed the listing'),
    },
  },
  location: {
    file: 'locations',
    columns: {
      id, location_type: { kind: 'enum', values: ['physical', 'postal', 'virtual'] }, url: text,
      organization_id: ref('organization'), name: text, alternate_name: text, description: text,
      transportation: text, latitude: { kind: 'number', min: -90, max: 90 },
      longitude: { kind: 'number', min: -180, max: 180 }, external_identifier: text, external_identifier_type: text,
      is_confidential: ext({ kind: 'bool' }, 'Haven: the exact address and point are not public (e.g. a shelter)'),
      public_latitude: ext({ kind: 'number', min: -90, max: 90 }, 'Haven: the point shown publicly (area centroid if confidential)'),
      public_longitude: ext({ kind: 'number', min: -180, max: 180 }, 'Haven: see public_latitude'),
      public_area_label: ext(text, 'Haven: public description of the area, e.g. "Houston, TX area"'),
      geocode_source: ext({ kind: 'enum', values: ['source', 'gazetteer', 'manual', 'missing'] },
        'Haven: where latitude/longitude came from'),
    },
  },
  service_at_location: {
    file: 'service_at_location',
    columns: { id, service_id: ref('service', true), location_id: ref('location', true), description: text },
  },
  address: {
    file: 'addresses',
    columns: {
      id, location_id: ref('location', true), attention: text, address_1: text, address_2: text, city: text,
      region: text, state_province: text, postal_code: text,
      // Required: a blank one is repaired to US first; a name we cannot map rejects the row.
      country: { kind: 'text', required: true, pattern: '^[A-Z]{2}$' },
      address_type: { kind: 'enum', values: ['physical', 'postal', 'virtual'] },
    },
  },
  contact: {
    file: 'contacts',
    columns: {
      id, organization_id: ref('organization'), service_id: ref('service'),
      service_at_location_id: ref('service_at_location'), location_id: ref('location'),
      name: text, title: text, department: text, email: text,
    },
  },
  phone: {
    file: 'phones',
    columns: {
      id, location_id: ref('location'), service_id: ref('service'), organization_id: ref('organization'),
      contact_id: ref('contact'), service_at_location_id: ref('service_at_location'), number: requiredText,
      extension: text, type: { kind: 'enum', values: ['text', 'voice', 'fax', 'cell', 'video', 'pager', 'textphone'] },
      description: text,
    },
  },
  schedule: {
    file: 'schedules',
    columns: {
      id, service_id: ref('service'), location_id: ref('location'), service_at_location_id: ref('service_at_location'),
      valid_from: date, valid_to: date, dtstart: date, timezone: { kind: 'number', min: -14, max: 14 }, until: date,
      count: { kind: 'int', min: 0 }, wkst: { kind: 'enum', values: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] },
      freq: { kind: 'enum', values: ['WEEKLY', 'MONTHLY'] }, interval: { kind: 'int', min: 1 }, byday: text,
      byweekno: text, bymonthday: text, byyearday: text, description: text, opens_at: { kind: 'time' },
      closes_at: { kind: 'time' }, schedule_link: text, attending_type: text, notes: text,
      timezone_name: ext(text, 'Haven: IANA time zone of opens_at/closes_at, e.g. America/Chicago'),
    },
  },
  language: {
    file: 'languages',
    columns: { id, service_id: ref('service'), location_id: ref('location'), phone_id: ref('phone'), name: text,
      code: { kind: 'text', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' }, note: text },
  },
  accessibility: {
    file: 'accessibility',
    columns: { id, location_id: ref('location', true), description: text, details: text, url: text },
  },
  service_area: {
    file: 'service_areas',
    columns: {
      id, service_id: ref('service'),
      service_at_location_id: ext(ref('service_at_location'), 'Haven: the service at a location this area belongs to (HSDS 3.0 ties areas to services only)'),
      name: text,
      description: text, extent: text, extent_type: text, uri: text,
      coverage: ext({ kind: 'enum', values: ['radius', 'states', 'nationwide'] },
        'Haven: machine-readable coverage for remote services: radius | states | nationwide'),
      coverage_radius_km: ext({ kind: 'number', min: 0.001 }, 'Haven: radius in km around coverage_latitude/longitude'),
      coverage_latitude: ext({ kind: 'number', min: -90, max: 90 }, 'Haven: centre of a radius coverage'),
      coverage_longitude: ext({ kind: 'number', min: -180, max: 180 }, 'Haven: centre of a radius coverage'),
      coverage_states: ext({ kind: 'text_list' }, 'Haven: comma-separated US state codes covered'),
    },
  },
  cost_option: {
    file: 'cost_options',
    columns: {
      id, service_id: ref('service', true), valid_from: date, valid_to: date, option: text, currency: text,
      amount: { kind: 'number', min: 0 }, amount_description: text,
    },
  },
  required_document: {
    file: 'required_documents',
    columns: { id, service_id: ref('service', true), document: requiredText, uri: text },
  },
  taxonomy: {
    file: 'taxonomies',
    columns: { id, name: requiredText, description: text, uri: text, version: text },
  },
  taxonomy_term: {
    file: 'taxonomy_terms',
    columns: {
      id, code: text, name: requiredText, description: text, parent_id: ref('taxonomy_term'), taxonomy: text,
      language: text, taxonomy_id: ref('taxonomy'), term_uri: text,
    },
  },
  attribute: {
    file: 'attributes',
    columns: {
      id, link_id: { kind: 'ref', required: true }, taxonomy_term_id: ref('taxonomy_term', true), link_type: text,
      link_entity: { kind: 'enum', values: LINK_ENTITIES, required: true }, value: text,
      label: ext(text, 'Haven: a human-readable label of the value'),
    },
  },
};

/** Parents before children: the order rows are checked, resolved and written in. */
// prettier-ignore
export const TABLE_ORDER: TableName[] = [
  'taxonomy', 'taxonomy_term', 'organization', 'service', 'location', 'service_at_location', 'contact',
  'phone', 'address', 'schedule', 'language', 'accessibility', 'service_area', 'cost_option',
  'required_document', 'attribute',
];

/** Rows of these tables mean nothing without at least one of their (optional) parents. */
export const NEEDS_A_PARENT: Partial<Record<TableName, string[]>> = {
  contact: ['organization_id', 'service_id', 'service_at_location_id', 'location_id'],
  phone: ['location_id', 'service_id', 'organization_id', 'contact_id', 'service_at_location_id'],
  schedule: ['service_id', 'location_id', 'service_at_location_id'],
  language: ['service_id', 'location_id', 'phone_id'],
  service_area: ['service_id', 'service_at_location_id'],
};

export const columnNames = (table: TableName) => Object.keys(TABLES[table].columns);

/** Why a row of a NEEDS_A_PARENT table has none of its parents left, or null. */
export function missingParentReason(table: TableName, row: Record<string, unknown>): string | null {
  const parents = NEEDS_A_PARENT[table];
  if (!parents || parents.some((column) => row[column] != null)) return null;
  return `no valid ${parents.map((c) => c.replace(/_id$/, '')).join('/')} to belong to`;
}

/**
 * The database's CHECK constraints that span several columns (db/migrations), by their
 * PostgreSQL names, as predicates on a row about to be written. Column constraints (ranges,
 * enums, patterns, required text) are the column specs above. A test compares both lists with
 * the constraints the migrated database really has, so a new constraint cannot be forgotten.
 * `final` checks hold for rows the importer itself completes (public points, verification), so
 * they are asserted just before the write instead of on the source row.
 */
export interface RowCheck {
  constraint: string;
  message: string;
  holds: (row: Record<string, unknown>) => boolean;
  final?: boolean;
}

const bothOrNeither = (row: Record<string, unknown>, a: string, b: string) =>
  (row[a] == null) === (row[b] == null);

export const ROW_CHECKS: Partial<Record<TableName, RowCheck[]>> = {
  organization: [
    {
      constraint: 'organization_check',
      message: 'a verified organization needs verified_at',
      holds: (row) => row.verification_status !== 'verified' || row.verified_at != null,
      final: true,
    },
  ],
  service: [
    {
      constraint: 'service_check',
      message: 'minimum_age is above maximum_age',
      holds: (row) =>
        row.minimum_age == null ||
        row.maximum_age == null ||
        Number(row.minimum_age) <= Number(row.maximum_age),
    },
    {
      // The editor's reopening date (migration 0111); an imported row never carries one.
      constraint: 'service_reopens_on_when_closed',
      message: 'reopens_on is only for a temporarily closed service',
      holds: (row) => row.reopens_on == null || row.status === 'temporarily closed',
    },
  ],
  location: [
    {
      constraint: 'location_check',
      message: 'latitude and longitude must be given together',
      holds: (row) => bothOrNeither(row, 'latitude', 'longitude'),
    },
    {
      constraint: 'location_check1',
      message: 'public_latitude and public_longitude must be given together',
      holds: (row) => bothOrNeither(row, 'public_latitude', 'public_longitude'),
    },
    {
      constraint: 'location_check2',
      message: 'a location that is not confidential must show its exact point publicly',
      holds: (row) =>
        row.is_confidential === true ||
        ((row.public_latitude ?? null) === (row.latitude ?? null) &&
          (row.public_longitude ?? null) === (row.longitude ?? null)),
      final: true,
    },
  ],
  schedule: [
    {
      constraint: 'schedule_check',
      message: 'schedule needs a service, location or service_at_location',
      holds: (row) => row.service_id != null || row.location_id != null || row.service_at_location_id != null,
    },
    {
      constraint: 'schedule_check1',
      message: 'opens_at and closes_at must be given together',
      holds: (row) => bothOrNeither(row, 'opens_at', 'closes_at'),
    },
  ],
  language: [
    {
      constraint: 'language_check',
      message: 'language needs a name or a code',
      holds: (row) => row.name != null || row.code != null,
    },
  ],
  service_area: [
    {
      constraint: 'service_area_check',
      message: 'a radius coverage needs coverage_radius_km, coverage_latitude and coverage_longitude',
      holds: (row) =>
        row.coverage !== 'radius' ||
        (row.coverage_radius_km != null && row.coverage_latitude != null && row.coverage_longitude != null),
    },
    {
      constraint: 'service_area_check1',
      message: 'a states coverage needs coverage_states',
      holds: (row) => row.coverage !== 'states' || row.coverage_states != null,
    },
  ],
};
