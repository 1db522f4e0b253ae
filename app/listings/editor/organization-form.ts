/** The organization editor's one form schema (server and browser). Client-safe. */
import { z } from 'zod';

export const ORGANIZATION_FIELDS = ['name', 'description', 'email', 'website'] as const;
export type OrganizationField = (typeof ORGANIZATION_FIELDS)[number];
export type OrganizationValues = Record<OrganizationField, string>;

export const organizationFormSchema = z
  .object({
    version: z.coerce.number({ error: 'versionMissing' }).int().positive({ error: 'versionMissing' }),
    name: z.string().trim().min(1, { error: 'nameRequired' }).max(200, { error: 'tooLong' }),
    description: z.string().trim().max(5000, { error: 'tooLong' }).default(''),
    email: z.union([z.literal(''), z.email({ error: 'emailInvalid' })]).default(''),
    website: z
      .union([z.literal(''), z.string().regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, { error: 'urlInvalid' })])
      .default(''),
  })
  .transform(({ version, ...values }) => ({ version, values: values as OrganizationValues }));

export function parseOrganizationForm(object: Record<string, unknown>) {
  const parsed = organizationFormSchema.safeParse(
    Object.fromEntries(Object.entries(object).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])),
  );
  if (parsed.success) return { ok: true as const, ...parsed.data };
  const errors: Partial<Record<string, string>> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return { ok: false as const, errors };
}
