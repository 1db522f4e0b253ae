/**
 * Organization members and invitations. An owner invites a teammate by email with a role
 * (owner, editor or caseworker — an agency that only refers invites caseworkers); the mail
 * goes through the outbox in the same transaction. The link's token is 256 random bits,
 * stored only as its SHA-256, valid for 7 days and used once (one atomic update). A new person
 * sets a password on the invitation page; a person who already has an account signs in and
 * accepts. Owners see and remove members, but an organization never loses its last owner.
 */
import { type Kysely, sql } from 'kysely';
import type { Database, MembershipRole } from '../../db/types';
import type { Locale } from '../i18n/i18n';
import { enqueueMail } from '../mail/outbox.server';
import { recordAudit } from './audit.server';
import { hashPassword } from './password.server';
import { deleteAccountSessions, hashToken, newToken } from './session.server';

export const INVITATION_DAYS = 7;

const ROLE_NAMES = {
  en: { owner: 'an owner', editor: 'an editor', caseworker: 'a caseworker' },
  es: { owner: 'responsable', editor: 'editor', caseworker: 'trabajador social' },
} as const;

export interface Member {
  accountId: string;
  email: string;
  displayName: string | null;
  role: MembershipRole;
  twoFactor: boolean;
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: MembershipRole;
  expiresAt: string;
}

export async function listMembers(db: Kysely<Database>, organizationId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('membership')
    .innerJoin('account', 'account.id', 'membership.account_id')
    .select([
      'account.id',
      'account.email',
      'account.display_name',
      'membership.role',
      'account.totp_enabled_at',
    ])
    .where('membership.organization_id', '=', organizationId)
    .orderBy('account.email')
    .execute();
  return rows.map((row) => ({
    accountId: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    twoFactor: row.totp_enabled_at !== null,
  }));
}

export async function listPendingInvitations(
  db: Kysely<Database>,
  organizationId: string,
): Promise<PendingInvitation[]> {
  const rows = await db
    .selectFrom('invitation')
    .select(['id', 'email', 'role', 'expires_at'])
    .where('organization_id', '=', organizationId)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    expiresAt: new Date(row.expires_at).toISOString(),
  }));
}

export type InviteResult = { ok: true } | { ok: false; reason: 'member' };

/**
 * Invites `email` to the organization (replacing an earlier unused invitation to the same
 * address). Mail in the invitee's language when they have an account, else the inviter's.
 */
