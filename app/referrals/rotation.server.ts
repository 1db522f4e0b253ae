/**
 * Key rotation: every envelope not made with the current key is decrypted with the key named
 * beside it and encrypted again with the current one (`npm run keys:rotate`). Runs in batches,
 * each in its own transaction, so a large deployment is not locked and an interrupted run can
 * simply be started again.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { recordAudit } from '../accounts/audit.server';
import { decrypt, encrypt, type Keyring } from './crypto.server';

const BATCH = 200;

export async function rotateKeys(
  db: Kysely<Database>,
  keyring: Keyring,
): Promise<{ referrals: number; events: number }> {
  const current = keyring.current.id;
  let referrals = 0;
  let events = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('referral')
        .select(['id', 'key_id', 'client_data'])
        .where('key_id', 'is not', null)
        .where('key_id', '!=', current)
        .limit(BATCH)
        .forUpdate()
        .execute();
      for (const row of rows) {
        const plain = decrypt(keyring, { keyId: row.key_id!, data: row.client_data! }, row.id);
        const envelope = encrypt(keyring, plain, row.id);
        await trx
          .updateTable('referral')
          .set({ key_id: envelope.keyId, client_data: envelope.data })
          .where('id', '=', row.id)
          .execute();
      }
      const eventRows = await trx
        .selectFrom('referral_event')
        .select(['id', 'referral_id', 'key_id', 'body_data'])
        .where('key_id', 'is not', null)
        .where('key_id', '!=', current)
        .limit(BATCH)
        .forUpdate()
        .execute();
      for (const row of eventRows) {
        const plain = decrypt(keyring, { keyId: row.key_id!, data: row.body_data! }, row.referral_id);
        const envelope = encrypt(keyring, plain, row.referral_id);
        await trx
          .updateTable('referral_event')
          .set({ key_id: envelope.keyId, body_data: envelope.data })
          .where('id', '=', row.id)
          .execute();
      }
      referrals += rows.length;
      events += eventRows.length;
      return rows.length < BATCH && eventRows.length < BATCH;
    });
    if (done) break;
  }
  await recordAudit(db, {
    actorId: null,
    action: 'referral.keys_rotate',
    entityType: 'referral',
    entityId: null,
    after: { keyId: current, referrals, events },
  });
  return { referrals, events };
}

/** How many envelopes each key id still protects (the CLI prints it; an old key may go at 0). */
export async function envelopesByKey(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['referral', 'referral_event'] as const) {
    const rows = await db
      .selectFrom(table)
      .select((eb) => ['key_id', eb.fn.countAll<number>().as('n')])
      .where('key_id', 'is not', null)
      .groupBy('key_id')
      .execute();
    for (const row of rows) counts[row.key_id!] = (counts[row.key_id!] ?? 0) + Number(row.n);
  }
  return counts;
}
