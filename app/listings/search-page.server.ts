/**
 * The search page's data: parses the query string with the shared schema, resolves a typed
 * place with the offline gazetteer and runs the search. A module of its own (and `.server`)
 * so the schema, zod and the gazetteer never reach the browser bundle.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { activeFilterCount, readSearchQuery } from '~/components/search-url';
import type { SearchField } from '~/components/search-form';
import { resolvePlace } from '~/geo/gazetteer.server';
import { parsePageQuery } from '~/search/query.server';
import { searchServices } from '~/search/search.server';
import type { SearchPageData } from './types';

const FIELDS = new Set<string>([
  'near',
  'lat',
  'lng',
  'radius',
  'category',
  'q',
  'language',
  'population',
  'free',
  'open_now',
  'delivery',
  'page',
]);

export async function loadSearchPage(
  db: Kysely<Database>,
  url: URL,
  now = new Date(),
): Promise<SearchPageData> {
  const query = readSearchQuery(url.searchParams);
  const parsed = parsePageQuery(url.searchParams);
  if (!parsed.ok) {
    const field = (FIELDS.has(parsed.parameter) ? parsed.parameter : 'near') as SearchField;
    return { kind: 'invalid', query, fields: [field] };
  }
  const { near, radiusMiles } = parsed.value;
  const params = { ...parsed.value.params };
  let placeLabel: string | null = null;
  // A typed place wins over coordinates carried along from an earlier "use my location".
  if (near?.trim()) {
    const place = resolvePlace(near);
    // An unknown place is a normal answer with suggestions, not an error page.
    if (!place.ok) return { kind: 'unknown-place', query, suggestions: place.suggestions };
    params.point = { latitude: place.place.latitude, longitude: place.place.longitude };
    placeLabel = place.place.label;
  }
  if (!params.point && activeFilterCount(query) === 0) return { kind: 'prompt', query };
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
