/**
 * Client data at rest: AES-256-GCM (node:crypto) envelopes. Each ciphertext is stored with the
 * id of the key that made it (its own column), so old keys can be retired by re-encrypting
 * (`npm run keys:rotate`). A key id is derived from the key (first 8 bytes of its SHA-256), so
 * it is never configured separately and can never name the wrong key. The referral's id is the
 * additional authenticated data: a ciphertext copied onto another referral does not decrypt.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { data } from '@remix-run/node';
import type { Config } from '../config/config.server';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface DataKey {
  id: string;
  key: Buffer;
}

export interface Keyring {
  /** The key new ciphertext is made with. */
  current: DataKey;
  /** Every key that may still decrypt (the current one and the old ones). */
  byId: Map<string, DataKey>;
}

export interface Envelope {
  keyId: string;
  data: Buffer;
}

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export function makeKeyring(current: Buffer, old: readonly Buffer[] = []): Keyring {
  const entries = [current, ...old].map((key) => ({ id: keyIdOf(key), key }));
  return { current: entries[0]!, byId: new Map(entries.map((entry) => [entry.id, entry])) };
}

/** The keyring from the configuration, or null when DATA_ENCRYPTION_KEY is not set. */
export function keyringFromConfig(config: Config): Keyring | null {
  if (!config.DATA_ENCRYPTION_KEY) return null;
  return makeKeyring(config.DATA_ENCRYPTION_KEY, config.DATA_ENCRYPTION_OLD_KEYS);
}

export const KEY_UNAVAILABLE =
  'Referrals are unavailable: this deployment has no data encryption key (set DATA_ENCRYPTION_KEY, see docs/referrals.md).';

/** For staff referral routes: the keyring, or a 503 with a clear message (public pages are unaffected). */
export function requireKeyring(config: Config): Keyring {
  const keyring = keyringFromConfig(config);
  if (!keyring) throw data(KEY_UNAVAILABLE, { status: 503 });
  return keyring;
}

export function encrypt(keyring: Keyring, plaintext: string, associated: string): Envelope {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv);
  cipher.setAAD(Buffer.from(associated, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const envelope = Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  return { keyId: keyring.current.id, data: envelope };
}

export class DecryptError extends Error {
  constructor(reason: string) {
    super(`client data cannot be decrypted: ${reason}`);
    this.name = 'DecryptError';
  }
}

export function decrypt(keyring: Keyring, envelope: { keyId: string; data: Uint8Array }, associated: string) {
  const key = keyring.byId.get(envelope.keyId);
  if (!key) throw new DecryptError(`no key with id ${envelope.keyId} (set it in DATA_ENCRYPTION_OLD_KEYS)`);
  const bytes = Buffer.from(envelope.data);
  if (bytes[0] !== VERSION || bytes.length < 1 + IV_BYTES + TAG_BYTES)
    throw new DecryptError('unknown format');
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const tag = bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key.key, iv);
  decipher.setAAD(Buffer.from(associated, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(bytes.subarray(1 + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new DecryptError('authentication failed');
  }
}
