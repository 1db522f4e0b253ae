/**
 * Site administration of accounts (/staff/admin/accounts): search, disable and enable, the
 * admin flag and organization roles, and force sign-out. Each change is one transaction with
 * its audit event; a change of status or privilege ends the account's sessions. The site
 * never loses its last active admin: the admins' rows are locked before the count.
 */
import { type Kysely, sql } from 'kysely';
import type { Database, MembershipRole } from '../../db/types';
import { recordAudit } from './audit.server';
import { changeMembership } from './invitations.server';
import type { AdminAccountAction } from './schema';
import { deleteAccountSessions } from './session.server';

export interface AccountListItem {
  id: string;
  email: string;
  displayName: string | null;
  isAdmin: boolean;
  status: 'active' | 'disabled';
  twoFactor: boolean;
  activeSessions: number;
  memberships: Array<{ organizationId: string; organizationName: string; role: MembershipRole }>;
}

export const ACCOUNTS_PAGE_SIZE = 50;

/** Accounts whose email or name contains the query (all when empty), admins first, at most 50. */
export async function searchAccounts(
  db: Kysely<Database>,
  query: string,
): Promise<{ accounts: AccountListItem[]; more: boolean }> {
  let select = db.selectFrom('account').select([
    'account.id',
    'account.email',
    'account.display_name',
    'account.is_admin',
    'account.status',
    'account.totp_enabled_at',
    (eb) =>
      eb
        .selectFrom('session')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .whereRef('session.account_id', '=', 'account.id')
        .where('session.expires_at', '>', sql<Date>`now()`)
        .as('sessions'),
  ]);
  const text = query.trim();
  if (text) {
    const pattern = `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
    select = select.where((eb) =>
      eb.or([eb('account.email', 'ilike', pattern), eb('account.display_name', 'ilike', pattern)]),
    );
  }
  const rows = await select
    .orderBy('account.is_admin', 'desc')
    .orderBy('account.email')
    .limit(ACCOUNTS_PAGE_SIZE + 1)
    .execute();
  const page = rows.slice(0, ACCOUNTS_PAGE_SIZE);
  const memberships =
    page.length === 0
      ? []
      : await db
          .selectFrom('membership')
          .innerJoin('organization', 'organization.id', 'membership.organization_id')
          .select(['membership.account_id', 'organization.id', 'organization.name', 'membership.role'])
          .where(
            'membership.account_id',
            'in',
            page.map((row) => row.id),
          )
          .orderBy('organization.name')
          .execute();
  return {
    more: rows.length > ACCOUNTS_PAGE_SIZE,
    accounts: page.map((row) => ({
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      isAdmin: row.is_admin,
      status: row.status,
      twoFactor: row.totp_enabled_at !== null,
      activeSessions: Number(row.sessions ?? 0),
      memberships: memberships
        .filter((membership) => membership.account_id === row.id)
        .map((membership) => ({
          organizationId: membership.id,
          organizationName: membership.name,
          role: membership.role,
        })),
    })),
  };
}

export type AdminChangeResult =
  { ok: true } | { ok: false; reason: 'not_found' | 'last_admin' | 'last_owner' };

/** True when the account is the only active admin left (admins' rows locked by the caller's transaction). */
async function isLastActiveAdmin(db: Kysely<Database>, accountId: string): Promise<boolean> {
  const admins = await db
    .selectFrom('account')
    .select('id')
    .where('is_admin', '=', true)
    .where('status', '=', 'active')
    .forUpdate()
    .execute();
  return admins.length === 1 && admins[0]!.id === accountId;
}

export async function applyAdminAction(
  db: Kysely<Database>,
  action: AdminAccountAction,
  actorId: string,
): Promise<AdminChangeResult> {
  if (action.intent === 'membership')
    return changeMembership(db, {
      organizationId: action.organizationId,
      accountId: action.accountId,
      role: action.role === 'none' ? null : action.role,
      actorId,
    });
  return db.transaction().execute(async (trx) => {
    const account = await trx
      .selectFrom('account')
      .select(['id', 'is_admin', 'status'])
      .where('id', '=', action.accountId)
      .forUpdate()
      .executeTakeFirst();
    if (!account) return { ok: false, reason: 'not_found' } as const;
    const audit = (
      name: 'account.disable' | 'account.enable' | 'account.sessions_revoked' | 'account.role_change',
      before?: Record<string, unknown>,
      after?: Record<string, unknown>,
    ) =>
      recordAudit(trx, { actorId, action: name, entityType: 'account', entityId: account.id, before, after });
    switch (action.intent) {
      case 'disable': {
        if (account.is_admin && (await isLastActiveAdmin(trx, account.id)))
          return { ok: false, reason: 'last_admin' } as const;
        await trx
          .updateTable('account')
          .set({ status: 'disabled', updated_at: sql`now()`, version: sql`version + 1` })
          .where('id', '=', account.id)
          .execute();
        await deleteAccountSessions(trx, account.id);
        await audit('account.disable', { status: account.status }, { status: 'disabled' });
        break;
      }
      case 'enable': {
        await trx
          .updateTable('account')
          .set({ status: 'active', updated_at: sql`now()`, version: sql`version + 1` })
          .where('id', '=', account.id)
          .execute();
        await audit('account.enable', { status: account.status }, { status: 'active' });
        break;
      }
      case 'sign_out': {
        const ended = await deleteAccountSessions(trx, account.id);
        await audit('account.sessions_revoked', undefined, { sessions: ended });
        break;
      }
      case 'admin': {
        const isAdmin = action.value === 'on';
        if (!isAdmin && account.is_admin && (await isLastActiveAdmin(trx, account.id)))
          return { ok: false, reason: 'last_admin' } as const;
        await trx
          .updateTable('account')
          .set({ is_admin: isAdmin, updated_at: sql`now()`, version: sql`version + 1` })
          .where('id', '=', account.id)
          .execute();
        // A privilege change: the account signs in again (and sets up two-factor if now required).
        if (isAdmin !== account.is_admin) await deleteAccountSessions(trx, account.id);
        await audit('account.role_change', { is_admin: account.is_admin }, { is_admin: isAdmin });
        break;
      }
    }
    return { ok: true } as const;
  });
}
