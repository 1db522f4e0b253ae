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

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

/** `/join`: an organization asks to be listed (the password is checked on the server). */
export const joinFieldsSchema = z.object({
  organizationName: text(200),
  website: z
    .string()
    .trim()
    .max(500)
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.string().url().startsWith('http').optional()),
  ein: optionalText(12).pipe(
    z
      .string()
      .regex(/^\d{2}-?\d{7}$/)
      .optional(),
  ),
  contactName: text(120),
  email: emailSchema,
  phone: z
    .string()
    .trim()
    .min(7)
    .max(40)
    .regex(/^[+(\d][\d\s().-]{5,}$/),
  categories: z.array(z.string()).max(20).default([]),
  serviceArea: text(300),
  statement: text(2000),
  password: z.string(),
});

export const JOIN_FIELD_MESSAGES = {
  organizationName: 'fieldOrganizationName',
  website: 'fieldWebsite',
  ein: 'fieldEin',
  contactName: 'fieldContactName',
  email: 'fieldEmail',
  phone: 'fieldPhone',
  categories: 'fieldCategories',
  serviceArea: 'fieldServiceArea',
  statement: 'fieldStatement',
  password: 'fieldPassword',
} as const;

/** Verification statuses an admin can list, and the decisions on a pending organization. */
export const REVIEW_STATUSES = ['pending', 'verified', 'rejected', 'suspended'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const DECISIONS = ['verify', 'reject', 'request_info'] as const;
export type Decision = (typeof DECISIONS)[number];
