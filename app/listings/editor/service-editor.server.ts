/**
 * The listing editor's write path for a service: load it as form values, save a form (one
 * transaction: version check, the changed fields' rows, search text, one audit event with
 * before/after per field, HSDS metadata rows), create a service, and revert one change.
 * search_point follows by its triggers (migration 0006) inside the same transaction.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/types';
import { recordAudit } from '../../accounts/audit.server';
import { refreshSearchText } from '../../search/search-text.server';
import { FIELD_STORES, type FieldContext } from './fields.server';
export { placeView } from './fields.server';
import { FIELD_NAMES, type FieldName, type FormValues, sameValue } from './schema';

type Trx = Transaction<Database>;

/** Who may edit a service: owners and editors of its organization (site admins always may). */
export const EDITOR_ROLES = ['owner', 'editor'] as const;
/** Who may undo a change: the organization's owners (and site admins). */
export const REVERT_ROLES = ['owner'] as const;

/** A database refusal of bad data (constraint or data exception), as opposed to an outage. */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|23)/.test(code);
}
type Stored = Partial<Record<FieldName, unknown>>;

export interface ServiceEditorData {
  id: string;
  organizationId: string;
  organizationName: string;
  version: number;
  values: FormValues;
}

/** The owning organization of a service (for the permission check), or null if none. */
export async function serviceOrganization(db: Kysely<Database>, serviceId: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(serviceId)) return null;
  const row = await db
    .selectFrom('service')
    .select('organization_id')
    .where('id', '=', serviceId)
    .executeTakeFirst();
  return row?.organization_id ?? null;
}

async function contextFor(trx: Trx, serviceId: string, organizationId: string): Promise<FieldContext> {
  const link = await trx
    .selectFrom('service_at_location')
    .select('location_id')
    .where('service_id', '=', serviceId)
    .orderBy('id')
    .executeTakeFirst();
  return { trx, serviceId, organizationId, locationId: link?.location_id ?? null };
}

async function readStored(ctx: FieldContext, fields: readonly FieldName[] = FIELD_NAMES): Promise<Stored> {
  const stored: Stored = {};
  for (const field of fields) stored[field] = await FIELD_STORES[field].read(ctx);
  return stored;
}

function toValues(stored: Stored): FormValues {
  return Object.fromEntries(
    FIELD_NAMES.map((field) => [field, FIELD_STORES[field].toForm(stored[field] as never)]),
  ) as unknown as FormValues;
}

/** A service as the editor shows it, or null when it does not exist. */
export async function loadServiceEditor(
  db: Kysely<Database>,
  serviceId: string,
): Promise<ServiceEditorData | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('service as s')
      .innerJoin('organization as o', 'o.id', 's.organization_id')
      .select(['s.id', 's.organization_id', 's.version', 'o.name as organization_name'])
      .where('s.id', '=', serviceId)
      .executeTakeFirst();
    if (!row) return null;
    const ctx = await contextFor(trx, serviceId, row.organization_id);
    return {
      id: row.id,
      organizationId: row.organization_id,
      organizationName: row.organization_name,
      version: row.version,
      values: toValues(await readStored(ctx)),
    };
  });
}

export type SaveResult =
  | { kind: 'saved'; version: number; changed: FieldName[] }
  | { kind: 'conflict'; version: number; current: FormValues }
  | { kind: 'missing' };

async function writeFields(
  ctx: FieldContext,
  input: { values: FormValues; fields: FieldName[] },
): Promise<void> {
  // Location first: the hours' zone and a radius's centre are read from the written place.
  const order = [...input.fields].sort((a, b) => Number(b === 'location') - Number(a === 'location'));
  for (const field of order) await FIELD_STORES[field].write(ctx, input.values[field] as never, input.values);
}

async function finish(
  trx: Trx,
  input: {
    serviceId: string;
    actorId: string | null;
    action: 'service.create' | 'service.update' | 'service.revert';
    before: Stored | null;
    after: Stored;
    beforeValues: FormValues | null;
    afterValues: FormValues;
    revertsEventId?: number;
  },
): Promise<number> {
  const { version } = await trx
    .updateTable('service')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date(), last_modified: new Date() }))
    .where('id', '=', input.serviceId)
    .returning('version')
    .executeTakeFirstOrThrow();
  await refreshSearchText(trx, [input.serviceId]);
  await recordAudit(trx, {
    actorId: input.actorId,
    action: input.action,
    entityType: 'service',
    entityId: input.serviceId,
    before: input.before,
    after: input.after,
    revertsEventId: input.revertsEventId,
  });
  // HSDS `metadata` rows are derived from this audit event by the export (app/hsds/derived.ts).
  return version;
}

/**
 * Saves the form for a service at `expectedVersion`. A stale version changes nothing and
 * returns the current values (the caller shows the conflict page). Fields equal to what is
 * stored are not rewritten; a form that changes nothing leaves the version alone.
 */
