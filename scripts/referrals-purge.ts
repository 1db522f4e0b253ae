/**
 * `npm run referrals:purge` — deletes referral client data past its retention period
 * (REFERRAL_RETENTION_DAYS after closing, REFERRAL_OPEN_RETENTION_DAYS after sending if never
 * closed); the referrals stay as anonymous records for the reports. Safe from cron at any
 * frequency, and when two runs overlap. Needs no encryption key.
 */
import { ConfigError, loadConfig } from '../app/config/config.server';
import { purgeClientData } from '../app/referrals/retention.server';
import { createDatabase } from '../db/index';
import { migrateToLatest } from '../db/migrate';
import { exitWith, parseCli } from './lib/cli';

parseCli({
  command: 'referrals:purge',
  summary:
    'Deletes referral client data older than the retention periods (REFERRAL_RETENTION_DAYS, REFERRAL_OPEN_RETENTION_DAYS). Safe to run from cron.',
  options: {},
});

try {
  const config = loadConfig();
  const handle = await createDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  try {
    await migrateToLatest(handle.db);
    const done = await purgeClientData(handle.db, {
      closedDays: config.REFERRAL_RETENTION_DAYS,
      openDays: config.REFERRAL_OPEN_RETENTION_DAYS,
    });
    process.stdout.write(`Purged the client data of ${done.referrals} referral(s).\n`);
  } finally {
    await handle.close();
  }
} catch (error) {
  if (error instanceof ConfigError) exitWith('referrals:purge', error.message);
  throw error;
}
