/**
 * Sign-in throttling (ASVS 5.0 V6.3.1): at most 10 failed attempts per 15 minutes per account
 * and per client address, counted in the `login_attempt` table so every app server sees them.
 * An email with no account is counted the same way, so a locked unknown email looks the same
 * as a locked real one. Addresses are stored as a keyed hash, never in clear.
 */
import { createHmac } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';
import { recordAudit } from './audit.server';

export const MAX_FAILURES = 10;
export const WINDOW_MINUTES = 15;

const addressKey = (clientAddress: string, secret: string) =>
  createHmac('sha256', secret).update(clientAddress).digest('hex').slice(0, 32);

export function throttleKeys(email: string, clientAddress: string, secret: string): string[] {
  return [`account:${email}`, `ip:${addressKey(clientAddress, secret)}`];
}

/** Wrong second-factor codes count for the account and the address, like wrong passwords. */
export function secondFactorThrottleKeys(accountId: string, clientAddress: string, secret: string): string[] {
  return [`2fa:${accountId}`, `ip:${addressKey(clientAddress, secret)}`];
}

/**
 * Password-reset requests (ASVS V6.3): at most 5 per email and 20 per address in 15 minutes,
 * counted whether or not the email has an account (the answer never tells).
 */
export const RESET_LIMITS = { perAccount: 5, perAddress: 20 } as const;

export function resetThrottleKeys(email: string, clientAddress: string, secret: string) {
  return { account: `reset:${email}`, address: `reset-ip:${addressKey(clientAddress, secret)}` };
}

/** Counts one reset request; false when either limit was already reached (nothing is counted then). */
export async function allowResetRequest(
  db: Kysely<Database>,
  keys: { account: string; address: string },
): Promise<boolean> {
  const rows = await db
    .selectFrom('login_attempt')
    .select(['key', (eb) => eb.fn.countAll<string>().as('n')])
    .where('key', 'in', [keys.account, keys.address])
    .where('attempted_at', '>', sql<Date>`now() - make_interval(mins => ${WINDOW_MINUTES})`)
    .groupBy('key')
    .execute();
  const count = (key: string) => Number(rows.find((row) => row.key === key)?.n ?? 0);
  if (count(keys.account) >= RESET_LIMITS.perAccount || count(keys.address) >= RESET_LIMITS.perAddress) {
    await recordAudit(db, {
      actorId: null,
      action: 'auth.password_reset_throttled',
      entityType: 'account',
      entityId: null,
    });
    return false;
  }
  await recordFailure(db, [keys.account, keys.address]);
  return true;
}

/** True when any key has reached the limit within the window. */
export async function isThrottled(db: Kysely<Database>, keys: string[]): Promise<boolean> {
  const rows = await db
    .selectFrom('login_attempt')
    .select(['key', (eb) => eb.fn.countAll<string>().as('failures')])
    .where('key', 'in', keys)
    .where('attempted_at', '>', sql<Date>`now() - make_interval(mins => ${WINDOW_MINUTES})`)
    .groupBy('key')
    .execute();
  return rows.some((row) => Number(row.failures) >= MAX_FAILURES);
}

export async function recordFailure(db: Kysely<Database>, keys: string[]): Promise<void> {
  await db
    .deleteFrom('login_attempt')
    .where('attempted_at', '<', sql<Date>`now() - make_interval(mins => ${WINDOW_MINUTES})`)
    .execute();
  await db
    .insertInto('login_attempt')
    .values(keys.map((key) => ({ key })))
    .execute();
}

/** After a successful sign-in the account's count starts again (the address's does not). */
export async function clearAccountFailures(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom('login_attempt').where('key', '=', `account:${email}`).execute();
}
