/**
 * Journey 7, public corrections: anyone reports that a public listing is wrong (stored as a
 * `suggestion` row: kind, note, service, organization — nothing about the reporter); the owning
 * organization's owners and editors, and the site admins, handle it in /staff/corrections:
 * accept (the editor then shows the suggestion beside its field, via `correctionSuggestion`),
 * dismiss with a reason, or mark as spam. Every decision is an audit event.
 */
import { type Kysely, sql } from 'kysely';
import type { Database, SuggestionStatus } from '../../db/types';
import { isUuid, toIso } from '../../db/values';
import { recordAudit } from '../accounts/audit.server';
import type { StaffUser } from '../accounts/permissions.server';
import { publicServiceSql } from '../search/visibility';
import { type FieldName, isFieldName } from '../listings/editor/schema';
import type { CorrectionDecision, CorrectionKind } from './schema';

/** Which editor field a kind of report is about (the editor shows the note beside it). */
/** The editor field each kind of report is about (the editor shows the note beside it). */
export const KIND_FIELD: Record<CorrectionKind, FieldName> = {
  phone: 'phones',
  closed: 'status',
  moved: 'location',
  other: 'description',
};

/** Open reports one listing may collect per day, whoever sends them (a flood bound). */
export const OPEN_PER_SERVICE_PER_DAY = 50;

/** Roles that handle their organization's corrections. */
export const HANDLER_ROLES = ['owner', 'editor'] as const;

/** The public listing a report is about (only what the public can see can be reported). */
export async function reportableService(
  db: Kysely<Database>,
  serviceId: string,
): Promise<{ id: string; name: string; organizationName: string } | null> {
  if (!isUuid(serviceId)) return null;
  const row = await db
    .selectFrom('service as s')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .select(['s.id', 's.name', 'o.name as organization_name'])
    .where('s.id', '=', serviceId)
    .where(publicServiceSql)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, organizationName: row.organization_name } : null;
}

/** Stores a report; 'busy' when the listing already has too many open reports today. */
export async function submitCorrection(
  db: Kysely<Database>,
  input: { serviceId: string; kind: CorrectionKind; note: string },
): Promise<'stored' | 'busy' | 'not-found'> {
  return db.transaction().execute(async (trx) => {
    const service = await trx
      .selectFrom('service as s')
      .innerJoin('organization as o', 'o.id', 's.organization_id')
      .select(['s.id', 's.organization_id'])
      .where('s.id', '=', input.serviceId)
      .where(publicServiceSql)
      .forUpdate('s')
      .executeTakeFirst();
    if (!service) return 'not-found';
    const recent = await trx
      .selectFrom('suggestion')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .where('service_id', '=', input.serviceId)
      .where('status', '=', 'open')
      .where('created_at', '>', sql<Date>`now() - interval '1 day'`)
      .executeTakeFirstOrThrow();
    if (recent.n >= OPEN_PER_SERVICE_PER_DAY) return 'busy';
    await trx
      .insertInto('suggestion')
      .values({
        service_id: service.id,
        organization_id: service.organization_id,
        kind: input.kind,
        field_name: KIND_FIELD[input.kind],
        body: input.note,
      })
      .execute();
    return 'stored';
  });
}

/**
 * Whose corrections a person handles: every organization's (admins), the organizations where
 * they are owner or editor, or none (null: a caseworker, or nobody's member → 403).
 */
export function correctionScope(user: StaffUser): 'all' | string[] | null {
  if (user.isAdmin) return 'all';
  const ids = user.memberships
    .filter((membership) => (HANDLER_ROLES as readonly string[]).includes(membership.role))
    .map((membership) => membership.organizationId);
  return ids.length > 0 ? ids : null;
}

export interface CorrectionItem {
  id: string;
  kind: CorrectionKind;
  note: string;
  status: SuggestionStatus;
  decisionReason: string | null;
  createdAt: string;
  serviceId: string;
  serviceName: string;
  organizationId: string;
  organizationName: string;
}

