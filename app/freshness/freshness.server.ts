/**
 * Journey 6, freshness: an organization confirms a listing is still accurate (sets
 * `service.last_verified_at`, audited), the admins' stale-listing report, and the reminder job
 * that mails each owner one digest of their stale listings per period through the outbox.
 * Confirming is not an edit: it does not bump the service's `version`, so nobody's open editor
 * gets a conflict because someone else confirmed the listing.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';
import { isUuid, toIso } from '../../db/values';
import { recordAudit } from '../accounts/audit.server';
import { type Locale, translator } from '../i18n/i18n';
import { correctionMessages } from '../i18n/messages/corrections';
import { enqueueMail } from '../mail/outbox.server';
import { formatConfirmedDate, monthsBefore, reminderPeriod } from './freshness';

/** Services that can go stale: still offered (active or temporarily closed). */
const OFFERED = ['active', 'temporarily closed'] as const;
/** Organizations whose listings are kept: verified ones (pending wait, others are not shown). */
const KEPT = ['verified'] as const;

export interface ConfirmableService {
  id: string;
  name: string;
  status: string;
  organizationId: string;
  organizationName: string;
  lastVerifiedAt: string | null;
}

/** A service as the confirm page shows it (permission is checked by the caller, by organization). */
export async function getConfirmableService(
  db: Kysely<Database>,
  serviceId: string,
): Promise<ConfirmableService | null> {
  if (!isUuid(serviceId)) return null;
  const row = await db
    .selectFrom('service as s')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .select([
      's.id',
      's.name',
      's.status',
      's.organization_id',
      'o.name as organization_name',
      's.last_verified_at',
    ])
    .where('s.id', '=', serviceId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    lastVerifiedAt: toIso(row.last_verified_at),
  };
}

/**
 * "This listing is still accurate": sets last_verified_at to now and records who, in one
 * transaction. Scoped to the organization the caller may act for (null = any, for admins).
 */
export async function confirmService(
  db: Kysely<Database>,
  input: { serviceId: string; organizationId: string | null; actorId: string },
): Promise<{ lastVerifiedAt: string } | null> {
  if (!isUuid(input.serviceId)) return null;
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('service')
      .select(['id', 'last_verified_at'])
      .where('id', '=', input.serviceId)
      .forUpdate();
    if (input.organizationId) query = query.where('organization_id', '=', input.organizationId);
    const before = await query.executeTakeFirst();
    if (!before) return null;
    const after = await trx
      .updateTable('service')
      .set({ last_verified_at: sql`now()` })
      .where('id', '=', input.serviceId)
      .returning('last_verified_at')
      .executeTakeFirstOrThrow();
    const lastVerifiedAt = toIso(after.last_verified_at)!;
    await recordAudit(trx, {
      actorId: input.actorId,
      action: 'service.confirm',
      entityType: 'service',
      entityId: input.serviceId,
      before: { last_verified_at: toIso(before.last_verified_at) },
      after: { last_verified_at: lastVerifiedAt },
    });
    return { lastVerifiedAt };
  });
}

export interface StaleService {
  id: string;
  name: string;
  lastVerifiedAt: string | null;
}

export interface StaleOrganization {
  id: string;
  name: string;
  count: number;
  services: StaleService[];
}

/**
 * Services of verified organizations not confirmed in `months` months (never confirmed counts),
 * grouped by organization: most stale listings first, then by name.
 */
