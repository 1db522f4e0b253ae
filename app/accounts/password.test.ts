import { describe, expect, it } from 'vitest';
import { passwordSchema } from './password.server';

function problem(password: string): string | undefined {
  const result = passwordSchema.safeParse(password);
  return result.success ? undefined : result.error.issues.map((issue) => issue.message).join(' ');
}

describe('passwordSchema (ASVS 5.0 V6.2, issue 9 point 17)', () => {
  it('accepts a long passphrase of unrelated words', () => {
    expect(problem('violet ferry mountain 2026')).toBeUndefined();
    expect(problem('tangerine-lighthouse-47')).toBeUndefined();
  });

  it('refuses fewer than 12 characters with one message', () => {
    expect(problem('Tr0ub4dor&3')).toBe('Use at least 12 characters.');
  });

  it('refuses a password made only of spaces, whatever its length', () => {
    expect(problem(' '.repeat(20))).toBe('A password cannot be only spaces.');
    expect(problem('\t \u00a0'.repeat(6))).toBe('A password cannot be only spaces.');
  });

  it('refuses passwords from the bundled common/breached list, in any case', () => {
    expect(problem('qwerty123456')).toMatch(/common or breached/);
    expect(problem('1Q2W3E4R5T6Y')).toMatch(/common or breached/);
  });

  it('refuses long but guessable passwords (zxcvbn score below 3)', () => {
    expect(problem('Password1234!')).toMatch(/too easy to guess/);
    expect(problem('aaaaaaaaaaaaaaaa')).toMatch(/too easy to guess/);
  });

  it('refuses more than 128 characters and never trims', () => {
    expect(problem('x'.repeat(129))).toBe('Use at most 128 characters.');
    expect(passwordSchema.parse('  violet ferry mountain 2026  ')).toBe('  violet ferry mountain 2026  ');
  });
});

describe('passwordProblem', () => {
  it('names the reason as a message key forms translate', async () => {
    const { passwordProblem } = await import('./password.server');
    expect(passwordProblem('short')).toBe('passwordShort');
    expect(passwordProblem(' '.repeat(13))).toBe('passwordBlank');
    expect(passwordProblem('qwerty123456')).toBe('passwordCommon');
    expect(passwordProblem('Password1234!')).toBe('passwordWeak');
    expect(passwordProblem('violet ferry mountain 2026')).toBeNull();
  });
});