export async function saveServiceEdit(
  db: Kysely<Database>,
  input: { serviceId: string; expectedVersion: number; values: FormValues; actorId: string | null },
): Promise<SaveResult> {
  return db.transaction().execute(async (trx): Promise<SaveResult> => {
    const row = await trx
      .selectFrom('service')
      .select(['organization_id', 'version'])
      .where('id', '=', input.serviceId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return { kind: 'missing' };
    const ctx = await contextFor(trx, input.serviceId, row.organization_id);
    const stored = await readStored(ctx);
    const current = toValues(stored);
    if (row.version !== input.expectedVersion) return { kind: 'conflict', version: row.version, current };
    const changed = FIELD_NAMES.filter((field) => !sameValue(current[field], input.values[field]));
    if (changed.length === 0) return { kind: 'saved', version: row.version, changed };
    await writeFields(ctx, { values: input.values, fields: changed });
    const after = await readStored(ctx, changed);
    const version = await finish(trx, {
      serviceId: input.serviceId,
      actorId: input.actorId,
      action: 'service.update',
      before: pick(stored, changed),
      after,
      beforeValues: current,
      afterValues: input.values,
    });
    return { kind: 'saved', version, changed };
  });
}

const pick = (stored: Stored, fields: FieldName[]): Stored =>
  Object.fromEntries(fields.map((field) => [field, stored[field]]));

/** Creates a service of the organization from a form; returns its id. */
export async function createServiceFromForm(
  db: Kysely<Database>,
  input: { organizationId: string; values: FormValues; actorId: string | null },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('service')
      .values({
        organization_id: input.organizationId,
        name: input.values.name,
        delivery: input.values.delivery,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ctx = await contextFor(trx, id, input.organizationId);
    const blank = toValues(await readStored(ctx));
    const changed = FIELD_NAMES.filter((field) => !sameValue(blank[field], input.values[field]));
    await writeFields(ctx, { values: input.values, fields: changed });
    await finish(trx, {
      serviceId: id,
      actorId: input.actorId,
      action: 'service.create',
      before: null,
      after: await readStored(ctx, FIELD_NAMES),
      beforeValues: null,
      afterValues: input.values,
    });
    return id;
  });
}

export interface HistoryEntry {
  id: number;
  action: string;
  at: string;
  actor: string | null;
  /** Per changed field: the value before and after, as the form shows it. */
  changes: Array<{ field: FieldName; before: FormValues[FieldName] | null; after: FormValues[FieldName] }>;
  revertsEventId: number | null;
  revertedBy: number | null;
}

const isField = (key: string): key is FieldName => (FIELD_NAMES as readonly string[]).includes(key);

/** The service's audit trail, newest first, in the editor's terms. */
export async function listServiceHistory(db: Kysely<Database>, serviceId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('audit_event as e')
    .leftJoin('account as a', 'a.id', 'e.actor_id')
    .select(['e.id', 'e.action', 'e.created_at', 'e.before', 'e.after', 'e.reverts_event_id', 'a.email'])
    .where('e.entity_type', '=', 'service')
    .where('e.entity_id', '=', serviceId)
    .orderBy('e.id', 'desc')
    .limit(200)
    .execute();
  const revertedBy = new Map(
    rows.flatMap((row) =>
      row.reverts_event_id ? [[Number(row.reverts_event_id), Number(row.id)] as const] : [],
    ),
  );
  return rows.map((row) => {
    const before = (row.before ?? {}) as Stored;
    const after = (row.after ?? {}) as Stored;
    const changes = Object.keys(after)
      .filter(isField)
      .map((field) => ({
        field,
        before: field in before ? FIELD_STORES[field].toForm(before[field] as never) : null,
        after: FIELD_STORES[field].toForm(after[field] as never),
      }));
    return {
      id: Number(row.id),
      action: row.action,
      at: new Date(row.created_at).toISOString(),
      actor: row.email ?? (row.action === 'hsds.import' ? 'import' : null),
      changes,
      revertsEventId: row.reverts_event_id ? Number(row.reverts_event_id) : null,
      revertedBy: revertedBy.get(Number(row.id)) ?? null,
    };
  });
}

export type RevertResult = { kind: 'reverted'; version: number; eventId: number } | { kind: 'missing' };

/**
 * Puts back the fields one change wrote, exactly as they were stored before it (row ids
 * included), as a new change of its own (audited as service.revert, pointing at the event).
 */
export async function revertServiceChange(
  db: Kysely<Database>,
  input: { serviceId: string; eventId: number; actorId: string | null },
): Promise<RevertResult> {
  return db.transaction().execute(async (trx): Promise<RevertResult> => {
    const row = await trx
      .selectFrom('service')
      .select(['organization_id'])
      .where('id', '=', input.serviceId)
      .forUpdate()
      .executeTakeFirst();
    const event = await trx
      .selectFrom('audit_event')
      .select(['id', 'before', 'action'])
      .where('id', '=', input.eventId)
      .where('entity_type', '=', 'service')
      .where('entity_id', '=', input.serviceId)
      .where('action', 'in', ['service.update', 'service.revert'])
      .executeTakeFirst();
    if (!row || !event || !event.before) return { kind: 'missing' };
    const target = event.before as Stored;
    const fields = Object.keys(target).filter(isField);
    const ctx = await contextFor(trx, input.serviceId, row.organization_id);
    const stored = await readStored(ctx, fields);
    const beforeValues = toValues({ ...(await readStored(ctx)) });
    for (const field of fields.sort((a, b) => Number(b === 'location') - Number(a === 'location')))
      await FIELD_STORES[field].restore(ctx, target[field]);
    const after = await readStored(ctx, fields);
    const afterValues = toValues(await readStored(ctx));
    const version = await finish(trx, {
      serviceId: input.serviceId,
      actorId: input.actorId,
      action: 'service.revert',
      before: stored,
      after,
      beforeValues,
      afterValues,
      revertsEventId: Number(event.id),
    });
    const { id } = await trx
      .selectFrom('audit_event')
      .select(sql<number>`max(id)`.as('id'))
      .where('entity_id', '=', input.serviceId)
      .executeTakeFirstOrThrow();
    return { kind: 'reverted', version, eventId: Number(id) };
  });
}
