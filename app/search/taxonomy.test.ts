import { expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { CATEGORY_TREE, COST_SLUGS, POPULATION_SLUGS, TAXONOMY } from './taxonomy';

describeEachEngine('taxonomy slugs', (context) => {
  it('match the terms in the database, parents included', async () => {
    const rows = await context.db
      .selectFrom('taxonomy_term as t')
      .leftJoin('taxonomy_term as p', 'p.id', 't.parent_id')
      .select(['t.taxonomy', 't.code', 'p.code as parent'])
      .execute();
    const codes = (taxonomy: string) =>
      rows
        .filter((r) => r.taxonomy === taxonomy)
        .map((r) => r.code)
        .sort();
    const tree: Record<string, string[]> = {};
    for (const row of rows.filter((r) => r.taxonomy === TAXONOMY.categories)) {
      if (row.parent) tree[row.parent] = [...(tree[row.parent] ?? []), row.code!].sort();
      else tree[row.code!] ??= [];
    }
    expect(tree).toEqual(
      Object.fromEntries(Object.entries(CATEGORY_TREE).map(([k, v]) => [k, [...v].sort()])),
    );
    expect(codes(TAXONOMY.populations)).toEqual([...POPULATION_SLUGS].sort());
    expect(codes(TAXONOMY.costs)).toEqual([...COST_SLUGS].sort());
  });
});
