/**
 * Password reset by email: a single-use token that expires in 30 minutes. Asking gives the same
 * answer whether or not the email has an account; using it sets a new password (through the
 * one password schema) and ends every session of the account.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { enqueueMail } from '../mail/outbox.server';
import { recordAudit } from './audit.server';
import { hashPassword } from './password.server';
import { deleteAccountSessions } from './session.server';
import { consumeToken, issueToken } from './tokens.server';

export const RESET_MINUTES = 30;

export async function requestPasswordReset(
  db: Kysely<Database>,
  email: string,
  options: { siteName: string; baseUrl: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const account = await trx
      .selectFrom('account')
      .select(['id', 'locale'])
      .where('email', '=', email)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!account) return;
    const token = await issueToken(trx, account.id, 'password_reset', RESET_MINUTES);
    await enqueueMail(trx, {
      to: email,
      locale: account.locale,
      kind: 'passwordReset',
      values: { siteName: options.siteName, link: `${options.baseUrl}/staff/reset-password/${token}` },
    });
    await recordAudit(trx, {
      actorId: null,
      action: 'auth.password_reset_requested',
      entityType: 'account',
      entityId: account.id,
    });
  });
}

/** Sets the new password if the token is live; returns false otherwise. */
export async function resetPassword(db: Kysely<Database>, token: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const accountId = await consumeToken(trx, token, 'password_reset');
    if (!accountId) return false;
    await trx
      .updateTable('account')
      .set({ password_hash: passwordHash, updated_at: sql`now()`, version: sql`version + 1` })
      .where('id', '=', accountId)
      .execute();
    await deleteAccountSessions(trx, accountId);
    await recordAudit(trx, {
      actorId: accountId,
      action: 'auth.password_reset',
      entityType: 'account',
      entityId: accountId,
    });
    return true;
  });
}
