/**
 * Keyword-only ranking over a bounded candidate set (listedCandidates, migration 0171) against
 * the rule it replaced: ts_rank over every match. On a corpus of varied texts (names and
 * descriptions drawn from one vocabulary, so ranks differ and names sometimes carry the word):
 * - a keyword with at most KEYWORD_CANDIDATES matches lists exactly what ts_rank over every
 *   match lists, pages 1–3, through rankServices (what the page and the API call);
 * - beyond that, the page is ts_rank's order over the documented candidates (the first N
 *   matches by name, and the first N whose name carries one of the words), recomputed here from every
 *   match's rank; and on a corpus of equal ranks (the bench's shape) it equals the old order.
 */
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { resetListings } from '../../tests/helpers/fixtures';
import { searchParams } from '../../tests/helpers/search-params';
import { allOf, filterConditions, keywordQuery, visible } from './filters.server';
import { KEYWORD_CANDIDATES, listedCandidates } from './nearby.server';
import { rankServices } from './search.server';

const WORDS = [
  'shelter',
  'legal',
  'visa',
  'counseling',
  'housing',
  'food',
  'clinic',
  'support',
  'hotline',
  'training',
  'immigration',
  'advocacy',
  'transport',
  'safe',
  'harbor',
];
const SERVICES = 700;
const KEYWORDS = [
  'shelter',
  'immigration visa',
  'legal',
  'food clinic',
  'counceling',
  'safe harbor',
  'support',
];

describeEachEngine('keyword-only ranking', (context) => {
  const db = () => context.db;
  const pick = (salt: number, expr: string) =>
    sql.raw(
      `(array[${WORDS.map((w) => `'${w}'`).join(',')}])[1 + (hashint4(${expr} + ${salt * 7919}) & 2147483647) % ${WORDS.length}]`,
    );

  /** Every public match of `keyword`, with its rank and whether its name carries one of the words. */
  const everyMatch = async (keyword: string) => {
    const tsquery = (await keywordQuery(db(), keyword))!;
    const result = await sql<{ id: string; name: string; rank: number; in_name: boolean }>`
      select s.id, s.name, ts_rank(s.search_vector, ${tsquery}) as rank,
             (to_tsvector('english'::regconfig, haven_unaccent(s.name)) ||
              to_tsvector('spanish'::regconfig, haven_unaccent(s.name)))
               @@ regexp_replace(querytree(${tsquery}), '&|<[0-9]+>|<->', '|', 'g')::tsquery as in_name
      from service s join organization o on o.id = s.organization_id
      where ${visible} and s.search_vector @@ ${tsquery}`.execute(db());
    return result.rows;
  };
  /** ts_rank desc, then name, then id — compared as PostgreSQL compares them (C collation). */
  const byRank = (
    a: { rank: number; name: string; id: string },
    b: { rank: number; name: string; id: string },
  ) =>
    b.rank - a.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

  const page = async (keyword: string, pageNumber: number) =>
    (await rankServices(db(), searchParams({ point: undefined, keyword, page: pageNumber }))).candidates.map(
      (c) => c.serviceId,
    );
  const exactPage = async (keyword: string, pageNumber: number) => {
    const tsquery = await keywordQuery(db(), keyword);
    const where = allOf([visible, ...filterConditions(searchParams({ point: undefined, keyword }), tsquery)]);
    const rows = await listedCandidates(
      db(),
      where,
      tsquery,
      { limit: 20, offset: (pageNumber - 1) * 20 },
      null,
    );
    return rows.map((c) => c.serviceId);
  };

  beforeAll(async () => {
    await resetListings(db());
    await sql`insert into organization (id, name, verification_status, verified_at)
      values ('00000000-0000-4000-8000-000000000001', 'Corpus', 'verified', now())`.execute(db());
    // Names are two vocabulary words and a number (some carry a keyword); descriptions are
    // 2–9 vocabulary words (so a word occurs 0–several times), one service in 20 inactive.
    await sql`insert into service (organization_id, name, description, search_text, status)
      select '00000000-0000-4000-8000-000000000001',
        initcap(${pick(1, 'g')}) || ' ' || initcap(${pick(2, 'g')}) || ' ' || g,
        d.text, d.text, case when g % 20 = 0 then 'inactive' else 'active' end
      from generate_series(1, ${SERVICES}) g
      cross join lateral (select string_agg(${pick(3, 'g * 16 + k')}, ' ' order by k) as text
                          from generate_series(1, 2 + g % 8) k) d`.execute(db());
  });

  it('lists what ts_rank over every match lists, pages 1–3, when the matches fit the candidates', async () => {
    let compared = 0;
    for (const keyword of KEYWORDS) {
      const matches = await everyMatch(keyword);
      if (matches.length > KEYWORD_CANDIDATES) continue;
      expect(matches.length, keyword).toBeGreaterThan(60); // three full pages to compare
      // Ranks differ (the corpus is not a tie the name order would decide alone).
      expect(new Set(matches.map((m) => m.rank)).size, keyword).toBeGreaterThan(3);
      for (const p of [1, 2, 3])
        expect(await page(keyword, p), `${keyword} p${p}`).toEqual(await exactPage(keyword, p));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(5);
  });

  it('beyond the candidates, ranks the first N by name and the first N named for the words', async () => {
    const n = 40;
    for (const keyword of KEYWORDS) {
      const matches = await everyMatch(keyword);
      expect(matches.length, keyword).toBeGreaterThan(n);
      const pool = new Map<string, (typeof matches)[number]>();
      for (const m of [...matches].sort(byName).slice(0, n)) pool.set(m.id, m);
      for (const m of matches
        .filter((x) => x.in_name)
        .sort(byName)
        .slice(0, n))
        pool.set(m.id, m);
      const expected = [...pool.values()].sort(byRank).map((m) => m.id);
      const tsquery = await keywordQuery(db(), keyword);
      const where = allOf([
        visible,
        ...filterConditions(searchParams({ point: undefined, keyword }), tsquery),
      ]);
      for (const offset of [0, 20]) {
        const got = await listedCandidates(db(), where, tsquery, { limit: 20, offset }, n);
        expect(
          got.map((c) => c.serviceId),
          `${keyword} @${offset}`,
        ).toEqual(expected.slice(offset, offset + 20));
      }
    }
  });

  it('equals the old order beyond the candidates when the text ties (the bench corpus shape)', async () => {
    // Every service has the same text, so ts_rank ties unless the name carries a word (those
    // come first, and fit the candidates), and the name decides, as in scripts/bench.
    await sql`update service set description = 'Legal aid: T visa and U visa immigration relief',
      search_text = 'Legal aid: T visa and U visa immigration relief'`.execute(db());
    const keyword = 'immigration visa';
    const tsquery = await keywordQuery(db(), keyword);
    const where = allOf([visible, ...filterConditions(searchParams({ point: undefined, keyword }), tsquery)]);
    const tied = (await everyMatch(keyword)).length;
    expect(tied).toBeGreaterThan(500);
    for (const offset of [0, 20, 40]) {
      const bounded = await listedCandidates(db(), where, tsquery, { limit: 20, offset }, 250);
      const exact = await listedCandidates(db(), where, tsquery, { limit: 20, offset }, null);
      expect(bounded.map((c) => c.serviceId)).toEqual(exact.map((c) => c.serviceId));
    }
  });
});
