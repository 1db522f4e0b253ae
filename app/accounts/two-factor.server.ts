/**
 * Two-factor sign-in (ASVS 5.0 V6.5/V6.6): TOTP (RFC 6238 via @epic-web/totp: SHA-1, 6 digits,
 * 30 s, the form every authenticator app reads) and ten single-use recovery codes. Required for
 * site admins and organization owners, optional for editors and caseworkers.
 *
 * The TOTP secret (160 random bits) is stored encrypted with AES-256-GCM under a key derived
 * (HKDF) from SESSION_SECRET, so a copy of the database alone does not give the codes; it is
 * never logged or audited. A code's time step is remembered so no code works twice. Recovery
 * codes (50 random bits each) are stored as SHA-256 hashes and each works once. Wrong codes
 * count toward the same throttle as wrong passwords (10 per 15 minutes).
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { getTOTPAuthUri, verifyTOTP } from '@epic-web/totp';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';
import { recordAudit } from './audit.server';
import { isThrottled, recordFailure } from './throttle.server';

const PERIOD = 30;
const DIGITS = 6;
const ALGORITHM = 'SHA-1';
export const RECOVERY_CODE_COUNT = 10;

// Development and tests without SESSION_SECRET (production refuses to start staff features
// without it, see serverSecret): a fixed key, so a restart does not lose every enrolment.
const DEVELOPMENT_KEY_MATERIAL = 'haven development only: set SESSION_SECRET in production';

/** The AES-256 key for TOTP secrets. Changing SESSION_SECRET means everyone sets up 2FA again. */
export function totpKey(sessionSecret: string | undefined): Buffer {
  return Buffer.from(
    hkdfSync('sha256', sessionSecret ?? DEVELOPMENT_KEY_MATERIAL, 'haven', 'totp secret v1', 32),
  );
}

export function encryptSecret(key: Buffer, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, body, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function decryptSecret(key: Buffer, stored: string): string {
  const [version, iv, body, tag] = stored.split('.');
  if (version !== 'v1' || !iv || !body || !tag) throw new Error('Unknown TOTP secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let output = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += BASE32[(value << (5 - bits)) & 31];
  return output;
}

/** A new TOTP secret: 160 random bits (RFC 4226's recommendation), base32. */
export function newTotpSecret(): string {
  return base32(randomBytes(20));
}

export function totpUri(secret: string, accountName: string, issuer: string): string {
  return getTOTPAuthUri({
    period: PERIOD,
    digits: DIGITS,
    algorithm: ALGORITHM,
    secret,
    accountName,
    issuer,
  });
}

/** The time step of a valid code (this one, the one before or after), or null. */
export async function totpStep(code: string, secret: string): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verifyTOTP({
    otp: code,
    secret,
    period: PERIOD,
    digits: DIGITS,
    algorithm: ALGORITHM,
    window: 1,
  });
  if (!result) return null;
  return Math.floor(Date.now() / 1000 / PERIOD) + result.delta;
}

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');
const normalizeCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const code = base32(randomBytes(7)).slice(0, 10).toLowerCase();
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

async function replaceRecoveryCodes(db: Kysely<Database>, accountId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.deleteFrom('recovery_code').where('account_id', '=', accountId).execute();
  await db
    .insertInto('recovery_code')
    .values(codes.map((code) => ({ account_id: accountId, code_hash: hashCode(normalizeCode(code)) })))
    .execute();
  return codes;
}

export interface TwoFactorState {
  enabled: boolean;
  /** Admins and owners must use it. */
  required: boolean;
  recoveryCodesLeft: number;
}

export async function twoFactorState(db: Kysely<Database>, accountId: string): Promise<TwoFactorState> {
  const row = await db
    .selectFrom('account')
    .select([
      'totp_enabled_at',
      'is_admin',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('membership')
              .select('membership.account_id')
              .whereRef('membership.account_id', '=', 'account.id')
              .where('membership.role', '=', 'owner'),
          )
          .as('is_owner'),
      (eb) =>
        eb
          .selectFrom('recovery_code')
          .select((inner) => inner.fn.countAll<string>().as('n'))
          .whereRef('recovery_code.account_id', '=', 'account.id')
          .where('recovery_code.used_at', 'is', null)
          .as('codes_left'),
    ])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  return {
    enabled: row.totp_enabled_at !== null,
    required: row.is_admin || Boolean(row.is_owner),
    recoveryCodesLeft: Number(row.codes_left ?? 0),
  };
}

/**
 * The secret being set up: the one already waiting for its first code, else a new one
 * (stored encrypted, not yet enabled). Refuses (null) when two-factor is already on.
 */
