/**
 * An admin suspends a verified organization (everything it has leaves every public surface at
 * once: the one visibility rule in ./visibility.ts, and `search_point` refreshed by the
 * organization trigger in the same transaction) and reinstates it (everything comes back as
 * it was: nothing is deleted, only the status changes). Both are audit events with the reason.
 */
import type { Kysely } from 'kysely';
import type { Database, VerificationStatus } from '../../db/types';
import { isUuid } from '../../db/values';
import { recordAudit } from '../accounts/audit.server';

export interface SuspensionView {
  id: string;
  name: string;
  status: VerificationStatus;
  services: number;
}

export async function getOrganizationForSuspension(
  db: Kysely<Database>,
  organizationId: string,
): Promise<SuspensionView | null> {
  if (!isUuid(organizationId)) return null;
  const row = await db
    .selectFrom('organization as o')
    .select((eb) => [
      'o.id',
      'o.name',
      'o.verification_status',
      eb
        .selectFrom('service as s')
        .select((inner) => inner.cast<number>(inner.fn.countAll(), 'integer').as('n'))
        .whereRef('s.organization_id', '=', 'o.id')
        .as('services'),
    ])
    .where('o.id', '=', organizationId)
    .executeTakeFirst();
  if (!row) return null;
  return { id: row.id, name: row.name, status: row.verification_status, services: row.services ?? 0 };
}

export type SuspensionChange = 'suspend' | 'reinstate';

/** The status a change starts from, and where it goes. */
const TRANSITIONS: Record<SuspensionChange, { from: VerificationStatus; to: VerificationStatus }> = {
  suspend: { from: 'verified', to: 'suspended' },
  reinstate: { from: 'suspended', to: 'verified' },
};

/**
 * Suspends (from verified) or reinstates (from suspended); 'not-found' for an unknown
 * organization, 'wrong-status' when it is not in the status the change starts from.
 */
export async function changeSuspension(
  db: Kysely<Database>,
  input: { organizationId: string; adminId: string; change: SuspensionChange; reason: string },
): Promise<'done' | 'not-found' | 'wrong-status'> {
  if (!isUuid(input.organizationId)) return 'not-found';
  const { from, to } = TRANSITIONS[input.change];
  return db.transaction().execute(async (trx) => {
    const organization = await trx
      .selectFrom('organization')
      .select(['id', 'verification_status', 'verified_at'])
      .where('id', '=', input.organizationId)
      .forUpdate()
      .executeTakeFirst();
    if (!organization) return 'not-found';
    // Reinstating needs the original verification (verified_at) to still be there.
    if (organization.verification_status !== from || (to === 'verified' && !organization.verified_at))
      return 'wrong-status';
    await trx
      .updateTable('organization')
      .set({ verification_status: to })
      .where('id', '=', organization.id)
      .execute();
    await recordAudit(trx, {
      actorId: input.adminId,
      action: input.change === 'suspend' ? 'organization.suspend' : 'organization.reinstate',
      entityType: 'organization',
      entityId: organization.id,
      before: { verification_status: from },
      after: { verification_status: to, reason: input.reason },
    });
    return 'done';
  });
}
