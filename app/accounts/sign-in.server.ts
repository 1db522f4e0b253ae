/**
 * Signing in and out. A wrong password, an unknown email and a disabled account get the same
 * answer after the same work (an argon2id verification against a dummy hash), and every
 * attempt is an audit event. The 11th failure within 15 minutes is refused before the
 * password is even checked.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { recordAudit } from './audit.server';
import { hashPassword, verifyPassword } from './password.server';
import { clearAccountFailures, isThrottled, recordFailure } from './throttle.server';

export type SignInResult = { ok: true; accountId: string } | { ok: false; reason: 'invalid' | 'throttled' };

let dummyHash: Promise<string> | undefined;

export async function checkCredentials(
  db: Kysely<Database>,
  input: { email: string; password: string; throttleKeys: string[] },
): Promise<SignInResult> {
  const account = await db
    .selectFrom('account')
    .select(['id', 'password_hash', 'status'])
    .where('email', '=', input.email)
    .executeTakeFirst();
  if (await isThrottled(db, input.throttleKeys)) {
    await recordAudit(db, {
      actorId: null,
      action: 'auth.sign_in_locked',
      entityType: 'account',
      entityId: account?.id ?? null,
    });
    return { ok: false, reason: 'throttled' };
  }
  dummyHash ??= hashPassword('a password that no account has, for equal timing');
  const valid = await verifyPassword(account?.password_hash ?? (await dummyHash), input.password);
  if (!account || !valid || account.status !== 'active') {
    await recordFailure(db, input.throttleKeys);
    await recordAudit(db, {
      actorId: null,
      action: 'auth.sign_in_failed',
      entityType: 'account',
      entityId: account?.id ?? null,
    });
    return { ok: false, reason: 'invalid' };
  }
  await clearAccountFailures(db, input.email);
  await recordAudit(db, {
    actorId: account.id,
    action: 'auth.sign_in',
    entityType: 'account',
    entityId: account.id,
  });
  return { ok: true, accountId: account.id };
}
