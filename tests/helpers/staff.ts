/**
 * Staff-side test helpers: accounts and organizations made directly in the database (through
 * the real account code), and signing in over real HTTP to get a session cookie.
 */
import type { Kysely } from 'kysely';
import { type AccountRole, createAccount } from '../../app/accounts/accounts.server';
import type { Database, VerificationStatus } from '../../db/types';

/** A password the one password schema accepts. */
export const STAFF_PASSWORD = 'violet ferry mountain 2026';

export async function createOrganization(
  db: Kysely<Database>,
  name: string,
  status: VerificationStatus = 'verified',
): Promise<string> {
  const row = await db
    .insertInto('organization')
    .values({
      name,
      verification_status: status,
      verified_at: status === 'verified' ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createStaff(
  db: Kysely<Database>,
  email: string,
  role: AccountRole,
  organizationId?: string,
): Promise<string> {
  const account = await createAccount(db, { email, password: STAFF_PASSWORD, role, organizationId });
  return account.id;
}

/** `name=value` of the cookie a response sets (the first one with that prefix). */
export function cookieFrom(response: Response, prefix = 'haven_session'): string | null {
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(';')[0]!;
    if (pair.startsWith(`${prefix}=`)) return pair;
  }
  return null;
}

export function postForm(url: string, fields: Record<string, string>, cookie?: string | null) {
  const origin = new URL(url).origin;
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: origin,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields),
  });
}

/** Signs in over HTTP; returns the response and the session cookie it set. */
export async function signIn(baseUrl: string, email: string, password = STAFF_PASSWORD, cookie?: string) {
  const response = await postForm(`${baseUrl}/staff/sign-in`, { email, password }, cookie);
  return { response, cookie: cookieFrom(response) };
}
