/**
 * Keeps rows that point at organizations the package does not describe. Real exports often
 * list services under organizations missing from organizations.csv; rather than drop them,
 * the importer creates one placeholder organization per missing id, named from what the
 * package says about it (an address or phone row carrying that id), pending admin review in
 * the verification queue. Addresses that belong to an organization but to no location are
 * attached to the organization's main location (its first location in the package, or one
 * created for it).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { stableId } from './ids.server';
import type { IssueLog } from './report';
import type { Row } from './row-fixes';
import { TABLE_ORDER, TABLES, type TableName } from './tables';
import type { CleanRow } from './validate';

const MAIN_LOCATION = '#main-location:';

/** The source id of an organization's main location, for rows that name only the organization. */
export const mainLocationId = (organizationSourceId: string) => `${MAIN_LOCATION}${organizationSourceId}`;

export interface Placeholder {
  table: 'organization';
  sourceId: string;
  name: string;
  /** Rows of the package that point at it. */
  references: number;
}

type Validated = Map<TableName, Map<string, CleanRow>>;

const str = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** Gives addresses with a `#main-location:<org>` location their organization's main location. */
export function attachOrganizationAddresses(validated: Validated): number {
  let created = 0;
  const locations = validated.get('location')!;
  for (const address of validated.get('address')?.values() ?? []) {
    const locationId = String(address.data.location_id ?? '');
    if (!locationId.startsWith(MAIN_LOCATION)) continue;
    const organization = locationId.slice(MAIN_LOCATION.length);
    const existing = [...locations.values()].find(
      (location) => String(location.data.organization_id ?? '') === organization,
    );
    if (existing) {
      address.data.location_id = existing.sourceId;
      continue;
    }
    if (!locations.has(locationId)) {
      const data: Row = {
        id: locationId,
        organization_id: organization,
        name: 'Main location',
        location_type: 'postal',
      };
      locations.set(locationId, {
        table: 'location',
        sourceId: locationId,
        data,
        ref: address.ref,
        nested: true,
      });
      created += 1;
    }
  }
  return created;
}

/**
 * Creates a placeholder for every organization id that rows point at and that is neither in the
 * package nor in the database; returns them (also reported as warnings).
 */
export async function addPlaceholderOrganizations(
  db: Kysely<Database>,
  source: string,
  validated: Validated,
  log: IssueLog,
): Promise<Placeholder[]> {
  const organizations = validated.get('organization')!;
  const referrers = new Map<string, CleanRow[]>();
  for (const table of TABLE_ORDER) {
    for (const row of validated.get(table)?.values() ?? []) {
      for (const [column, spec] of Object.entries(TABLES[table].columns)) {
        const target = spec.table ?? row.data.link_entity;
        if (spec.kind !== 'ref' || target !== 'organization' || row.data[column] == null) continue;
        const key = String(row.data[column]);
        if (organizations.has(key)) continue;
        referrers.set(key, [...(referrers.get(key) ?? []), row]);
      }
    }
  }
  if (!referrers.size) return [];
  const known = new Set(
    (
      await db
        .selectFrom('organization')
        .select('id')
        .where(
          'id',
          'in',
          [...referrers.keys()].map((key) => stableId(source, 'organization', key)),
        )
        .execute()
    ).map((row) => row.id),
  );
  const placeholders: Placeholder[] = [];
  for (const [sourceId, rows] of referrers) {
    if (known.has(stableId(source, 'organization', sourceId))) continue;
    const name = `Organization ${sourceId} (${whatThePackageSays(sourceId, validated) ?? 'name not in the source'})`;
    const data: Row = {
      id: sourceId,
      name,
      description: `Created by the import of "${source}": the package refers to this organization but does not describe it.`,
    };
    const ref = rows[0]!.ref;
    organizations.set(sourceId, {
      table: 'organization',
      sourceId,
      data,
      ref,
      nested: true,
      placeholder: true,
    });
    placeholders.push({ table: 'organization', sourceId, name, references: rows.length });
    log.add({
      ...ref,
      table: 'organization',
      severity: 'warning',
      column: 'id',
      sourceId,
      value: sourceId,
      reason: `organization "${sourceId}" is not in the package; a placeholder organization was created for the rows pointing at it (pending review)`,
    });
  }
  return placeholders;
}

/** An address or phone row carrying the organization's id, as words for its placeholder's name. */
function whatThePackageSays(sourceId: string, validated: Validated): string | null {
  for (const address of validated.get('address')?.values() ?? []) {
    if (String(address.data.location_id ?? '') !== mainLocationId(sourceId)) continue;
    const parts = ['attention', 'address_1', 'city', 'state_province'].map((column) =>
      str(address.data[column]),
    );
    if (parts.some(Boolean)) return parts.filter(Boolean).join(', ');
  }
  for (const phone of validated.get('phone')?.values() ?? []) {
    if (String(phone.data.organization_id ?? '') !== sourceId) continue;
    const description = str(phone.data.description);
    return `phone ${String(phone.data.number)}${description ? `: ${description}` : ''}`;
  }
  return null;
}
