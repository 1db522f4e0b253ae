/**
 * `/api/v1/services`: validates the query, resolves its place with the search page's own step
 * (app/search/resolve.server.ts), ranks with the same search as the pages, and maps
 * the results to HSDS service objects: one page in an HSDS envelope (`format=json`), or every
 * match from the requested page on, one per line, read and written a page at a time
 * (`format=ndjson`).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { resolveQuery } from '../search/resolve.server';
import { parseApiQuery } from '../search/schema';
import { type RankedPage, rankServices } from '../search/search.server';
import type { SearchParams } from '../search/types';
import { hsdsServices, oneToOne } from './hsds.server';
import { pageEnvelope } from './http.server';

type QueryError = { ok: false; error: string; parameter: string };

export type ServicesAnswer =
  | {
      ok: true;
      format: 'json';
      envelope: ReturnType<typeof pageEnvelope<Record<string, unknown>>>;
    }
  | { ok: true; format: 'ndjson'; services: AsyncIterable<Record<string, unknown>[]> }
  | QueryError;

/** The validated query, resolved (place → point and state) as the search page does. */
function apiQuery(
  search: URLSearchParams,
): { ok: true; params: SearchParams; format: 'json' | 'ndjson'; full: boolean } | QueryError {
  const parsed = parseApiQuery(search);
  if (!parsed.ok) return parsed;
  const resolved = resolveQuery(parsed.value);
  if (!resolved.ok) {
    const { suggestions } = resolved;
    const hint = suggestions.length > 0 ? ` (did you mean ${suggestions.slice(0, 3).join(', ')}?)` : '';
    return { ok: false, error: `near: place not found${hint}`, parameter: 'near' };
  }
  return { ok: true, params: resolved.params, format: parsed.value.format, full: parsed.value.full };
}

/** A ranked page as HSDS services, with `distance_km` when the search has a point. */
async function toHsds(db: Kysely<Database>, params: SearchParams, ranked: RankedPage, full: boolean) {
  const distances = params.point
    ? new Map(ranked.candidates.map((c) => [c.serviceId, c.distanceKm]))
    : undefined;
  const services = await hsdsServices(
    db,
    ranked.candidates.map((c) => c.serviceId),
    distances,
  );
  return full ? services : services.map(oneToOne);
}

/**
 * Every match from `params.page` to the end, a page (`params.pageSize`) at a time, in the
 * search's order: each page is ranked and hydrated only when the consumer asks for it, so a
 * client that stops reading stops the queries.
 */
async function* servicePages(
  db: Kysely<Database>,
  params: SearchParams,
  full: boolean,
): AsyncGenerator<Record<string, unknown>[]> {
  for (let page = params.page; ; page++) {
    const ranked = await rankServices(db, { ...params, page });
    if (ranked.candidates.length > 0) yield await toHsds(db, params, ranked, full);
    if (ranked.candidates.length < params.pageSize) return;
  }
}

export async function apiServices(
  db: Kysely<Database>,
  search: URLSearchParams,
  now?: Date,
): Promise<ServicesAnswer> {
  const query = apiQuery(search);
  if (!query.ok) return query;
  // One clock for every page of a stream (open now, hours today).
  const params = { ...query.params, now: now ?? new Date() };
  if (query.format === 'ndjson')
    return { ok: true, format: 'ndjson', services: servicePages(db, params, query.full) };
  // HSDS clients loop 1..total_pages: the API's total is exact (the page's may say "40+").
  const ranked = await rankServices(db, { ...params, exactTotal: true });
  const contents = await toHsds(db, params, ranked, query.full);
  return {
    ok: true,
    format: 'json',
    envelope: pageEnvelope(contents, ranked.total, params.page, params.pageSize),
  };
}
