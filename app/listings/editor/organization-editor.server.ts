/**
 * The organization editor's reads and its save: the organization's own fields with the same
 * version check and audit as a service (organization.update, before/after per field), and the
 * list of its services for the organization page.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types';
import { recordAudit } from '../../accounts/audit.server';
import { refreshSearchText } from '../../search/search-text.server';
import { ORGANIZATION_FIELDS, type OrganizationValues } from './organization-form';

export async function organizationName(db: Kysely<Database>, id: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const row = await db.selectFrom('organization').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? null;
}

export interface OrganizationEditorData {
  id: string;
  version: number;
  verificationStatus: string;
  values: OrganizationValues;
  services: Array<{ id: string; name: string; status: string; version: number }>;
}

function toValues(row: { name: string; description: string; email: string | null; website: string | null }) {
  return { name: row.name, description: row.description, email: row.email ?? '', website: row.website ?? '' };
}

export async function loadOrganizationEditor(
  db: Kysely<Database>,
  id: string,
): Promise<OrganizationEditorData | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const row = await db
    .selectFrom('organization')
    .select(['id', 'name', 'description', 'email', 'website', 'version', 'verification_status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const services = await db
    .selectFrom('service')
    .select(['id', 'name', 'status', 'version'])
    .where('organization_id', '=', id)
    .orderBy('name')
    .execute();
  return {
    id: row.id,
    version: row.version,
    verificationStatus: row.verification_status,
    values: toValues(row),
    services,
  };
}

export type OrganizationSaveResult =
  | { kind: 'saved'; version: number; changed: string[] }
  | { kind: 'conflict'; version: number; current: OrganizationValues }
  | { kind: 'missing' };

export async function saveOrganizationEdit(
  db: Kysely<Database>,
  input: {
    organizationId: string;
    expectedVersion: number;
    values: OrganizationValues;
    actorId: string | null;
  },
): Promise<OrganizationSaveResult> {
  return db.transaction().execute(async (trx): Promise<OrganizationSaveResult> => {
    const row = await trx
      .selectFrom('organization')
      .select(['name', 'description', 'email', 'website', 'version'])
      .where('id', '=', input.organizationId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return { kind: 'missing' };
    const current = toValues(row);
    if (row.version !== input.expectedVersion) return { kind: 'conflict', version: row.version, current };
    const changed = ORGANIZATION_FIELDS.filter((field) => current[field] !== input.values[field]);
    if (changed.length === 0) return { kind: 'saved', version: row.version, changed };
    const { version } = await trx
      .updateTable('organization')
      .set((eb) => ({
        name: input.values.name,
        description: input.values.description,
        email: input.values.email || null,
        website: input.values.website || null,
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', input.organizationId)
      .returning('version')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorId: input.actorId,
      action: 'organization.update',
      entityType: 'organization',
      entityId: input.organizationId,
      before: Object.fromEntries(changed.map((field) => [field, current[field]])),
      after: Object.fromEntries(changed.map((field) => [field, input.values[field]])),
    });
    // The organization's name is part of its services' keyword text.
    if (changed.includes('name')) {
      const services = await trx
        .selectFrom('service')
        .select('id')
        .where('organization_id', '=', input.organizationId)
        .execute();
      await refreshSearchText(
        trx,
        services.map((service) => service.id),
      );
    }
    return { kind: 'saved', version, changed };
  });
}
