/** Zod schemas of the staff forms that the browser may share (no server code here). */
import { z } from 'zod';

export const emailSchema = z.string().trim().toLowerCase().max(254).email();

export const signInSchema = z.object({
  email: emailSchema,
  // Checked as typed: never trimmed; the length cap keeps argon2 work bounded.
  password: z.string().min(1).max(128),
  redirectTo: z.string().max(2000).optional(),
});

/** Field name → the message key shown for it, from a failed safeParse. */
export function fieldErrors<K extends string>(
  error: z.ZodError,
  keys: Record<string, K>,
): Partial<Record<string, K>> {
  const errors: Partial<Record<string, K>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (keys[field] && !errors[field]) errors[field] = keys[field];
  }
  return errors;
}
