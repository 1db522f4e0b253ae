/**
 * Single-use emailed tokens (email confirmation, password reset): 256-bit random, stored only
 * as their SHA-256, with an expiry. Using one is one atomic update, so two racing uses yield one.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';
import { hashToken, newToken } from './session.server';

export type TokenPurpose = 'confirm_email' | 'password_reset';

/** Issues a token (and withdraws the account's unused ones for the same purpose). */
export async function issueToken(
  db: Kysely<Database>,
  accountId: string,
  purpose: TokenPurpose,
  minutes: number,
): Promise<string> {
  await db
    .deleteFrom('account_token')
    .where('account_id', '=', accountId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
  const token = newToken();
  await db
    .insertInto('account_token')
    .values({
      id: hashToken(token),
      account_id: accountId,
      purpose,
      expires_at: sql<Date>`now() + make_interval(mins => ${minutes})`,
    })
    .execute();
  return token;
}

/** The token's account id, marking the token used; null when unknown, used or expired. */
export async function consumeToken(
  db: Kysely<Database>,
  token: string,
  purpose: TokenPurpose,
): Promise<string | null> {
  const row = await db
    .updateTable('account_token')
    .set({ used_at: sql`now()` })
    .where('id', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('account_id')
    .executeTakeFirst();
  return row?.account_id ?? null;
}

/** True when the token could still be used (for showing its form; using it is consumeToken). */
export async function tokenIsLive(
  db: Kysely<Database>,
  token: string,
  purpose: TokenPurpose,
): Promise<boolean> {
  const row = await db
    .selectFrom('account_token')
    .select('id')
    .where('id', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row !== undefined;
}
