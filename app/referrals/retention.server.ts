/**
 * Retention: client fields (the referral's envelope and the texts of its timeline) are deleted
 * `closedDays` after a referral closes and `openDays` after it was sent if it never closes. The
 * referral row stays, without them, as an anonymous record for the reports. Safe to run from
 * cron at any frequency, even twice at once: each run is two idempotent UPDATEs in one
 * transaction, keyed on the clock it is given (tests pass `now`).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { recordAudit } from '../accounts/audit.server';

export interface RetentionPolicy {
  closedDays: number;
  openDays: number;
}

export async function purgeClientData(
  db: Kysely<Database>,
  policy: RetentionPolicy,
  now: Date = new Date(),
): Promise<{ referrals: number }> {
  const closedBefore = new Date(now.getTime() - policy.closedDays * 86_400_000);
  const sentBefore = new Date(now.getTime() - policy.openDays * 86_400_000);
  return db.transaction().execute(async (trx) => {
    const purged = await trx
      .updateTable('referral')
      .set({ key_id: null, client_data: null, purged_at: now })
      .where('purged_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('closed_at', '<=', closedBefore),
          eb.and([eb('closed_at', 'is', null), eb('sent_at', '<=', sentBefore)]),
        ]),
      )
      .returning('id')
      .execute();
    const ids = purged.map((row) => row.id);
    if (ids.length > 0) {
      await trx
        .updateTable('referral_event')
        .set({ key_id: null, body_data: null })
        .where('referral_id', 'in', ids)
        .where('body_data', 'is not', null)
        .execute();
      await recordAudit(trx, {
        actorId: null,
        action: 'referral.purge',
        entityType: 'referral',
        entityId: null,
        after: { referrals: ids.length, closedDays: policy.closedDays, openDays: policy.openDays },
      });
    }
    // Anything that slipped in while the referral was purged (never expected): gone as well.
    await trx
      .updateTable('referral_event')
      .set({ key_id: null, body_data: null })
      .where('body_data', 'is not', null)
      .where('referral_id', 'in', (eb) =>
        eb.selectFrom('referral').select('referral.id').where('referral.purged_at', 'is not', null),
      )
      .execute();
    return { referrals: ids.length };
  });
}