export async function createInvitation(
  db: Kysely<Database>,
  input: { organizationId: string; email: string; role: MembershipRole; invitedBy: string },
  options: { locale: Locale; siteName: string; baseUrl: string },
): Promise<InviteResult> {
  return db.transaction().execute(async (trx) => {
    const organization = await trx
      .selectFrom('organization')
      .select(['id', 'name'])
      .where('id', '=', input.organizationId)
      .executeTakeFirstOrThrow();
    const existing = await trx
      .selectFrom('account')
      .leftJoin('membership', (join) =>
        join
          .onRef('membership.account_id', '=', 'account.id')
          .on('membership.organization_id', '=', organization.id),
      )
      .select(['account.locale', 'membership.role'])
      .where('account.email', '=', input.email)
      .executeTakeFirst();
    if (existing?.role) return { ok: false, reason: 'member' } as const;
    const inviter = await trx
      .selectFrom('account')
      .select(['email', 'display_name'])
      .where('id', '=', input.invitedBy)
      .executeTakeFirstOrThrow();
    await trx
      .deleteFrom('invitation')
      .where('organization_id', '=', organization.id)
      .where('email', '=', input.email)
      .where('accepted_at', 'is', null)
      .execute();
    const token = newToken();
    const invitation = await trx
      .insertInto('invitation')
      .values({
        organization_id: organization.id,
        email: input.email,
        role: input.role,
        token_hash: hashToken(token),
        invited_by: input.invitedBy,
        expires_at: sql<Date>`now() + make_interval(days => ${INVITATION_DAYS})`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const locale = existing?.locale ?? options.locale;
    await enqueueMail(trx, {
      to: input.email,
      locale,
      kind: 'invitation',
      values: {
        inviter: inviter.display_name ?? inviter.email,
        organization: organization.name,
        siteName: options.siteName,
        role: ROLE_NAMES[locale][input.role],
        link: `${options.baseUrl}/invitations/${token}`,
      },
    });
    await recordAudit(trx, {
      actorId: input.invitedBy,
      action: 'membership.invite',
      entityType: 'invitation',
      entityId: invitation.id,
      after: { organization_id: organization.id, email: input.email, role: input.role },
    });
    return { ok: true } as const;
  });
}

export async function revokeInvitation(
  db: Kysely<Database>,
  input: { organizationId: string; invitationId: string; actorId: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('invitation')
      .where('id', '=', input.invitationId)
      .where('organization_id', '=', input.organizationId)
      .where('accepted_at', 'is', null)
      .returning(['email', 'role'])
      .executeTakeFirst();
    if (!removed) return false;
    await recordAudit(trx, {
      actorId: input.actorId,
      action: 'invitation.revoke',
      entityType: 'invitation',
      entityId: input.invitationId,
      before: { organization_id: input.organizationId, email: removed.email, role: removed.role },
    });
    return true;
  });
}

export interface InvitationView {
  organizationName: string;
  email: string;
  role: MembershipRole;
  /** The invited address already has an account: sign in as it to accept. */
  accountExists: boolean;
}

/** A live invitation for its page (accepting is acceptInvitation). */
export async function findInvitation(db: Kysely<Database>, token: string): Promise<InvitationView | null> {
  const row = await db
    .selectFrom('invitation')
    .innerJoin('organization', 'organization.id', 'invitation.organization_id')
    .leftJoin('account', 'account.email', 'invitation.email')
    .select(['organization.name', 'invitation.email', 'invitation.role', 'account.id as account_id'])
    .where('invitation.token_hash', '=', hashToken(token))
    .where('invitation.accepted_at', 'is', null)
    .where('invitation.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  if (!row) return null;
  return {
    organizationName: row.name,
    email: row.email,
    role: row.role,
    accountExists: row.account_id !== null,
  };
}

export type AcceptResult =
  | { ok: true; accountId: string; organizationId: string; created: boolean }
  | { ok: false; reason: 'invalid' | 'sign_in' | 'wrong_account' };

/**
 * Uses the invitation: with `password`, creates the account (the link proved the address);
 * with `accountId` (the signed-in person), that account must own the invited address.
 */
export async function acceptInvitation(
  db: Kysely<Database>,
  token: string,
  input: { password: string; displayName?: string; locale: Locale } | { accountId: string },
): Promise<AcceptResult> {
  const passwordHash = 'password' in input ? await hashPassword(input.password) : null;
  return db
    .transaction()
    .execute(async (trx) => {
      const invitation = await trx
        .updateTable('invitation')
        .set({ accepted_at: sql`now()` })
        .where('token_hash', '=', hashToken(token))
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', sql<Date>`now()`)
        .returning(['id', 'organization_id', 'email', 'role'])
        .executeTakeFirst();
      if (!invitation) return { ok: false, reason: 'invalid' } as const;
      const account = await trx
        .selectFrom('account')
        .select(['id', 'status'])
        .where('email', '=', invitation.email)
        .executeTakeFirst();
      let accountId: string;
      let created = false;
      if ('accountId' in input) {
        if (!account || account.id !== input.accountId) {
          // Roll back: the invitation stays usable by the right person.
          throw new WrongAccount();
        }
        accountId = account.id;
      } else {
        if (account) throw new SignInFirst();
        const row = await trx
          .insertInto('account')
          .values({
            email: invitation.email,
            password_hash: passwordHash!,
            display_name: input.displayName || null,
            locale: input.locale,
            email_confirmed_at: sql`now()`,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        accountId = row.id;
        created = true;
        await recordAudit(trx, {
          actorId: accountId,
          action: 'account.create',
          entityType: 'account',
          entityId: accountId,
          after: { email: invitation.email, via: 'invitation' },
        });
      }
      await trx
        .insertInto('membership')
        .values({ account_id: accountId, organization_id: invitation.organization_id, role: invitation.role })
        .onConflict((oc) => oc.columns(['account_id', 'organization_id']).doNothing())
        .execute();
      await recordAudit(trx, {
        actorId: accountId,
        action: 'membership.accept',
        entityType: 'invitation',
        entityId: invitation.id,
        after: { organization_id: invitation.organization_id, account_id: accountId, role: invitation.role },
      });
      return { ok: true, accountId, organizationId: invitation.organization_id, created } as const;
    })
    .catch((error: unknown) => {
      if (error instanceof WrongAccount) return { ok: false, reason: 'wrong_account' } as const;
      if (error instanceof SignInFirst) return { ok: false, reason: 'sign_in' } as const;
      throw error;
    });
}

class WrongAccount extends Error {}
class SignInFirst extends Error {}

export type MemberChangeResult = { ok: true } | { ok: false; reason: 'not_found' | 'last_owner' };

/**
 * Changes a member's role, or removes them (`role: null`), refusing to leave the organization
 * without an owner. The owners' rows are locked first, so two owners removing each other at
 * once cannot both succeed. The member's sessions end (a privilege change).
 */
export async function changeMembership(
  db: Kysely<Database>,
  input: { organizationId: string; accountId: string; role: MembershipRole | null; actorId: string },
): Promise<MemberChangeResult> {
  return db.transaction().execute(async (trx) => {
    const owners = await trx
      .selectFrom('membership')
      .select('account_id')
      .where('organization_id', '=', input.organizationId)
      .where('role', '=', 'owner')
      .forUpdate()
      .execute();
    const current = await trx
      .selectFrom('membership')
      .select('role')
      .where('organization_id', '=', input.organizationId)
      .where('account_id', '=', input.accountId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) return { ok: false, reason: 'not_found' } as const;
    if (current.role === 'owner' && input.role !== 'owner' && owners.length <= 1)
      return { ok: false, reason: 'last_owner' } as const;
    if (input.role === null) {
      await trx
        .deleteFrom('membership')
        .where('organization_id', '=', input.organizationId)
        .where('account_id', '=', input.accountId)
        .execute();
    } else {
      await trx
        .updateTable('membership')
        .set({ role: input.role })
        .where('organization_id', '=', input.organizationId)
        .where('account_id', '=', input.accountId)
        .execute();
    }
    if (current.role !== input.role) await deleteAccountSessions(trx, input.accountId);
    await recordAudit(trx, {
      actorId: input.actorId,
      action: input.role === null ? 'membership.remove' : 'membership.role_change',
      entityType: 'membership',
      entityId: input.accountId,
      before: { organization_id: input.organizationId, role: current.role },
      after: input.role === null ? null : { organization_id: input.organizationId, role: input.role },
    });
    return { ok: true } as const;
  });
}
