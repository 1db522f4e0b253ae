/**
 * The one rule for "accepts referrals through Haven": the organization is verified and has at
 * least one active member who can answer a referral (owner or editor). Client-fit search shows
 * it on each result; sending a referral refuses an organization that does not accept them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { PUBLIC_ORGANIZATION_STATUS } from '../search/visibility';

export const REFERRAL_RECEIVER_ROLES = ['owner', 'editor'] as const;

/** The ids, among `organizationIds`, of organizations that accept referrals through Haven. */
export async function organizationsAcceptingReferrals(
  db: Kysely<Database>,
  organizationIds: readonly string[],
): Promise<Set<string>> {
  if (organizationIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('organization')
    .innerJoin('membership', 'membership.organization_id', 'organization.id')
    .innerJoin('account', 'account.id', 'membership.account_id')
    .select('organization.id')
    .distinct()
    .where('organization.id', 'in', organizationIds)
    .where('organization.verification_status', '=', PUBLIC_ORGANIZATION_STATUS)
    .where('membership.role', 'in', REFERRAL_RECEIVER_ROLES)
    .where('account.status', '=', 'active')
    .execute();
  return new Set(rows.map((row) => row.id));
}
