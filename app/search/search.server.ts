/**
 * Public search: `searchServices(db, params)` implements the contract in ./types.ts.
 * Order with a point: in-person results by distance then name (one row per service, at its
 * nearest public location), then remote services that cover the point, by name. Without a
 * point: keyword rank (when a keyword is given) then name. See docs/search.md.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import {
  allOf,
  type Condition,
  filterConditions,
  keywordQuery,
  pointConditions,
  visible,
} from './filters.server';
import { isOpenAt } from './hours';
export type { Candidate } from './nearby.server';
import {
  type Candidate,
  categoryWalk,
  listedCandidates,
  listedCount,
  nearbyCount,
  nearbyPage,
} from './nearby.server';
import { remoteMatches } from './remote.server';
import { hydrate } from './results.server';
import { hoursSources } from './schedules.server';
import type { SearchParams, SearchResult } from './types';

export interface RankedPage {
  /** The page's services in result order, with the shown location and distance. */
  candidates: Candidate[];
  total: number;
  /** True when `total` is a lower bound (a dense area, counted up to a cap). */
  totalCapped: boolean;
}

/**
 * The open ones among the matches, read in result order a chunk at a time (growing ×4), until
 * `cap` are open or the matches run out (`complete`: every match was seen, the count is exact).
 */
async function openInOrder(
  db: Kysely<Database>,
  inOrder: (window: { limit: number; offset: number }) => Promise<Candidate[]>,
  now: Date,
  cap: number,
): Promise<{ open: Candidate[]; complete: boolean }> {
  const open: Candidate[] = [];
  for (
    let offset = 0, limit = Math.min(Math.max(64, cap * 2), 16_384);
    ;
    offset += limit, limit = Math.min(limit * 4, 16_384)
  ) {
    const chunk = await inOrder({ limit, offset });
    const sources = await hoursSources(db, chunk);
    open.push(
      ...chunk.filter((c) => {
        const source = sources.get(c.serviceId);
        return source ? isOpenAt(source.schedules, now, source.fallbackZone) === true : false;
      }),
    );
    if (chunk.length < limit) return { open, complete: true };
    if (open.length >= cap) return { open, complete: false };
  }
}

/** The ranking alone (ids, locations, distances, total): the public API maps these to HSDS itself. */
export async function rankServices(db: Kysely<Database>, params: SearchParams): Promise<RankedPage> {
  const now = params.now ?? new Date();
  const tsquery = await keywordQuery(db, params.keyword);
  const where = allOf([visible, ...filterConditions(params, tsquery)]);
  const pointWhere = allOf(pointConditions(params, tsquery));
  const offset = (params.page - 1) * params.pageSize;
  const { point, radiusKm, pointState } = params;
  // Totals are exact up to two pages past this one, "at least `cap`" beyond (`totalCapped`):
  // enough to draw the next pages' links; counting every match in a dense city, or every match
  // of a common keyword, costs far more than the page.
  const cap = offset + params.pageSize * 2;

  let page: Candidate[];
  let total: number;
  let totalCapped = false;
  if (params.openNow) {
    // Hours live in each schedule's own zone, so "open now" is decided in JS (app/search/hours.ts,
    // the same code the service page uses), on the matches in result order, a chunk at a time,
    // until two pages past this one are open or the matches run out (then the total is exact).
    const inOrder = inOrderOf(db, params, where, pointWhere, tsquery);
    const { open, complete } = await openInOrder(db, inOrder, now, cap);
    page = open.slice(offset, offset + params.pageSize);
    total = complete ? open.length : cap;
    totalCapped = !complete;
  } else if (point) {
    // The count up to the cap is what the nearest window must cover (see nearbyPage).
    const { candidates: inPerson, count: inPersonCount } = await nearbyPage(
      db,
      point,
      radiusKm,
      pointWhere,
      { limit: params.pageSize, offset },
      cap,
      categoryWalk(params.categories),
    );
    if (inPersonCount.capped || inPersonCount.total >= cap) {
      // Remote results come after every in-person one, so at least two pages away: neither
      // fetched nor counted, and the total is "at least" (in a dense city, most of the remote
      // coverage cost would be here).
      page = inPerson;
      total = inPersonCount.total;
      totalCapped = true;
    } else {
      // Remote results continue the list after the last in-person one.
      const remote = await remoteMatches(db, point, radiusKm, pointState, where, {
        limit: params.pageSize - inPerson.length,
        offset: Math.max(0, offset - inPersonCount.total),
      });
      page = [...inPerson, ...remote.candidates];
      total = inPersonCount.total + remote.total;
    }
  } else {
    const [candidates, count] = await Promise.all([
      listedCandidates(db, where, tsquery, { limit: params.pageSize, offset }),
      listedCount(db, where, cap),
    ]);
    page = candidates;
    total = count.total;
    totalCapped = count.capped;
  }

  if (totalCapped && params.exactTotal) {
    // The API counts every match: with open now by reading them all (hours are decided in JS),
    // otherwise by one count with the page query's own conditions (see exactCount).
    total = params.openNow
      ? (await openInOrder(db, inOrderOf(db, params, where, pointWhere, tsquery), now, Infinity)).open.length
      : await exactCount(db, params, where, pointWhere);
    totalCapped = false;
  }
  return { candidates: page, total, totalCapped };
}

/** Every match in result order, a window at a time (open now reads them so). */
function inOrderOf(
  db: Kysely<Database>,
  params: SearchParams,
  where: Condition,
  pointWhere: Condition,
  tsquery: Awaited<ReturnType<typeof keywordQuery>>,
) {
  const { point, radiusKm, pointState } = params;
  return point
    ? async (window: { limit: number; offset: number }) => {
        const nearby = await nearbyPage(
          db,
          point,
          radiusKm,
          pointWhere,
          window,
          window.offset + window.limit,
          categoryWalk(params.categories),
        );
        if (nearby.candidates.length === window.limit || nearby.count.capped) return nearby.candidates;
        const remote = await remoteMatches(db, point, radiusKm, pointState, where, {
          limit: window.limit - nearby.candidates.length,
          offset: Math.max(0, window.offset - nearby.count.total),
        });
        return [...nearby.candidates, ...remote.candidates];
      }
    : (window: { limit: number; offset: number }) => listedCandidates(db, where, tsquery, window);
}

/**
 * The exact number of matches, with the same conditions as the page query: with a point, the
 * distinct services among the search points inside the radius (`pointWhere`, from the registry)
 * plus the remote matches (which exclude services listed in person); without one, the services
 * passing `where`. docs/PERFORMANCE.md has its cost at 1M services.
 */
export async function exactCount(
  db: Kysely<Database>,
  params: SearchParams,
  where: Condition,
  pointWhere: Condition,
): Promise<number> {
  const { point, radiusKm, pointState } = params;
  if (!point) return (await listedCount(db, where, Infinity)).total;
  const [inPerson, remote] = await Promise.all([
    nearbyCount(db, point, radiusKm, pointWhere),
    remoteMatches(db, point, radiusKm, pointState, where, { limit: 0, offset: 0 }),
  ]);
  return inPerson + remote.total;
}

export async function searchServices(db: Kysely<Database>, params: SearchParams): Promise<SearchResult> {
  const { candidates, total, totalCapped } = await rankServices(db, params);
  return {
    items: await hydrate(db, candidates, params.now ?? new Date()),
    total,
    totalCapped,
    page: params.page,
    pageSize: params.pageSize,
    totalPages: Math.ceil(total / params.pageSize),
  };
}
