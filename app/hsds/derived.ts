/**
 * The HSDS tables Haven derives from its own rows, for the export and the API.
 *
 * `organization_identifier`: an organization's EIN (organization.tax_id). Its id is derived
 * from the organization's, so it is stable without a table of its own.
 */
export function organizationIdentifier(organizationId: string, ein: string) {
  return {
    id: uuidV5(`organization_identifier\u0000${organizationId}\u0000US-EIN`),
    organization_id: organizationId,
    identifier_scheme: 'US-EIN',
    identifier_type: 'US Employer Identification Number',
    identifier: ein,
  };
}

/**
 * HSDS `metadata` rows from Haven's audit trail: an audit event of a service, organization or
 * location whose `before`/`after` are JSON objects of the fields it changed becomes one row per
 * changed field. Values are written as text: a string as it is, anything else as JSON, an
 * absent value as `null` (HSDS requires both previous_value and replacement_value).
 */
import { uuidV5 } from './ids.server';

export interface AuditEventRow {
  id: number | string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  created_at: Date | string;
}

const asObject = (value: unknown): Record<string, unknown> => {
  const parsed = typeof value === 'string' ? safeJson(value) : value;
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
};
const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};
const asText = (value: unknown) =>
  value === undefined || value === null ? 'null' : typeof value === 'string' ? value : JSON.stringify(value);

export function metadataRows(event: AuditEventRow): Array<Record<string, string>> {
  const before = asObject(event.before);
  const after = asObject(event.after);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const date = new Date(event.created_at).toISOString().slice(0, 10);
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({
      id: uuidV5(`metadata\u0000${String(event.id)}\u0000${field}`),
      resource_id: String(event.entity_id),
      resource_type: event.entity_type,
      last_action_date: date,
      last_action_type: event.action,
      field_name: field,
      previous_value: asText(before[field]),
      replacement_value: asText(after[field]),
      updated_by: event.actor_id ?? 'import',
    }));
}
