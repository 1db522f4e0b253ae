/**
 * Staff-side test helpers: accounts and organizations made directly in the database (through
 * the real account code), and signing in over real HTTP to get a session cookie. Admins and
 * owners are made with two-factor sign-in already on (it is required for them); `signIn` and
 * `completeTwoFactor` answer the code step with a real TOTP code from the account's secret.
 */
import { generateTOTP } from '@epic-web/totp';
import type { Kysely } from 'kysely';
import type { Page } from 'playwright-core';
import { type AccountRole, createAccount } from '../../app/accounts/accounts.server';
import { encryptSecret, newTotpSecret, totpKey } from '../../app/accounts/two-factor.server';
import { staffMessages } from '../../app/i18n/messages/staff';
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
  if (role === 'admin' || role === 'owner') await enableTwoFactor(db, account.id, account.email);
  return account.id;
}

const totpSecrets = new Map<string, { secret: string; db: Kysely<Database> }>();

/**
 * Turns two-factor sign-in on for an account, as /staff/security would, with a secret the
 * tests know. The key is the one the app derives when SESSION_SECRET is not set (test apps).
 */
export async function enableTwoFactor(
  db: Kysely<Database>,
  accountId: string,
  email: string,
): Promise<string> {
  const secret = newTotpSecret();
  await db
    .updateTable('account')
    .set({ totp_secret: encryptSecret(totpKey(undefined), secret), totp_enabled_at: new Date() })
    .where('id', '=', accountId)
    .execute();
  totpSecrets.set(email, { secret, db });
  return secret;
}

export const hasTwoFactor = (email: string) => totpSecrets.has(email);

/** The current TOTP code of a secret, as an authenticator app shows it. */
export async function totpCodeFor(secret: string): Promise<string> {
  return (await generateTOTP({ secret, period: 30, digits: 6, algorithm: 'SHA-1' })).otp;
}

/**
 * The current code of an account made by createStaff. A code works once per 30-second step,
 * so the account's last used step is forgotten first (tests sign in faster than people do).
 */
export async function totpCode(email: string): Promise<string> {
  const entry = totpSecrets.get(email);
  if (!entry) throw new Error(`${email} has no two-factor secret made by the test helpers`);
  await entry.db.updateTable('account').set({ totp_last_step: null }).where('email', '=', email).execute();
  return totpCodeFor(entry.secret);
}

/** In a browser on the code step: types the account's current code and continues. */
export async function completeTwoFactor(page: Page, locale: 'en' | 'es', email: string): Promise<void> {
  const t = staffMessages[locale];
  await page.waitForURL((url) => url.pathname === '/staff/two-factor');
  await page.getByLabel(t.twoFactorCode).fill(await totpCode(email));
  await page.getByRole('button', { name: t.twoFactorSubmit }).click();
}

/**
 * Signs in through the sign-in form the page is on, as a person would, answering the code
 * step when the account has two-factor sign-in on; returns once the browser has left both.
 */
export async function signInWithForm(
  page: Page,
  locale: 'en' | 'es',
  email: string,
  password = STAFF_PASSWORD,
): Promise<void> {
  const t = staffMessages[locale];
  await page.getByLabel(t.email, { exact: true }).fill(email);
  await page.getByLabel(t.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: t.signIn }).click();
  await page.waitForURL((url) => url.pathname !== '/staff/sign-in');
  if (new URL(page.url()).pathname !== '/staff/two-factor') return;
  await completeTwoFactor(page, locale, email);
  await page.waitForURL((url) => url.pathname !== '/staff/two-factor');
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

/**
 * Signs in over HTTP; returns the last response and the session cookie it set. For an account
 * with two-factor made by these helpers, the code step is answered too (the response is then
 * the code step's); `secondFactor: false` stops after the password step.
 */
export async function signIn(
  baseUrl: string,
  email: string,
  password = STAFF_PASSWORD,
  cookie?: string,
  options: { secondFactor?: boolean } = {},
) {
  const response = await postForm(`${baseUrl}/staff/sign-in`, { email, password }, cookie);
  const partial = cookieFrom(response);
  const location = response.headers.get('location') ?? '';
  if (response.status !== 302 || !location.startsWith('/staff/two-factor') || options.secondFactor === false)
    return { response, cookie: partial };
  if (!hasTwoFactor(email)) return { response, cookie: partial };
  const redirectTo = new URL(location, baseUrl).searchParams.get('redirectTo') ?? '/staff';
  const second = await postForm(
    `${baseUrl}/staff/two-factor`,
    { code: await totpCode(email), redirectTo },
    partial,
  );
  return { response: second, cookie: cookieFrom(second) };
}