export async function listStaleServices(
  db: Kysely<Database>,
  input: { months: number; now?: Date; organizationIds?: readonly string[] },
): Promise<StaleOrganization[]> {
  const cutoff = monthsBefore(input.now ?? new Date(), input.months);
  let query = db
    .selectFrom('service as s')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .select([
      'o.id as organization_id',
      'o.name as organization_name',
      's.id',
      's.name',
      's.last_verified_at',
    ])
    .where('o.verification_status', 'in', KEPT)
    .where('s.status', 'in', OFFERED)
    .where((eb) => eb.or([eb('s.last_verified_at', 'is', null), eb('s.last_verified_at', '<', cutoff)]))
    .orderBy('o.name')
    .orderBy('o.id')
    .orderBy(sql`s.last_verified_at asc nulls first`)
    .orderBy('s.name');
  if (input.organizationIds) {
    if (input.organizationIds.length === 0) return [];
    query = query.where('o.id', 'in', input.organizationIds);
  }
  const rows = await query.execute();
  const groups = new Map<string, StaleOrganization>();
  for (const row of rows) {
    const group = groups.get(row.organization_id) ?? {
      id: row.organization_id,
      name: row.organization_name,
      count: 0,
      services: [],
    };
    group.count += 1;
    group.services.push({ id: row.id, name: row.name, lastVerifiedAt: toIso(row.last_verified_at) });
    groups.set(row.organization_id, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

export interface RemindResult {
  period: string;
  /** Owners with stale listings this run. */
  owners: number;
  /** Digests queued by this run. */
  queued: number;
  /** Owners already reminded in this period (idempotent re-run). */
  alreadyReminded: number;
}

/** The digest's list of listings, in the owner's language, with a confirm link for each. */
function digestList(organizations: StaleOrganization[], locale: Locale, baseUrl: string): string {
  const t = translator(correctionMessages, locale);
  const lines: string[] = [];
  for (const organization of organizations) {
    lines.push(`${organization.name} (${organization.count})`);
    for (const service of organization.services) {
      const when = service.lastVerifiedAt
        ? t('digestConfirmedOn', { date: formatConfirmedDate(service.lastVerifiedAt, locale) })
        : t('digestNeverConfirmed');
      lines.push(`- ${service.name} — ${when}`);
      lines.push(`  ${baseUrl}/staff/services/${service.id}/confirm?hl=${locale}`);
    }
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

/**
 * One digest per owner (active account) of the stale listings of every organization they own,
 * at most once per period: the `freshness_reminder` row is written in the same transaction as
 * the queued mail, with `on conflict do nothing`, so a second run (or two at once) sends none.
 */
export async function remindStaleOwners(
  db: Kysely<Database>,
  input: { months: number; now?: Date; baseUrl: string; siteName: string },
): Promise<RemindResult> {
  const now = input.now ?? new Date();
  const period = reminderPeriod(now);
  const stale = await listStaleServices(db, { months: input.months, now });
  const result: RemindResult = { period, owners: 0, queued: 0, alreadyReminded: 0 };
  if (stale.length === 0) return result;
  const owners = await db
    .selectFrom('membership as m')
    .innerJoin('account as a', 'a.id', 'm.account_id')
    .select(['a.id', 'a.email', 'a.locale', 'm.organization_id'])
    .where('m.role', '=', 'owner')
    .where('a.status', '=', 'active')
    .where(
      'm.organization_id',
      'in',
      stale.map((organization) => organization.id),
    )
    .orderBy('a.email')
    .execute();
  const byOwner = new Map<string, { email: string; locale: Locale; organizations: StaleOrganization[] }>();
  const staleById = new Map(stale.map((organization) => [organization.id, organization]));
  for (const owner of owners) {
    const entry = byOwner.get(owner.id) ?? { email: owner.email, locale: owner.locale, organizations: [] };
    entry.organizations.push(staleById.get(owner.organization_id)!);
    byOwner.set(owner.id, entry);
  }
  result.owners = byOwner.size;
  for (const [accountId, owner] of byOwner) {
    const count = owner.organizations.reduce((sum, organization) => sum + organization.count, 0);
    const queued = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto('freshness_reminder')
        .values({ account_id: accountId, period, services: count })
        .onConflict((oc) => oc.columns(['account_id', 'period']).doNothing())
        .returning('account_id')
        .executeTakeFirst();
      if (!claimed) return false;
      await enqueueMail(trx, {
        to: owner.email,
        locale: owner.locale,
        kind: 'staleDigest',
        values: {
          siteName: input.siteName,
          count: String(count),
          months: String(input.months),
          listings: digestList(owner.organizations, owner.locale, input.baseUrl),
          link: `${input.baseUrl}/staff?hl=${owner.locale}`,
        },
      });
      return true;
    });
    if (queued) result.queued += 1;
    else result.alreadyReminded += 1;
  }
  return result;
}
