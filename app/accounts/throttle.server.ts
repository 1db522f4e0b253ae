/**
 * Sign-in throttling (ASVS 5.0 V6.3.1): at most 10 failed attempts per 15 minutes per account
 * and per client address, counted in the `login_attempt` table so every app server sees them.
 * An email with no account is counted the same way, so a locked unknown email looks the same
 * as a locked real one. Addresses are stored as a keyed hash, never in clear.
 */
import { createHmac } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';

export const MAX_FAILURES = 10;
export const WINDOW_MINUTES = 15;

export function throttleKeys(email: string, clientAddress: string, secret: string): string[] {
  const address = createHmac('sha256', secret).update(clientAddress).digest('hex').slice(0, 32);
  return [`account:${email}`, `ip:${address}`];
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
