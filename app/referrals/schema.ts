/**
 * Referrals' vocabulary and form schemas, shared by the routes and the browser: the statuses and
 * which change may follow which, the decline reasons, and one zod schema per form.
 */
import { z } from 'zod';
import type { ReferralStatus } from '../../db/types';

export const REFERRAL_STATUSES = [
  'sent',
  'accepted',
  'declined',
  'contacted',
  'in_progress',
  'completed',
  'did_not_attend',
] as const satisfies readonly ReferralStatus[];

/** Statuses after which nothing more happens (the retention clock starts). */
export const CLOSED_STATUSES: readonly ReferralStatus[] = ['declined', 'completed', 'did_not_attend'];

/** What the receiving organization may do next, from each status. */
export const NEXT_STATUSES: Record<ReferralStatus, readonly ReferralStatus[]> = {
  sent: ['accepted', 'declined'],
  accepted: ['contacted', 'in_progress', 'completed', 'did_not_attend', 'declined'],
  contacted: ['in_progress', 'completed', 'did_not_attend'],
  in_progress: ['completed', 'did_not_attend'],
  declined: [],
  completed: [],
  did_not_attend: [],
};

export const DECLINE_REASONS = [
  'no_capacity',
  'not_eligible',
  'out_of_area',
  'service_not_offered',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** The languages a client may be served in, offered on the form (ISO 639-1). */
export const CLIENT_LANGUAGES = [
  'en',
  'es',
  'fr',
  'pt',
  'zh',
  'vi',
  'ko',
  'ru',
  'ar',
  'ht',
  'tl',
  'hi',
] as const;

/** Bumped whenever the consent text on the form changes; stored with each referral. */
export const CONSENT_VERSION = '2026-12-01';

const text = (max: number) => z.string().trim().max(max, `tooLong`);

/** The longest each free-text field of a referral may be: the schema's rule and the form's maxLength. */
export const REFERRAL_TEXT_MAX = { client_reference: 120, client_contact: 300, notes: 2000 } as const;

export const sendReferralSchema = z.object({
  service: z.string().uuid('serviceMissing'),
  from_organization: z.string().uuid('fromOrganizationMissing').optional(),
  client_reference: text(REFERRAL_TEXT_MAX.client_reference).min(1, 'clientReferenceRequired'),
  client_contact: text(REFERRAL_TEXT_MAX.client_contact).optional().default(''),
  client_language: z.enum(CLIENT_LANGUAGES, 'clientLanguageRequired'),
  notes: text(REFERRAL_TEXT_MAX.notes).optional().default(''),
  consent: z.literal('on', 'consentRequired'),
});
export type SendReferralInput = z.infer<typeof sendReferralSchema>;

export const statusChangeSchema = z
  .object({
    intent: z.literal('status'),
    status: z.enum(REFERRAL_STATUSES, 'statusRequired'),
    // The form always sends the field; "" is the empty choice.
    reason: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.enum(DECLINE_REASONS, 'reasonRequired').optional(),
    ),
    reason_text: text(1000).optional().default(''),
  })
  .refine((value) => value.status !== 'declined' || value.reason, {
    message: 'reasonRequired',
    path: ['reason'],
  });

export const messageSchema = z.object({
  intent: z.literal('message'),
  message: text(2000).min(1, 'messageRequired'),
});

export const referralActionSchema = z.union([statusChangeSchema, messageSchema]);

export const BOXES = ['sent', 'received'] as const;
export const listQuerySchema = z.object({ box: z.enum(BOXES).default('sent') });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dateInvalid');
export const REPORT_SCOPES = ['agency', 'all'] as const;
export const reportQuerySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  scope: z.enum(REPORT_SCOPES).default('agency'),
});
