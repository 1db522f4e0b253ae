/**
 * The shortlist forms, one zod schema each, told apart by their `intent` button. Shared by the
 * actions (400 naming the field) and the pages (maxLength on the inputs).
 */
import { z } from 'zod';

export const SHORTLIST_NAME_MAX = 120;
export const NOTE_MAX = 500;

const uuid = z.string().trim().uuid();
const name = z.string().trim().min(1).max(SHORTLIST_NAME_MAX);

export const createShortlistSchema = z.object({ intent: z.literal('create'), name });

/** From a search result or a service page: which list, which service. */
export const addItemSchema = z.object({ intent: z.literal('add'), shortlist: uuid, service: uuid });

export const renameSchema = z.object({ intent: z.literal('rename'), name });
export const deleteSchema = z.object({ intent: z.literal('delete') });
export const shareSchema = z.object({
  intent: z.literal('share'),
  /** '' stops sharing. */
  organization: z.union([uuid, z.literal('')]),
});
export const handoutLanguageSchema = z.object({
  intent: z.literal('language'),
  language: z.enum(['en', 'es']),
});
export const moveSchema = z.object({
  intent: z.enum(['up', 'down']),
  service: uuid,
});
export const noteSchema = z.object({
  intent: z.literal('note'),
  service: uuid,
  note: z.string().trim().max(NOTE_MAX),
});
export const removeSchema = z.object({ intent: z.literal('remove'), service: uuid });

/** Every form of the shortlist page (/staff/shortlists/<id>). */
export const shortlistPageSchema = z.discriminatedUnion('intent', [
  renameSchema,
  deleteSchema,
  shareSchema,
  handoutLanguageSchema,
  moveSchema,
  noteSchema,
  removeSchema,
]);

/** The first field a failed parse names (for the 400 message); 'intent' when none. */
export function failedField(error: z.ZodError): string {
  return String(error.issues[0]?.path[0] ?? 'intent');
}
