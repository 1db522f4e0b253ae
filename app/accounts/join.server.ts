/**
 * "List your organization" (`/join`): one transaction creates the organization (pending:
 * nothing public), its sign-up request, the owner account (email not yet confirmed), the
 * confirmation token and the confirmation mail in the outbox, and an audit event. An email
 * that already has an account gets the same answer and nothing is created (no enumeration).
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/types';
import type { Locale } from '../i18n/i18n';
import { enqueueMail } from '../mail/outbox.server';
import { TOP_CATEGORY_SLUGS } from '../search/taxonomy';
import { recordAudit } from './audit.server';
import { hashPassword } from './password.server';
import type { joinFieldsSchema } from './schema';
import { consumeToken, issueToken } from './tokens.server';

export type JoinRequest = z.output<typeof joinFieldsSchema>;

export const CONFIRM_HOURS = 24;

export async function createJoinRequest(
  db: Kysely<Database>,
  input: JoinRequest,
  options: { locale: Locale; siteName: string; baseUrl: string },
): Promise<{ created: boolean }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('account')
      .select('id')
      .where('email', '=', input.email)
      .executeTakeFirst();
    if (existing) return { created: false };
    const organization = await trx
      .insertInto('organization')
      .values({
        name: input.organizationName,
        website: input.website ?? null,
        tax_id: input.ein ?? null,
        email: input.email,
        verification_status: 'pending',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const account = await trx
      .insertInto('account')
      .values({
        email: input.email,
        password_hash: passwordHash,
        display_name: input.contactName,
        locale: options.locale,
        email_confirmed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('membership')
      .values({ account_id: account.id, organization_id: organization.id, role: 'owner' })
      .execute();
    await trx
      .insertInto('organization_request')
      .values({
        organization_id: organization.id,
        requested_by: account.id,
        contact_name: input.contactName,
        phone: input.phone,
        categories: input.categories.filter((slug) =>
          (TOP_CATEGORY_SLUGS as readonly string[]).includes(slug),
        ),
        service_area: input.serviceArea,
        statement: input.statement,
      })
      .execute();
    const token = await issueToken(trx, account.id, 'confirm_email', CONFIRM_HOURS * 60);
    await enqueueMail(trx, {
      to: input.email,
      locale: options.locale,
      kind: 'confirmEmail',
      values: {
        name: input.contactName,
        organization: input.organizationName,
        siteName: options.siteName,
        link: `${options.baseUrl}/join/confirm/${token}`,
      },
    });
    await recordAudit(trx, {
      actorId: account.id,
      action: 'organization.join_request',
      entityType: 'organization',
      entityId: organization.id,
      after: { name: input.organizationName, website: input.website ?? null },
    });
    return { created: true };
  });
}

export async function confirmEmail(db: Kysely<Database>, token: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const accountId = await consumeToken(trx, token, 'confirm_email');
    if (!accountId) return false;
    await trx
      .updateTable('account')
      .set({ email_confirmed_at: sql`coalesce(email_confirmed_at, now())` })
      .where('id', '=', accountId)
      .execute();
    await recordAudit(trx, {
      actorId: accountId,
      action: 'email.confirm',
      entityType: 'account',
      entityId: accountId,
    });
    return true;
  });
}
