/**
 * The search page's data: parses the query string with the registry's schema, resolves the
 * place with the step the API uses too (./resolve.server.ts) and runs the search. A module of
 * its own (and `.server`) so zod and the gazetteer never reach the browser bundle.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { FILTERS, isOn, type SearchField } from './filters';
import { resolveQuery } from './resolve.server';
import { PAGE_FIELDS, parsePageQuery } from './schema';
import { searchServices } from './search.server';
import { readSearchQuery, type SearchQuery } from './search-url';
import type { GeoPoint, SearchResult } from './types';

/** What the search page's loader returns: one of four states. */
export type SearchPageData =
  | { kind: 'prompt'; query: SearchQuery }
  | { kind: 'invalid'; query: SearchQuery; fields: SearchField[] }
  | { kind: 'unknown-place'; query: SearchQuery; suggestions: string[] }
  | {
      kind: 'results';
      query: SearchQuery;
      placeLabel: string | null;
      point: GeoPoint | null;
      radiusMiles: number;
      result: SearchResult;
      now: string;
    };

export async function loadSearchPage(
  db: Kysely<Database>,
  url: URL,
  now = new Date(),
): Promise<SearchPageData> {
  const query = readSearchQuery(url.searchParams);
  const parsed = parsePageQuery(url.searchParams);
  if (!parsed.ok) {
    const field = PAGE_FIELDS.has(parsed.parameter as SearchField)
      ? (parsed.parameter as SearchField)
      : 'near';
    return { kind: 'invalid', query, fields: [field] };
  }
  const resolved = resolveQuery(parsed.value);
  if (!resolved.ok) return { kind: 'unknown-place', query, suggestions: resolved.suggestions };
  const { params, placeLabel, radiusMiles } = resolved;
  if (!params.point && !FILTERS.some((f) => isOn(params[f.key]))) return { kind: 'prompt', query };
  const result = await searchServices(db, { ...params, now });
  return {
    kind: 'results',
    query,
    placeLabel,
    point: params.point ?? null,
    radiusMiles,
    result,
    now: now.toISOString(),
  };
}
