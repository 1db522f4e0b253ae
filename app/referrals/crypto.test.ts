import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.server';
import { decrypt, DecryptError, encrypt, keyIdOf, keyringFromConfig, makeKeyring } from './crypto.server';

describe('client data envelopes', () => {
  const key = randomBytes(32);
  const keyring = makeKeyring(key);

  it('round-trips, with the key id beside a ciphertext that does not hold the text', () => {
    const envelope = encrypt(keyring, 'SENTINEL-ÁRBOL', 'referral-1');
    expect(envelope.keyId).toBe(keyIdOf(key));
    expect(envelope.data.includes(Buffer.from('SENTINEL'))).toBe(false);
    expect(decrypt(keyring, envelope, 'referral-1')).toBe('SENTINEL-ÁRBOL');
  });

  it('refuses a tampered ciphertext, another row, or an unknown key', () => {
    const envelope = encrypt(keyring, 'text', 'referral-1');
    const tampered = Buffer.from(envelope.data);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => decrypt(keyring, { ...envelope, data: tampered }, 'referral-1')).toThrow(DecryptError);
    expect(() => decrypt(keyring, envelope, 'referral-2')).toThrow(DecryptError);
    expect(() => decrypt(makeKeyring(randomBytes(32)), envelope, 'referral-1')).toThrow(/no key with id/);
  });

  it('an old key still decrypts while it is listed', () => {
    const old = makeKeyring(randomBytes(32));
    const envelope = encrypt(old, 'text', 'r');
    const rotated = makeKeyring(randomBytes(32), [old.current.key]);
    expect(decrypt(rotated, envelope, 'r')).toBe('text');
    expect(encrypt(rotated, 'x', 'r').keyId).not.toBe(envelope.keyId);
  });

  it('reads DATA_ENCRYPTION_KEY and DATA_ENCRYPTION_OLD_KEYS from the configuration only', () => {
    const oldKey = randomBytes(32);
    const config = loadConfig({
      DATA_ENCRYPTION_KEY: key.toString('base64'),
      DATA_ENCRYPTION_OLD_KEYS: ` ${oldKey.toString('base64')} ,`,
    });
    const ring = keyringFromConfig(config)!;
    expect(ring.current.id).toBe(keyIdOf(key));
    expect([...ring.byId.keys()]).toEqual([keyIdOf(key), keyIdOf(oldKey)]);
    expect(keyringFromConfig(loadConfig({}))).toBeNull();
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(
      /DATA_ENCRYPTION_KEY: must be 32 bytes/,
    );
    expect(() => loadConfig({ DATA_ENCRYPTION_OLD_KEYS: 'not a key' })).toThrow(/DATA_ENCRYPTION_OLD_KEYS/);
  });
});
