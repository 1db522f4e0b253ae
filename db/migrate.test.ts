import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../tests/helpers/db';
import { migrateToLatest, migrateToNone } from './migrate';
import { migrations } from './migrations/index';

const tableNames = async (db: Parameters<typeof migrateToLatest>[0]) =>
  (
    await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = 'public' and table_name not like 'haven_migration%'
      order by table_name`.execute(db)
  ).rows.map((row) => row.table_name);

describeEachEngine('migrations', (t) => {
  it('go down to nothing and back up to the same schema', async () => {
    const before = await tableNames(t.db);
    expect(before).toEqual(
      expect.arrayContaining(['organization', 'service', 'location', 'taxonomy_term', 'audit_event']),
    );
    const down = await migrateToNone(t.db);
    expect(down).toHaveLength(Object.keys(migrations).length);
    expect(await tableNames(t.db)).toEqual([]);
    await migrateToLatest(t.db);
    expect(await tableNames(t.db)).toEqual(before);
  });

  it('create the haven taxonomy with stable slugs and ids', async () => {
    const categories = await t.db
      .selectFrom('taxonomy_term')
      .select(['id', 'code'])
      .where('taxonomy', '=', 'haven')
      .where('parent_id', 'is', null)
      .orderBy('code')
      .execute();
    expect(categories.map((row) => row.code)).toEqual([
      'basic-needs',
      'case-management',
      'counseling',
      'health',
      'hotlines',
      'housing',
      'legal-aid',
      'vocational',
    ]);
    const { rows } = await sql<{ id: string }>`select md5('term:haven:legal-aid')::uuid::text as id`.execute(
      t.db,
    );
    expect(categories.find((row) => row.code === 'legal-aid')?.id).toBe(rows[0]?.id);
  });

  it('use the GiST index on the public point for nearest-neighbour ordering', async () => {
    await sql`set enable_seqscan = off`.execute(t.db);
    const plan = await sql<{ 'QUERY PLAN': string }>`
      explain select service_id from search_point
      order by earth <-> ll_to_earth(40.7, -74.0) limit 20`.execute(t.db);
    await sql`reset enable_seqscan`.execute(t.db);
    expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('search_point_earth_idx');
  });
});
