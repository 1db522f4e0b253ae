/**
 * The WHERE conditions every search shares: public visibility and the registry's filters
 * (./filters.ts) as SQL fragments, over the aliases `s` (service) and `o` (organization) or
 * over a `search_point` row `sp`. Keyword text becomes a tsquery here too, including the typo
 * correction through the `search_word` list.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/types';
import { API_FILTERS, type Condition, FILTERS, isOn, type SqlKit } from './filters';
import { websearchText } from './keyword-text';
import type { SearchParams } from './types';
import { publicServiceSql } from './visibility';

export type { Condition };

/** Only active services of verified organizations are public (DESIGN.md §4). */
export const visible: Condition = publicServiceSql;

const hasTerm = (taxonomy: string, codes: Condition) => sql<boolean>`exists (
  select 1 from attribute a join taxonomy_term t on t.id = a.taxonomy_term_id
  where a.link_entity = 'service' and a.link_id = s.id and t.taxonomy = ${taxonomy} and ${codes})`;

/**
 * Query words (lower-case, unaccented by the database) replaced by their nearest known word
 * when they are not in `search_word` themselves; null when nothing needed correcting.
 */
async function correctedKeyword(db: Kysely<Database>, keyword: string): Promise<string | null> {
  const words = keyword
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3)
    .slice(0, 8);
  if (words.length === 0) return null;
  const result = await sql<{ input: string; best: string | null }>`
    select w.input, (select sw.word from search_word sw
                     where sw.word % haven_unaccent(w.input)
                     order by sw.word <-> haven_unaccent(w.input), sw.word limit 1) as best
    from unnest(cast(${words} as text[])) with ordinality as w(input, n) order by w.n`.execute(db);
  let changed = false;
  const corrected = result.rows.map((row) => {
    if (row.best && row.best !== row.input) changed = true;
    return row.best ?? row.input;
  });
  return changed ? corrected.join(' ') : null;
}

/**
 * The tsquery for a keyword: English or Spanish stems of the text as typed, or of the text with
 * misspelt words corrected (so "counceling" finds "counseling"). websearch_to_tsquery raises
 * on nothing but operator runs deeper than its stack, which websearchText folds first.
 */
export async function keywordQuery(
  db: Kysely<Database>,
  keyword: string | undefined,
): Promise<RawBuilder<unknown> | null> {
  const text = keyword && websearchText(keyword).trim();
  if (!text) return null;
  const toQuery = (value: string) => sql`(websearch_to_tsquery('english'::regconfig, haven_unaccent(${value}))
    || websearch_to_tsquery('spanish'::regconfig, haven_unaccent(${value})))`;
  const corrected = await correctedKeyword(db, text);
  return corrected ? sql`(${toQuery(text)} || ${toQuery(corrected)})` : toQuery(text);
}

type Where = 'service' | 'point';

/** Each registry filter that is on, as its condition over `where`'s rows. */
function conditions(where: Where, params: SearchParams, tsquery: RawBuilder<unknown> | null): Condition[] {
  const kit: SqlKit = { sql, hasTerm, tsquery };
  return [...FILTERS, ...API_FILTERS].flatMap((filter) => {
    const value = params[filter.key];
    if (!isOn(value)) return [];
    // Each entry's value type is its own schema's output; the registry keeps key and schema together.
    const condition = (filter[where] as (value: unknown, kit: SqlKit) => Condition | null)(value, kit);
    return condition ? [condition] : [];
  });
}

/** The filter conditions over a service `s` and its organization `o`, beside `visible`. */
export function filterConditions(params: SearchParams, tsquery: RawBuilder<unknown> | null): Condition[] {
  return conditions('service', params, tsquery);
}

/**
 * The same filters over a `search_point` row (alias `sp`, nearby searches): the row carries its
 * service's category codes (with their parents'), populations, languages, delivery modes and
 * whether it is free, so each filter is an array test on the row; the keyword goes through the
 * service. Visibility is implied: the table holds public services only.
 */
export function pointConditions(params: SearchParams, tsquery: RawBuilder<unknown> | null): Condition[] {
  return conditions('point', params, tsquery);
}

export function allOf(conditions: Condition[]): Condition {
  return conditions.length === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join(conditions, sql` and `)})`;
}
