/**
 * `npm run keys:rotate` — re-encrypts every referral's client data under the current key.
 * Give the NEW key as DATA_ENCRYPTION_KEY and every key still in use as DATA_ENCRYPTION_OLD_KEYS
 * (comma-separated, base64); afterwards the old keys protect nothing and may be removed
 * (docs/referrals.md). Safe to run again: an interrupted run resumes where it stopped.
 */
import { ConfigError, loadConfig } from '../app/config/config.server';
import { DecryptError, keyringFromConfig } from '../app/referrals/crypto.server';
import { envelopesByKey, rotateKeys } from '../app/referrals/rotation.server';
import { createDatabase } from '../db/index';
import { migrateToLatest } from '../db/migrate';
import { exitWith, parseCli } from './lib/cli';

const { values } = parseCli({
  command: 'keys:rotate',
  summary:
    'Re-encrypts referral client data under DATA_ENCRYPTION_KEY, reading older ciphertext with the keys in DATA_ENCRYPTION_OLD_KEYS.',
  options: {
    'dry-run': { type: 'boolean', default: false, help: 'only count the envelopes under each key' },
  },
});

try {
  const config = loadConfig();
  const keyring = keyringFromConfig(config);
  if (!keyring) exitWith('keys:rotate', 'DATA_ENCRYPTION_KEY is not set: it must hold the new key.');
  const handle = await createDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  try {
    await migrateToLatest(handle.db);
    const before = await envelopesByKey(handle.db);
    process.stdout.write(
      `Current key id: ${keyring.current.id}\nEnvelopes by key id: ${JSON.stringify(before)}\n`,
    );
    if (!values['dry-run']) {
      const done = await rotateKeys(handle.db, keyring);
      process.stdout.write(
        `Re-encrypted ${done.referrals} referral(s) and ${done.events} message(s).\nEnvelopes by key id: ${JSON.stringify(await envelopesByKey(handle.db))}\n`,
      );
    }
  } finally {
    await handle.close();
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof DecryptError) exitWith('keys:rotate', error.message);
  throw error;
}