export async function listCorrections(
  db: Kysely<Database>,
  input: { scope: 'all' | string[]; status: SuggestionStatus; limit?: number },
): Promise<CorrectionItem[]> {
  let query = db
    .selectFrom('suggestion as g')
    .innerJoin('service as s', 's.id', 'g.service_id')
    .innerJoin('organization as o', 'o.id', 'g.organization_id')
    .select([
      'g.id',
      'g.kind',
      'g.body',
      'g.status',
      'g.decision_reason',
      'g.created_at',
      's.id as service_id',
      's.name as service_name',
      'o.id as organization_id',
      'o.name as organization_name',
    ])
    .where('g.status', '=', input.status)
    .orderBy('g.created_at', input.status === 'open' ? 'asc' : 'desc')
    .orderBy('g.id')
    .limit(input.limit ?? 200);
  if (input.scope !== 'all') {
    if (input.scope.length === 0) return [];
    query = query.where('g.organization_id', 'in', input.scope);
  }
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    note: row.body,
    status: row.status,
    decisionReason: row.decision_reason,
    createdAt: toIso(row.created_at)!,
    serviceId: row.service_id,
    serviceName: row.service_name,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
  }));
}

/** Open corrections in a scope (for the staff home). */
export async function countOpenCorrections(db: Kysely<Database>, scope: 'all' | string[]): Promise<number> {
  if (scope !== 'all' && scope.length === 0) return 0;
  let query = db
    .selectFrom('suggestion')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .where('status', '=', 'open')
    .where('service_id', 'is not', null);
  if (scope !== 'all') query = query.where('organization_id', 'in', scope);
  return (await query.executeTakeFirstOrThrow()).n;
}

const OUTCOME: Record<CorrectionDecision, SuggestionStatus> = {
  accept: 'accepted',
  dismiss: 'dismissed',
  spam: 'spam',
};

/**
 * Handles one open correction in the person's scope. 'not-found' when it is not theirs to see
 * (another organization's: 404), 'handled' when someone already decided it (409).
 */
export async function decideCorrection(
  db: Kysely<Database>,
  input: {
    correctionId: string;
    scope: 'all' | string[];
    actorId: string;
    decision: CorrectionDecision;
    reason: string;
  },
): Promise<{ outcome: 'done'; serviceId: string } | { outcome: 'not-found' | 'handled' }> {
  if (!isUuid(input.correctionId)) return { outcome: 'not-found' };
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('suggestion')
      .select(['id', 'status', 'service_id', 'organization_id', 'kind'])
      .where('id', '=', input.correctionId)
      .where('service_id', 'is not', null)
      .forUpdate();
    if (input.scope !== 'all') {
      if (input.scope.length === 0) return { outcome: 'not-found' as const };
      query = query.where('organization_id', 'in', input.scope);
    }
    const row = await query.executeTakeFirst();
    if (!row) return { outcome: 'not-found' as const };
    if (row.status !== 'open') return { outcome: 'handled' as const };
    const status = OUTCOME[input.decision];
    await trx
      .updateTable('suggestion')
      .set({
        status,
        decision_reason: input.reason || null,
        resolved_by: input.actorId,
        resolved_at: sql`now()`,
      })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, {
      actorId: input.actorId,
      action: `correction.${input.decision}`,
      entityType: 'suggestion',
      entityId: row.id,
      before: { status: row.status },
      after: {
        status,
        service_id: row.service_id,
        organization_id: row.organization_id,
        kind: row.kind,
        ...(input.reason ? { reason: input.reason } : {}),
      },
    });
    return { outcome: 'done' as const, serviceId: row.service_id! };
  });
}

/** Where "accept" leads: the service editor, with the correction shown beside its field. */
export function editorUrlFor(serviceId: string, correctionId: string): string {
  return `/staff/services/${serviceId}/edit?correction=${correctionId}`;
}

/**
 * For the service editor (`?correction=<id>`): which field an open or accepted correction of
 * this service is about and what the reporter wrote; null when the id does not belong to the
 * service (or was dismissed or marked spam). The editor's own permission check comes first.
 */
export async function correctionSuggestion(
  db: Kysely<Database>,
  correctionId: string,
  serviceId: string,
): Promise<{ field: FieldName; text: string } | null> {
  if (!isUuid(correctionId) || !isUuid(serviceId)) return null;
  const row = await db
    .selectFrom('suggestion')
    .select(['kind', 'field_name', 'body'])
    .where('id', '=', correctionId)
    .where('service_id', '=', serviceId)
    .where('status', 'in', ['open', 'accepted'])
    .executeTakeFirst();
  if (!row) return null;
  const field = row.field_name && isFieldName(row.field_name) ? row.field_name : KIND_FIELD[row.kind];
  return { field, text: row.body };
}
