/** The public correction form and the queue's decision form: one zod schema each. */
import { z } from 'zod';

export const CORRECTION_KINDS = ['phone', 'closed', 'moved', 'other'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

export const NOTE_MAX = 2000;

/**
 * The report. `website` is the honeypot: hidden from people (and from assistive technology),
 * left empty by them, filled by form-filling bots. The note is required only for "other".
 */
export const reportSchema = z
  .object({
    kind: z.enum(CORRECTION_KINDS, { error: 'kind' }),
    note: z.string().trim().max(NOTE_MAX, { error: 'noteTooLong' }).default(''),
    website: z.string().default(''),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'other' && value.note === '')
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'noteRequired' });
  });

export const DECISIONS = ['accept', 'dismiss', 'spam'] as const;
export type CorrectionDecision = (typeof DECISIONS)[number];

export const decisionSchema = z
  .object({
    correctionId: z.uuid({ error: 'correctionId' }),
    decision: z.enum(DECISIONS, { error: 'decision' }),
    reason: z.string().trim().max(NOTE_MAX, { error: 'reasonTooLong' }).default(''),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'dismiss' && value.reason === '')
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'reasonRequired' });
  });

export const QUEUE_STATUSES = ['open', 'accepted', 'dismissed', 'spam'] as const;
