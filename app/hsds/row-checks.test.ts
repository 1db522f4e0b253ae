/**
 * Row validation holds every database constraint: each CHECK constraint of the HSDS tables in
 * the migrated database is either a column spec (range, enum, pattern, required text) or a
 * ROW_CHECKS entry in tables.ts. A new constraint in a migration fails this test until the
 * importer checks it too.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { ROW_CHECKS, TABLES, type TableName } from './tables';

/** Constraints on columns the importer never writes (set by the database itself). */
const NOT_IMPORTED = new Set(['version']);

function coveredByColumnSpec(table: TableName, column: string): boolean {
  const spec = TABLES[table].columns[column];
  if (!spec) return false;
  return (
    spec.min !== undefined ||
    spec.max !== undefined ||
    spec.values !== undefined ||
    spec.pattern !== undefined ||
    spec.required === true ||
    spec.kind === 'text_list'
  );
}

describeEachEngine('import validation and database constraints', (t) => {
  it('covers every CHECK constraint of the HSDS tables', async () => {
    const { rows } = await sql<{ table: string; name: string }>`
      select rel.relname as table, con.conname as name
        from pg_constraint con join pg_class rel on rel.oid = con.conrelid
       where con.contype = 'c' and rel.relname = any(${Object.keys(TABLES)})
       order by 1, 2`.execute(t.db);
    expect(rows.length).toBeGreaterThan(20);
    const uncovered = rows.filter(({ table, name }) => {
      const tableName = table as TableName;
      if ((ROW_CHECKS[tableName] ?? []).some((check) => check.constraint === name)) return false;
      const column = name.slice(table.length + 1).replace(/_check$/, '');
      return !NOT_IMPORTED.has(column) && !coveredByColumnSpec(tableName, column);
    });
    expect(uncovered).toEqual([]);
  });

  it('names only constraints that exist', async () => {
    const { rows } = await sql<{ name: string }>`
      select conname as name from pg_constraint where contype = 'c'`.execute(t.db);
    const names = new Set(rows.map((row) => row.name));
    const declared = Object.values(ROW_CHECKS).flatMap((checks) => checks.map((check) => check.constraint));
    expect(declared.filter((name) => !names.has(name))).toEqual([]);
  });
});
