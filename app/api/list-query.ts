/** Query strings of the API's plain lists (organizations, taxonomy terms): paging and a few filters. */
import { z } from 'zod';
import { flag, MAX_PAGE, MAX_PER_PAGE, PAGE_SIZE, wholeNumber } from '../search/filters';
import type { QueryParseResult } from '../search/schema';

const listSchema = z.object({
  page: wholeNumber(z, 1, MAX_PAGE).default(1),
  per_page: wholeNumber(z, 1, MAX_PER_PAGE).default(PAGE_SIZE),
  taxonomy: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, 'must be a taxonomy name such as "haven"')
    .optional(),
  parent_id: z.string().uuid('must be a UUID').optional(),
  top_only: flag(z, 'must be true or false').optional(),
});

export type ListQuery = z.output<typeof listSchema>;

export function parseListQuery(
  search: URLSearchParams,
  allowed: Array<keyof ListQuery>,
): QueryParseResult<ListQuery> {
  const input: Record<string, string> = {};
  for (const key of allowed) {
    const values = search.getAll(key).filter((v) => v.trim() !== '');
    if (values.length > 1) return { ok: false, error: `${key}: must be given at most once`, parameter: key };
    if (values[0] !== undefined) input[key] = values[0].trim();
  }
  const result = listSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const parameter = String(result.error.issues[0]?.path[0] ?? 'query');
  return { ok: false, error: `${parameter}: ${result.error.issues[0]?.message ?? 'is invalid'}`, parameter };
}
