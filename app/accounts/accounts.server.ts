/**
 * Accounts and organization memberships: creating staff accounts (the `user:create` CLI now,
 * sign-up and invitations later). Every write is one transaction with an audit event.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, MembershipRole } from '../../db/types';
import { recordAudit } from './audit.server';
import { hashPassword, passwordSchema } from './password.server';

export const ROLES = ['admin', 'owner', 'editor', 'caseworker'] as const;
export type AccountRole = (typeof ROLES)[number];

export const newAccountSchema = z
  .object({
    email: z.string().trim().toLowerCase().email('Enter a valid email address.'),
    password: passwordSchema,
    role: z.enum(ROLES, { message: `Role must be one of: ${ROLES.join(', ')}.` }),
    organizationId: z.string().uuid('Organization id must be a UUID.').optional(),
    displayName: z.string().trim().max(120).optional(),
  })
  .refine((value) => value.role === 'admin' || value.organizationId, {
    message: 'Owners, editors and caseworkers belong to an organization: give --org <id>.',
    path: ['organizationId'],
  });

export type NewAccount = z.input<typeof newAccountSchema>;

export class AccountError extends Error {}

export interface AccountSummary {
  id: string;
  email: string;
  isAdmin: boolean;
  organizationId: string | null;
  role: AccountRole;
}

export async function createAccount(db: Kysely<Database>, input: NewAccount): Promise<AccountSummary> {
  const account = newAccountSchema.parse(input);
  const passwordHash = await hashPassword(account.password);
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('account')
      .select('id')
      .where('email', '=', account.email)
      .executeTakeFirst();
    if (existing) throw new AccountError(`An account with the email ${account.email} already exists.`);
    if (account.organizationId) {
      const organization = await trx
        .selectFrom('organization')
        .select('id')
        .where('id', '=', account.organizationId)
        .executeTakeFirst();
      if (!organization) throw new AccountError(`No organization has the id ${account.organizationId}.`);
    }
    const { id } = await trx
      .insertInto('account')
      .values({
        email: account.email,
        password_hash: passwordHash,
        display_name: account.displayName ?? null,
        is_admin: account.role === 'admin',
        // Made by an operator on the command line: the address is taken as confirmed.
        email_confirmed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (account.role !== 'admin' && account.organizationId) {
      await trx
        .insertInto('membership')
        .values({
          account_id: id,
          organization_id: account.organizationId,
          role: account.role as MembershipRole,
        })
        .execute();
    }
    await recordAudit(trx, {
      actorId: null,
      action: 'account.create',
      entityType: 'account',
      entityId: id,
      after: { email: account.email, role: account.role, organization_id: account.organizationId ?? null },
    });
    return {
      id,
      email: account.email,
      isAdmin: account.role === 'admin',
      organizationId: account.organizationId ?? null,
      role: account.role,
    };
  });
}
