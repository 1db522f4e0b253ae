/**
 * The WHERE conditions every search shares: public visibility and the user's filters, as SQL
 * fragments over the aliases `s` (service) and `o` (organization). Keyword text becomes a
 * tsquery here too, including the typo correction through the `search_word` list.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/types';
import { websearchText } from './keyword-text';
import { TAXONOMY } from './taxonomy';
import type { SearchParams } from './types';

export type Condition = RawBuilder<boolean>;

/** Only active services of verified organizations are public (DESIGN.md §4). */
export const visible: Condition = sql<boolean>`s.status = 'active' and o.verification_status = 'verified'`;

const hasTerm = (taxonomy: string, codes: RawBuilder<boolean>) => sql<boolean>`exists (
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

/** The filter conditions for a search, beside `visible`. */
export function filterConditions(params: SearchParams, tsquery: RawBuilder<unknown> | null): Condition[] {
  const conditions: Condition[] = [];
  if (params.categories.length > 0) {
    // A top-level category also matches services tagged only with one of its subcategories.
    conditions.push(
      hasTerm(
        TAXONOMY.categories,
        sql<boolean>`(t.code = any(cast(${params.categories} as text[]))
      or t.parent_id in (select p.id from taxonomy_term p
                         where p.taxonomy = ${TAXONOMY.categories} and p.code = any(cast(${params.categories} as text[]))))`,
      ),
    );
  }
  if (params.population) {
    conditions.push(hasTerm(TAXONOMY.populations, sql<boolean>`t.code = ${params.population}`));
  }
  if (params.language) {
    conditions.push(
      sql<boolean>`exists (select 1 from language lg where lg.service_id = s.id and lg.code = ${params.language})`,
    );
  }
  if (params.freeOnly) {
    conditions.push(sql<boolean>`(${hasTerm(TAXONOMY.costs, sql<boolean>`t.code = 'free'`)}
      or exists (select 1 from cost_option co where co.service_id = s.id and co.amount = 0))`);
  }
  if (params.delivery) {
    conditions.push(sql<boolean>`s.delivery @> array[${params.delivery}]::text[]`);
  }
  if (tsquery) conditions.push(sql<boolean>`s.search_vector @@ ${tsquery}`);
  return conditions;
}

/**
 * The same filters over a `search_point` row (alias `sp`, nearby searches): the row carries its
 * service's category codes (with their parents'), populations, languages, delivery modes and
 * whether it is free, so each filter is an array test on the row; the keyword goes through the
 * service. Visibility is implied: the table holds public services only.
 */
export function pointConditions(params: SearchParams, tsquery: RawBuilder<unknown> | null): Condition[] {
  const conditions: Condition[] = [];
  if (params.categories.length > 0) {
    conditions.push(sql<boolean>`sp.categories && cast(${params.categories} as text[])`);
  }
  if (params.population) conditions.push(sql<boolean>`sp.populations @> array[${params.population}]::text[]`);
  if (params.language) conditions.push(sql<boolean>`sp.languages @> array[${params.language}]::text[]`);
  if (params.freeOnly) conditions.push(sql<boolean>`sp.free`);
  if (params.delivery) conditions.push(sql<boolean>`sp.delivery @> array[${params.delivery}]::text[]`);
  if (tsquery) {
    conditions.push(
      sql<boolean>`exists (select 1 from service s where s.id = sp.service_id and s.search_vector @@ ${tsquery})`,
    );
  }
  return conditions;
}

export function allOf(conditions: Condition[]): Condition {
  return conditions.length === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join(conditions, sql` and `)})`;
}
