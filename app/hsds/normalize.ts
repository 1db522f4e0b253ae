/**
 * Maps HSDS 1.x/2.x file and column names onto the 3.0 tables Haven stores, so one validator
 * handles every version: regular_schedules → schedule (weekday → byday), physical/postal
 * addresses → address, services_taxonomy/taxonomy → attribute/taxonomy_term, eligibility and
 * payments_accepted → text on the service, and so on. Files Haven does not store are listed.
 */
import { havenTermId } from './ids.server';
import { mainLocationId } from './placeholders.server';
import type { RawPackage, RawRow } from './raw-package';
import { populationsFor } from './category-map';
import type { TableName } from './tables';

/** File stems (and JSON table names) → the 3.0 table they feed. */
const FILE_TABLES: Record<string, TableName> = {
  organization: 'organization',
  organizations: 'organization',
  service: 'service',
  services: 'service',
  location: 'location',
  locations: 'location',
  service_at_location: 'service_at_location',
  services_at_location: 'service_at_location',
  service_at_locations: 'service_at_location',
  address: 'address',
  addresses: 'address',
  physical_address: 'address',
  physical_addresses: 'address',
  postal_address: 'address',
  postal_addresses: 'address',
  contact: 'contact',
  contacts: 'contact',
  phone: 'phone',
  phones: 'phone',
  schedule: 'schedule',
  schedules: 'schedule',
  regular_schedule: 'schedule',
  regular_schedules: 'schedule',
  language: 'language',
  languages: 'language',
  accessibility: 'accessibility',
  accessibility_for_disabilities: 'accessibility',
  service_area: 'service_area',
  service_areas: 'service_area',
  cost_option: 'cost_option',
  cost_options: 'cost_option',
  required_document: 'required_document',
  required_documents: 'required_document',
  taxonomy: 'taxonomy_term',
  taxonomies: 'taxonomy',
  taxonomy_term: 'taxonomy_term',
  taxonomy_terms: 'taxonomy_term',
  attribute: 'attribute',
  attributes: 'attribute',
  services_taxonomy: 'attribute',
  service_taxonomy: 'attribute',
  service_attributes: 'attribute',
  location_attributes: 'attribute',
};

/** Files whose content is folded into another table rather than stored on its own. */
const FOLDED = new Set(['eligibility', 'payments_accepted', 'payment_accepted']);

const IGNORED_REASON: Record<string, string> = {
  funding: 'funding is not stored by Haven',
  programs: 'programs are not stored (service.program_id is kept)',
  program: 'programs are not stored (service.program_id is kept)',
  holiday_schedules: 'holiday schedules are not stored',
  holiday_schedule: 'holiday schedules are not stored',
  metadata: 'change metadata is not imported (Haven keeps its own audit trail)',
  meta_table_descriptions: 'table descriptions are not stored',
  organization_identifiers: 'organization identifiers are not stored',
};

/** HSDS 1.x weekday numbers follow ISO 8601: 1 = Monday … 7 = Sunday (0 is also Sunday). */
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
function weekdayCode(raw: unknown): string | null {
  const text = String(raw ?? '')
    .trim()
    .toLowerCase();
  if (/^[0-7]$/.test(text)) return WEEKDAYS[Number(text) % 7]!;
  const byName = WEEKDAYS.find((code, index) => {
    const name = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][index]!;
    return text === code.toLowerCase() || (text.length >= 3 && name.startsWith(text));
  });
  return byName ?? null;
}

/**
 * What a package file holds, from its stem: an HSDS table, text folded into services (which
 * needs the whole package at once), or nothing Haven stores.
 */
export function fileKind(
  stem: string,
  resourceNames?: Map<string, string>,
): { table: TableName } | { folded: true } | { ignored: true } {
  const key = FILE_TABLES[stem] || FOLDED.has(stem) ? stem : (resourceNames?.get(stem) ?? stem);
  if (FOLDED.has(key)) return { folded: true };
  const table = FILE_TABLES[key];
  return table ? { table } : { ignored: true };
}

export interface NormalizedPackage {
  tables: Map<TableName, RawRow[]>;
  ignoredFiles: Array<{ file: string; rows: number; reason: string }>;
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value).trim());

export function normalizePackage(pkg: RawPackage): NormalizedPackage {
  const tables = new Map<TableName, RawRow[]>();
  const add = (table: TableName, row: RawRow) => {
    const rows = tables.get(table);
    if (rows) rows.push(row);
    else tables.set(table, [row]);
  };
  const ignoredFiles: NormalizedPackage['ignoredFiles'] = [];
  const folded: Array<[string, RawRow[]]> = [];

  for (const [stem, rows] of pkg.tables) {
    // JSON records that are not HSDS at all are reported by the importer, row by row.
    if (stem === 'unknown') continue;
    const key = FILE_TABLES[stem] || FOLDED.has(stem) ? stem : (pkg.resourceNames?.get(stem) ?? stem);
    if (FOLDED.has(key)) {
      folded.push([key, rows]);
      continue;
    }
    const table = FILE_TABLES[key];
    if (!table) {
      const file = rows[0]?.ref.file ?? `${stem}.csv`;
      ignoredFiles.push({
        file,
        rows: rows.length,
        reason: IGNORED_REASON[stem] ?? IGNORED_REASON[key] ?? 'not an HSDS table Haven imports',
      });
      continue;
    }
    for (const row of rows) {
      for (const converted of convertLegacy(key, { ...row, values: { ...row.values } }))
        add(converted.table, converted.row);
    }
  }

  // Eligibility and payments (HSDS 1.x) become text on their service, so they stay searchable,
  // and eligibility words that clearly name a population become population attributes.
  const services = new Map<string, RawRow>();
  for (const row of tables.get('service') ?? []) services.set(text(row.values.id), row);
  for (const [key, rows] of folded) {
    const byService = new Map<string, string[]>();
    for (const row of rows) {
      const value = text(row.values.eligibility ?? row.values.payment);
      const serviceId = text(row.values.service_id);
      if (value) byService.set(serviceId, [...(byService.get(serviceId) ?? []), value]);
    }
    for (const [serviceId, values] of byService) {
      const service = services.get(serviceId);
      if (!service) continue;
      if (key === 'eligibility') {
        const existing = text(service.values.eligibility_description);
        service.values.eligibility_description = [existing, values.join(', ')].filter(Boolean).join('; ');
        for (const code of populationsFor(values)) {
          add('attribute', {
            values: {
              id: `#population:${serviceId}:${code}`,
              link_id: serviceId,
              link_entity: 'service',
              taxonomy_term_id: havenTermId('haven-population', code),
            },
            ref: rows[0]!.ref,
          });
        }
      } else {
        const existing = text(service.values.fees_description);
        service.values.fees_description = [existing, `Payments accepted: ${values.join(', ')}`]
          .filter(Boolean)
          .join('; ');
      }
    }
  }
  return { tables, ignoredFiles };
}

