/**
 * Passwords: the one schema every way of setting a password goes through (`user:create`,
 * `/join`, invitations, resets), and hashing with argon2id at the OWASP-recommended minimum
 * (19 MiB memory, 2 passes, 1 lane), via @node-rs/argon2 (prebuilt binaries, no install script).
 */
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import { z } from 'zod';

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, not importable with isolatedModules)

const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The bundled list of common and breached passwords (zxcvbn-ts, ~49,000 entries). */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(zxcvbnCommon.dictionary['passwords-common']);

let estimator: ZxcvbnFactory | undefined;
/** zxcvbn score 0–4 (≥ 3: "safely unguessable"), with the common-password dictionary loaded. */
export function passwordStrength(password: string, userInputs: string[] = []): number {
  estimator ??= new ZxcvbnFactory({
    dictionary: zxcvbnCommon.dictionary,
    graphs: zxcvbnCommon.adjacencyGraphs,
  });
  return estimator.check(password.slice(0, 128), userInputs).score;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MIN_SCORE = 3;

/**
 * ASVS 5.0 V6.2: at least 12 characters (up to 128, any characters, never trimmed or
 * truncated), not only spaces, not a known common or breached password, and hard to guess.
 * Messages are English keys' text; forms show their own translation by `params.reason`.
 */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: 'Use at least 12 characters.', abort: true })
  .max(128, { message: 'Use at most 128 characters.', abort: true })
  .refine((value) => value.trim().length > 0, {
    message: 'A password cannot be only spaces.',
    params: { reason: 'blank' },
    abort: true,
  })
  .refine((value) => !COMMON_PASSWORDS.has(value.toLowerCase()), {
    message: 'That password is on a list of common or breached passwords; choose another.',
    params: { reason: 'common' },
    abort: true,
  })
  .refine((value) => passwordStrength(value) >= PASSWORD_MIN_SCORE, {
    message: 'That password is too easy to guess: use a few unrelated words or a longer phrase.',
    params: { reason: 'weak' },
  });

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export type PasswordProblem =
  'passwordShort' | 'passwordLong' | 'passwordBlank' | 'passwordCommon' | 'passwordWeak';

/** Why the schema refuses a password, as a message key forms translate; null when accepted. */
export function passwordProblem(password: string): PasswordProblem | null {
  const result = passwordSchema.safeParse(password);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  if (issue.code === 'too_small') return 'passwordShort';
  if (issue.code === 'too_big') return 'passwordLong';
  const reason =
    issue.code === 'custom' ? (issue.params as { reason?: string } | undefined)?.reason : undefined;
  if (reason === 'blank') return 'passwordBlank';
  if (reason === 'common') return 'passwordCommon';
  return 'passwordWeak';
}
