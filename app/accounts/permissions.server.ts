/**
 * The one place staff permissions are decided. Every staff loader and action begins with one
 * of these calls (tests/staff/route-checks.test.ts fails a route module that does not):
 *   const user = await requireUser(request, context);          // signed in, else to sign-in
 *   const user = await requireAdmin(request, context);         // site admin, else 403
 *   const { user } = await requireMembership(request, context, orgId, ['owner']);
 * A person who is not a member of an organization gets 404 for it (its existence is not
 * confirmed); a member without the role gets 403. Queries also filter by the organization.
 */
import { type AppLoadContext, data, redirect } from '@remix-run/node';
import type { Kysely } from 'kysely';
import type { Database, MembershipRole, SessionStage } from '../../db/types';
import { findSession, sessionTimeouts, sessionToken, StaffConfigError } from './session.server';

export interface Membership {
  organizationId: string;
  organizationName: string;
  verificationStatus: string;
  role: MembershipRole;
}

export interface StaffUser {
  sessionId: string;
  id: string;
  email: string;
  displayName: string | null;
  isAdmin: boolean;
  locale: 'en' | 'es';
  /** 'full' unless the caller allowed a session still signing in (see requireUser). */
  stage: SessionStage;
  memberships: Membership[];
}

export interface UserOptions {
  /**
   * Sessions that have passed only the password step are not signed in. The pages that finish
   * signing in (the code step, the forced two-factor set-up) allow their stage here.
   */
  stages?: readonly SessionStage[];
}

export async function listMemberships(db: Kysely<Database>, accountId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom('membership')
    .innerJoin('organization', 'organization.id', 'membership.organization_id')
    .select(['organization.id', 'organization.name', 'organization.verification_status', 'membership.role'])
    .where('membership.account_id', '=', accountId)
    .orderBy('organization.name')
    .execute();
  return rows.map((row) => ({
    organizationId: row.id,
    organizationName: row.name,
    verificationStatus: row.verification_status,
    role: row.role,
  }));
}

function unavailable(error: unknown): never {
  if (error instanceof StaffConfigError) throw data(error.message, { status: 503 });
  throw error;
}

/** The signed-in person, or null (no cookie, bad signature, expired, disabled, or still signing in). */
export async function getStaffUser(
  request: Request,
  context: AppLoadContext,
  options: UserOptions = {},
): Promise<StaffUser | null> {
  const token = await sessionToken(request, context.config).catch(unavailable);
  if (!token) return null;
  const session = await findSession(context.db, token, sessionTimeouts(context.config));
  if (!session || !(options.stages ?? ['full']).includes(session.stage)) return null;
  return {
    sessionId: session.sessionId,
    id: session.accountId,
    email: session.email,
    displayName: session.displayName,
    isAdmin: session.isAdmin,
    locale: session.locale,
    stage: session.stage,
    memberships: await listMemberships(context.db, session.accountId),
  };
}

/** Where a signed-out person is sent: the sign-in page, coming back here afterwards. */
export function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = request.method === 'GET' ? `${url.pathname}${url.search}` : '/staff';
  return redirect(`/staff/sign-in?redirectTo=${encodeURIComponent(back)}`);
}

export async function requireUser(
  request: Request,
  context: AppLoadContext,
  options: UserOptions = {},
): Promise<StaffUser> {
  const user = await getStaffUser(request, context, options);
  if (!user) throw signInRedirect(request);
  return user;
}

export async function requireAdmin(request: Request, context: AppLoadContext): Promise<StaffUser> {
  const user = await requireUser(request, context);
  if (!user.isAdmin) throw data('Forbidden', { status: 403 });
  return user;
}

/**
 * The person's membership of the organization with one of the roles. Site admins pass (they
 * verify and support every organization) with `membership: null`.
 */
export async function requireMembership(
  request: Request,
  context: AppLoadContext,
  organizationId: string,
  roles: readonly MembershipRole[],
): Promise<{ user: StaffUser; membership: Membership | null }> {
  const user = await requireUser(request, context);
  if (user.isAdmin) return { user, membership: null };
  const membership = user.memberships.find((item) => item.organizationId === organizationId);
  if (!membership) throw data('Not found', { status: 404 });
  if (!roles.includes(membership.role)) throw data('Forbidden', { status: 403 });
  return { user, membership };
}

/** Roles that do casework (client-fit search, shortlists, handouts): caseworkers and agency owners. */
export const CASEWORK_ROLES: readonly MembershipRole[] = ['caseworker', 'owner'];

/**
 * After requireUser: the person may do casework — a site admin, or a caseworker or owner of
 * some organization (an agency). Anyone else signed in gets 403.
 */
export function requireCasework(user: StaffUser): StaffUser {
  if (doesCasework(user)) return user;
  throw data('Forbidden', { status: 403 });
}

/** Whether the person may do casework (for showing the links; requireCasework decides). */
export function doesCasework(user: Pick<StaffUser, 'isAdmin' | 'memberships'>): boolean {
  return user.isAdmin || user.memberships.some((item) => CASEWORK_ROLES.includes(item.role));
}