function convertLegacy(key: string, row: RawRow): Array<{ table: TableName; row: RawRow }> {
  const v = row.values;
  const table = FILE_TABLES[key]!;
  const out: Array<{ table: TableName; row: RawRow }> = [{ table, row }];
  const take = (column: string) => {
    const value = v[column];
    delete v[column];
    return value;
  };
  switch (key) {
    case 'organization':
    case 'organizations':
      if ('url' in v) {
        const url = take('url');
        if (!text(v.website)) v.website = url;
      }
      break;
    case 'services':
    case 'service': {
      const ids = text(take('taxonomy_ids'));
      for (const termId of ids
        ? ids
            .split(/[,;|]/)
            .map((id) => id.trim())
            .filter(Boolean)
        : []) {
        out.push({
          table: 'attribute',
          row: {
            ref: row.ref,
            values: {
              id: `#taxonomy_ids:${text(v.id)}:${termId}`,
              link_id: v.id,
              link_entity: 'service',
              taxonomy_term_id: termId,
            },
          },
        });
      }
      break;
    }
    case 'physical_address':
    case 'physical_addresses':
    case 'postal_address':
    case 'postal_addresses': {
      if (!text(v.address_type)) v.address_type = key.startsWith('postal') ? 'postal' : 'physical';
      // 1.x postal addresses may belong to an organization rather than a location: they go to
      // the organization's main location (placeholders.server.ts).
      const organization = text(take('organization_id'));
      if (organization && !text(v.location_id)) v.location_id = mainLocationId(organization);
      const extra = [take('address_3'), take('address_4')].map(text).filter(Boolean);
      if (extra.length) v.address_2 = [text(v.address_2), ...extra].filter(Boolean).join(', ');
      break;
    }
    case 'regular_schedule':
    case 'regular_schedules': {
      const weekday = take('weekday');
      const code = weekdayCode(weekday);
      if (code && !text(v.byday)) {
        v.byday = code;
        if (!text(v.freq)) v.freq = 'WEEKLY';
      } else if (text(weekday) && !code) {
        v.description = [text(v.description), `weekday: ${text(weekday)}`].filter(Boolean).join('; ');
      }
      break;
    }
    case 'languages':
    case 'language':
      if ('language' in v) {
        const name = take('language');
        if (!text(v.name)) v.name = name;
      }
      break;
    case 'accessibility_for_disabilities':
      if ('accessibility' in v) v.description = v.description ?? take('accessibility');
      break;
    case 'service_areas':
    case 'service_area':
      if ('service_area' in v) {
        const name = take('service_area');
        if (!text(v.name)) v.name = name;
      }
      break;
    case 'taxonomy': {
      // HSDS 1.x taxonomy.csv: id, name, parent_id, parent_name, vocabulary.
      take('parent_name');
      const vocabulary = text(take('vocabulary'));
      if (vocabulary) {
        v.taxonomy = vocabulary;
        v.taxonomy_id = `#vocabulary:${vocabulary}`;
        out.push({
          table: 'taxonomy',
          row: { ref: row.ref, nested: true, values: { id: `#vocabulary:${vocabulary}`, name: vocabulary } },
        });
      }
      break;
    }
    case 'services_taxonomy':
    case 'service_taxonomy':
    case 'service_attributes':
    case 'location_attributes': {
      const entity = key === 'location_attributes' ? 'location' : 'service';
      v.link_id = take(`${entity}_id`);
      v.link_entity = entity;
      if (!text(v.taxonomy_term_id)) v.taxonomy_term_id = take('taxonomy_id');
      if ('taxonomy_detail' in v) v.value = take('taxonomy_detail');
      break;
    }
    case 'phones':
    case 'phone': {
      // HSDS 1.x phones carry "en, es" in a language column: one language row per code.
      const languages = text(take('language'));
      take('department');
      for (const code of languages && text(v.id)
        ? languages
            .split(/[,;]/)
            .map((c) => c.trim())
            .filter(Boolean)
        : []) {
        out.push({
          table: 'language',
          row: {
            ref: row.ref,
            values: { id: `#phone-language:${text(v.id)}:${code}`, phone_id: v.id, code },
          },
        });
      }
      break;
    }
  }
  return out;
}
