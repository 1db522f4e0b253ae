/**
 * Staff sessions, stored in Postgres (app servers stay stateless). The browser holds a random
 * 256-bit token in a signed, HttpOnly, SameSite=Lax cookie (`__Host-haven_session`, Secure, in
 * production); the `session` row's id is the SHA-256 of that token, so a leaked table hands out
 * no live session. Idle and absolute timeouts are checked by the database clock.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Cookie, createCookie } from '@remix-run/node';
import { type Kysely, sql } from 'kysely';
import type { Database, SessionStage } from '../../db/types';
import type { Config } from '../config/config.server';

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

export function sessionTimeouts(config: Config): SessionTimeouts {
  return { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A fresh 256-bit random token, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export class StaffConfigError extends Error {}

// Without SESSION_SECRET outside production, cookies are signed with a per-process secret
// (every restart signs everyone out, which is fine for development and tests).
const processSecret = randomBytes(32).toString('hex');
const cookies = new Map<string, Cookie>();

/** The deployment's signing secret; refuses to run in production without SESSION_SECRET. */
export function serverSecret(config: Config): string {
  if (config.NODE_ENV === 'production' && !config.SESSION_SECRET)
    throw new StaffConfigError('Staff sign-in needs SESSION_SECRET (32+ characters) in production.');
  return config.SESSION_SECRET ?? processSecret;
}

/** The session cookie for this deployment. */
export function sessionCookie(config: Config): Cookie {
  const production = config.NODE_ENV === 'production';
  const secret = serverSecret(config);
  const name = production ? '__Host-haven_session' : 'haven_session';
  const key = `${name}:${secret}`;
  let cookie = cookies.get(key);
  if (!cookie) {
    cookie = createCookie(name, {
      httpOnly: true,
      sameSite: 'lax',
      secure: production,
      path: '/',
      secrets: [secret],
    });
    cookies.set(key, cookie);
  }
  return cookie;
}

/** The token in the request's cookie, if its signature holds. */
export async function sessionToken(request: Request, config: Config): Promise<string | null> {
  const value: unknown = await sessionCookie(config).parse(request.headers.get('Cookie'));
  return typeof value === 'string' && value.length >= 40 ? value : null;
}

export interface SessionAccount {
  sessionId: string;
  accountId: string;
  email: string;
  displayName: string | null;
  isAdmin: boolean;
  locale: 'en' | 'es';
  stage: SessionStage;
}

/** A session that has only passed the password step lives 10 minutes at most. */
export const PARTIAL_SESSION_MINUTES = 10;

/** Creates a session row; returns the Set-Cookie header value that hands its token out. */
export async function createSession(
  db: Kysely<Database>,
  config: Config,
  accountId: string,
  stage: SessionStage = 'full',
): Promise<{ sessionId: string; setCookie: string }> {
  const token = newToken();
  const sessionId = hashToken(token);
  await db
    .insertInto('session')
    .values({
      id: sessionId,
      account_id: accountId,
      stage,
      expires_at:
        stage === 'full'
          ? sql<Date>`now() + make_interval(hours => ${config.SESSION_ABSOLUTE_HOURS})`
          : sql<Date>`now() + make_interval(mins => ${PARTIAL_SESSION_MINUTES})`,
    })
    .execute();
  return { sessionId, setCookie: await sessionCookie(config).serialize(token) };
}

/** A Set-Cookie header value that removes the session cookie. */
export function clearSessionCookie(config: Config): Promise<string> {
  return sessionCookie(config).serialize('', { maxAge: 0 });
}

/**
 * The live session behind a token, with its account; an expired session (idle or absolute)
 * or a disabled account's session is deleted and gives null. Touches `last_seen_at` at most
 * once a minute.
 */
export async function findSession(
  db: Kysely<Database>,
  token: string,
  timeouts: SessionTimeouts,
): Promise<SessionAccount | null> {
  const sessionId = hashToken(token);
  const row = await db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select([
      'session.account_id',
      'account.email',
      'account.display_name',
      'account.is_admin',
      'account.locale',
      'account.status',
      'session.stage',
      sql<boolean>`session.expires_at <= now()
        or session.last_seen_at <= now() - make_interval(mins => ${timeouts.idleMinutes})`.as('expired'),
      sql<boolean>`session.last_seen_at < now() - interval '1 minute'`.as('stale'),
    ])
    .where('session.id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return null;
  if (row.expired || row.status !== 'active') {
    await db.deleteFrom('session').where('id', '=', sessionId).execute();
    return null;
  }
  if (row.stale)
    await db
      .updateTable('session')
      .set({ last_seen_at: sql`now()` })
      .where('id', '=', sessionId)
      .execute();
  return {
    sessionId,
    accountId: row.account_id,
    email: row.email,
    displayName: row.display_name,
    isAdmin: row.is_admin,
    locale: row.locale,
    stage: row.stage,
  };
}

/**
 * Rotation (ASVS V7.2.4): a new session id for the same person — at sign-in's last step, after
 * setting up two-factor, after joining an organization — and the old row deleted.
 */
export async function rotateSession(
  db: Kysely<Database>,
  config: Config,
  input: { sessionId: string; accountId: string; stage?: SessionStage },
): Promise<{ sessionId: string; setCookie: string }> {
  await deleteSession(db, input.sessionId);
  return createSession(db, config, input.accountId, input.stage ?? 'full');
}

/** Moves a session back to a stage (after enrolment: only "continue", which rotates it, goes on). */
export async function setSessionStage(
  db: Kysely<Database>,
  sessionId: string,
  stage: SessionStage,
): Promise<void> {
  await db.updateTable('session').set({ stage }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

/** Ends every session of an account (force sign-out, password reset, role change, disable). */
export async function deleteAccountSessions(
  db: Kysely<Database>,
  accountId: string,
  options: { except?: string } = {},
): Promise<number> {
  let query = db.deleteFrom('session').where('account_id', '=', accountId);
  if (options.except) query = query.where('id', '<>', options.except);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
