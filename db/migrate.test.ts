import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../tests/helpers/db';
import { UUID_V5 } from '../tests/helpers/hsds';
import { havenTaxonomyId, havenTermId } from '../app/hsds/ids.server';
import { migrateTo, migrateToLatest, migrateToNone } from './migrate';
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
    expect(categories.find((row) => row.code === 'legal-aid')?.id).toBe(havenTermId('haven', 'legal-aid'));
  });

  it('give every Haven taxonomy and term an RFC 4122 version 5 id', async () => {
    const { rows } = await sql<{ id: string; kind: string }>`
      select id::text as id, 'taxonomy' as kind from taxonomy
      union all select id::text, 'term' from taxonomy_term`.execute(t.db);
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows) expect(row.id, row.kind).toMatch(UUID_V5);
  });

  it('move every reference with the taxonomy ids (0181), and keep imported ids', async () => {
    await migrateTo(t.db, '2026_12_01_0171_keyword_order');
    const md5 = async (key: string) =>
      (await sql<{ id: string }>`select md5(${key})::uuid::text as id`.execute(t.db)).rows[0]!.id;
    const legalAid = await md5('term:haven:legal-aid');
    const immigration = await md5('term:haven:immigration-relief');
    const haven = await md5('taxonomy:haven');
    const imported = '00000000-0000-0000-0000-0000000000aa'; // a package's own (invalid-bits) id
    const organization = '11111111-1111-4111-8111-111111111111';
    const service = '22222222-2222-4222-8222-222222222222';
    await sql`insert into organization (id, name) values (${organization}, 'Migration Org')`.execute(t.db);
    await sql`insert into service (id, organization_id, name) values (${service}, ${organization}, 'Migration service')`.execute(
      t.db,
    );
    await sql`insert into taxonomy_term (id, code, name, taxonomy, taxonomy_id, parent_id)
              values (${imported}, 'imported', 'Imported child', 'haven', ${haven}, ${legalAid})`.execute(
      t.db,
    );
    await sql`insert into attribute (link_id, taxonomy_term_id, link_entity)
              values (${service}, ${legalAid}, 'service'), (${service}, ${immigration}, 'service'),
                     (${service}, ${imported}, 'service')`.execute(t.db);
    await sql`insert into audit_event (action, entity_type, entity_id, before, after)
              values ('term.update', 'taxonomy_term', ${immigration}, ${JSON.stringify({ parent_id: legalAid })}::jsonb,
                      ${JSON.stringify({ categories: [legalAid, imported] })}::jsonb)`.execute(t.db);
    await sql`insert into import_source_row (table_name, row_id, source, source_id, content_hash, imported_values)
              values ('taxonomy_term', ${legalAid}, 'pkg', 'legal-aid', 'h', ${JSON.stringify({ parent_id: null })}::jsonb),
                     ('attribute', ${service}, 'pkg', 'a1', 'h',
                      ${JSON.stringify({ taxonomy_term_id: immigration })}::jsonb)`.execute(t.db);

    await migrateToLatest(t.db);
    const newLegalAid = havenTermId('haven', 'legal-aid');
    const newImmigration = havenTermId('haven', 'immigration-relief');
    const terms = await t.db
      .selectFrom('taxonomy_term')
      .select(['id', 'parent_id', 'taxonomy_id'])
      .where('code', 'in', ['legal-aid', 'immigration-relief', 'imported'])
      .orderBy('code')
      .execute();
    expect(terms).toEqual([
      { id: newImmigration, parent_id: newLegalAid, taxonomy_id: havenTaxonomyId('haven') },
      { id: imported, parent_id: newLegalAid, taxonomy_id: havenTaxonomyId('haven') },
      { id: newLegalAid, parent_id: null, taxonomy_id: havenTaxonomyId('haven') },
    ]);
    const attributes = await t.db
      .selectFrom('attribute')
      .select('taxonomy_term_id')
      .where('link_id', '=', service)
      .orderBy('taxonomy_term_id')
      .execute();
    expect(attributes.map((a) => a.taxonomy_term_id).sort()).toEqual(
      [newLegalAid, newImmigration, imported].sort(),
    );
    const event = await t.db
      .selectFrom('audit_event')
      .select(['entity_id', 'before', 'after'])
      .where('action', '=', 'term.update')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({
      entity_id: newImmigration,
      before: { parent_id: newLegalAid },
      after: { categories: [newLegalAid, imported] },
    });
    const ledger = await t.db
      .selectFrom('import_source_row')
      .select(['table_name', 'row_id', 'imported_values'])
      .where('source', '=', 'pkg')
      .orderBy('table_name')
      .execute();
    expect(ledger).toEqual([
      { table_name: 'attribute', row_id: service, imported_values: { taxonomy_term_id: newImmigration } },
      { table_name: 'taxonomy_term', row_id: newLegalAid, imported_values: { parent_id: null } },
    ]);
    // the foreign keys are back: a dangling term id is refused
    await expect(
      sql`insert into attribute (link_id, taxonomy_term_id, link_entity) values (${service}, ${legalAid}, 'service')`.execute(
        t.db,
      ),
    ).rejects.toThrow(/foreign key/);
    // and down restores the md5 ids Haven had, references included
    await migrateTo(t.db, '2026_12_01_0171_keyword_order');
    const back = await t.db
      .selectFrom('attribute')
      .select('taxonomy_term_id')
      .where('link_id', '=', service)
      .execute();
    expect(back.map((a) => a.taxonomy_term_id).sort()).toEqual([legalAid, immigration, imported].sort());
    await migrateToLatest(t.db);
    await sql`delete from service where id = ${service}`.execute(t.db);
    await sql`delete from taxonomy_term where id = ${imported}`.execute(t.db);
    await sql`delete from organization where id = ${organization}`.execute(t.db);
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
