/**
 * Password hashing with argon2id at the OWASP-recommended minimum (19 MiB memory, 2 passes,
 * 1 lane), via @node-rs/argon2 (prebuilt native binaries, no install script).
 */
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, not importable with isolatedModules)

const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const passwordSchema = z
  .string()
  .min(12, 'Use at least 12 characters.')
  .max(128, 'Use at most 128 characters.');

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