export async function beginEnrolment(
  db: Kysely<Database>,
  key: Buffer,
  accountId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('account')
    .select(['totp_secret', 'totp_enabled_at'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  if (row.totp_enabled_at !== null) return null;
  if (row.totp_secret) {
    try {
      return decryptSecret(key, row.totp_secret);
    } catch {
      // Encrypted under an older SESSION_SECRET: start again with a new secret.
    }
  }
  const secret = newTotpSecret();
  await db
    .updateTable('account')
    .set({ totp_secret: encryptSecret(key, secret), totp_last_step: null })
    .where('id', '=', accountId)
    .execute();
  return secret;
}

/** Turns two-factor on with the first code of the secret being set up; the recovery codes, or null. */
export async function confirmEnrolment(
  db: Kysely<Database>,
  key: Buffer,
  input: { accountId: string; code: string },
): Promise<string[] | null> {
  const row = await db
    .selectFrom('account')
    .select(['totp_secret', 'totp_enabled_at'])
    .where('id', '=', input.accountId)
    .executeTakeFirstOrThrow();
  if (row.totp_enabled_at !== null || !row.totp_secret) return null;
  let secret: string;
  try {
    secret = decryptSecret(key, row.totp_secret);
  } catch {
    return null;
  }
  const step = await totpStep(input.code.trim(), secret);
  if (step === null) return null;
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('account')
      .set({
        totp_enabled_at: sql`now()`,
        totp_last_step: step,
        updated_at: sql`now()`,
        version: sql`version + 1`,
      })
      .where('id', '=', input.accountId)
      .where('totp_enabled_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return null;
    const codes = await replaceRecoveryCodes(trx, input.accountId);
    await recordAudit(trx, {
      actorId: input.accountId,
      action: 'auth.two_factor_enabled',
      entityType: 'account',
      entityId: input.accountId,
    });
    return codes;
  });
}

export type SecondFactorResult =
  { ok: true; usedRecoveryCode: boolean } | { ok: false; reason: 'invalid' | 'throttled' };

/**
 * Checks a TOTP code or a recovery code for the account. The 11th failure in 15 minutes is
 * refused before the code is even checked; a code's time step, or a recovery code, works once.
 */
export async function verifySecondFactor(
  db: Kysely<Database>,
  key: Buffer,
  input: { accountId: string; code: string; throttleKeys: string[] },
): Promise<SecondFactorResult> {
  if (await isThrottled(db, input.throttleKeys)) {
    await recordAudit(db, {
      actorId: null,
      action: 'auth.sign_in_locked',
      entityType: 'account',
      entityId: input.accountId,
    });
    return { ok: false, reason: 'throttled' };
  }
  const code = normalizeCode(input.code);
  const row = await db
    .selectFrom('account')
    .select(['totp_secret', 'totp_enabled_at'])
    .where('id', '=', input.accountId)
    .executeTakeFirstOrThrow();
  if (row.totp_secret && row.totp_enabled_at !== null) {
    if (/^\d{6}$/.test(code)) {
      const step = await totpStep(code, decryptSecret(key, row.totp_secret));
      if (step !== null) {
        // One atomic update: a replayed code (same or older step) matches no row.
        const used = await db
          .updateTable('account')
          .set({ totp_last_step: step })
          .where('id', '=', input.accountId)
          .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
          .executeTakeFirst();
        if (Number(used.numUpdatedRows) === 1) return { ok: true, usedRecoveryCode: false };
      }
    } else if (/^[a-z2-7]{10}$/.test(code)) {
      const used = await db
        .updateTable('recovery_code')
        .set({ used_at: sql`now()` })
        .where('account_id', '=', input.accountId)
        .where('code_hash', '=', hashCode(code))
        .where('used_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (used) {
        await recordAudit(db, {
          actorId: input.accountId,
          action: 'auth.recovery_code_used',
          entityType: 'account',
          entityId: input.accountId,
        });
        return { ok: true, usedRecoveryCode: true };
      }
    }
  }
  await recordFailure(db, input.throttleKeys);
  await recordAudit(db, {
    actorId: null,
    action: 'auth.two_factor_failed',
    entityType: 'account',
    entityId: input.accountId,
  });
  return { ok: false, reason: 'invalid' };
}

/** New recovery codes (the old ones stop working), after a valid code. */
export async function regenerateRecoveryCodes(db: Kysely<Database>, accountId: string): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const codes = await replaceRecoveryCodes(trx, accountId);
    await recordAudit(trx, {
      actorId: accountId,
      action: 'auth.recovery_codes_regenerated',
      entityType: 'account',
      entityId: accountId,
    });
    return codes;
  });
}

/** Turns two-factor off (only for people who are not required to use it; the caller checks). */
export async function disableTwoFactor(db: Kysely<Database>, accountId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('account')
      .set({
        totp_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
        updated_at: sql`now()`,
        version: sql`version + 1`,
      })
      .where('id', '=', accountId)
      .execute();
    await trx.deleteFrom('recovery_code').where('account_id', '=', accountId).execute();
    await recordAudit(trx, {
      actorId: accountId,
      action: 'auth.two_factor_disabled',
      entityType: 'account',
      entityId: accountId,
    });
  });
}
