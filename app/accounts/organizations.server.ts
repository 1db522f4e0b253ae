/**
 * Organizations as the staff side sees them: sign-up requests, the verification queue and
 * its decisions. Public listings stay in app/listings (only verified organizations appear).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';

export async function countPendingOrganizations(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('organization')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('verification_status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
