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

/** The second step of sign-in, and every form that asks for a current code: a TOTP or recovery code. */
export const codeSchema = z.object({
  code: z.string().trim().min(6).max(20),
  redirectTo: z.string().max(2000).optional(),
});

export const SECURITY_INTENTS = ['enable', 'continue', 'regenerate', 'disable'] as const;
export const securitySchema = z.object({
  intent: z.enum(SECURITY_INTENTS),
  // Checked by the two-factor code; 'continue' has none.
  code: z.string().trim().max(20).default(''),
});

/** Roles an owner can give in an invitation (an agency that only refers invites caseworkers). */
export const MEMBER_ROLES = ['owner', 'editor', 'caseworker'] as const;

export const inviteSchema = z.object({
  intent: z.literal('invite'),
  email: emailSchema,
  role: z.enum(MEMBER_ROLES),
});
export const removeMemberSchema = z.object({ intent: z.literal('remove'), accountId: z.string().uuid() });
export const revokeInvitationSchema = z.object({
  intent: z.literal('revoke'),
  invitationId: z.string().uuid(),
});
export const membersActionSchema = z.discriminatedUnion('intent', [
  inviteSchema,
  removeMemberSchema,
  revokeInvitationSchema,
]);

/** The invitee's form at /invitations/<token> (the password is checked by the password schema). */
export const acceptInvitationSchema = z.object({
  displayName: z.string().trim().max(120).optional(),
  password: z.string().max(128).optional(),
});

/** /staff/admin/accounts: the changes an admin can make to one account. */
export const adminAccountActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('disable'), accountId: z.string().uuid() }),
  z.object({ intent: z.literal('enable'), accountId: z.string().uuid() }),
  z.object({ intent: z.literal('sign_out'), accountId: z.string().uuid() }),
  z.object({ intent: z.literal('admin'), accountId: z.string().uuid(), value: z.enum(['on', 'off']) }),
  z.object({
    intent: z.literal('membership'),
    accountId: z.string().uuid(),
    organizationId: z.string().uuid(),
    role: z.enum([...MEMBER_ROLES, 'none']),
  }),
]);
export type AdminAccountAction = z.output<typeof adminAccountActionSchema>;
