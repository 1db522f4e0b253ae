/**
 * Conformance of the HSDS export with HSDS 3.0: every row of every table of a public export —
 * of the demo data (with audit events for the metadata table), and of a database that imported
 * the official HSDS 3.0 examples — validates against the vendored HSDS schemas (ajv), and
 * datapackage.json declares HSDS's types and required fields and marks every other column as
 * a Haven extension.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { exportHsds } from '../../app/hsds/export.server';
import { importHsds } from '../../app/hsds/import.server';
import { HSDS_REQUIRED } from '../../app/hsds/package-writer.server';
import { createTestDatabase, describeEachEngine } from '../helpers/db';
import { fixture, seedDir } from '../helpers/hsds';
import { rowObject, rowValidator, SCHEMAS, violations } from './hsds-schemas';

interface Field {
  name: string;
  type: string;
  constraints?: { required?: boolean };
  'x-haven-extension'?: boolean;
}
interface Resource {
  name: string;
  path: string;
  schema: { fields: Field[] };
}

/** Every violation of a package: rows against the schemas, datapackage.json against HSDS. */
function packageViolations(dir: string): {
  problems: string[];
  rows: Record<string, Array<Record<string, string>>>;
} {
  const descriptor = JSON.parse(readFileSync(path.join(dir, 'datapackage.json'), 'utf8')) as {
    resources: Resource[];
  };
  const problems: string[] = [];
  const rows: Record<string, Array<Record<string, string>>> = {};
  for (const resource of descriptor.resources) {
    const schema = SCHEMAS[resource.name];
    if (!schema) {
      problems.push(`${resource.name}: not an HSDS table`);
      continue;
    }
    const required = new Set([...(schema.required ?? []), ...(schema.tabular_required ?? [])]);
    for (const field of resource.schema.fields) {
      const hsds = schema.properties[field.name];
      if (!hsds) {
        if (!field['x-haven-extension'])
          problems.push(`${resource.name}.${field.name}: not HSDS, not marked as an extension`);
        continue;
      }
      const type = hsds.format === 'date' ? 'date' : hsds.format === 'time' ? 'time' : hsds.type;
      const expected = (hsds as { datapackage_type?: string }).datapackage_type ?? type;
      if (field.type !== expected)
        problems.push(`${resource.name}.${field.name}: type ${field.type}, HSDS ${expected}`);
      if (required.has(field.name) && !field.constraints?.required)
        problems.push(`${resource.name}.${field.name}: HSDS requires it, not marked required`);
    }
    const validate = rowValidator(resource.name);
    const table = parse(readFileSync(path.join(dir, resource.path)), { columns: true }) as Array<
      Record<string, string>
    >;
    rows[resource.name] = table;
    table.forEach((row, i) =>
      problems.push(...violations(validate, rowObject(resource.name, row), `${resource.path}:${i + 2}`)),
    );
  }
  return { problems, rows };
}

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'haven-conformance-'));

describeEachEngine('HSDS conformance of the export', (t) => {
  beforeAll(async () => {
    await importHsds(t.db, seedDir, { source: 'haven-demo' });
  });

  it('lists HSDS_REQUIRED as the vendored schemas do', () => {
    for (const [table, fields] of Object.entries(HSDS_REQUIRED)) {
      const schema = SCHEMAS[table]!;
      const required = [...(schema.required ?? []), ...(schema.tabular_required ?? [])].filter(
        (f) => f !== 'id',
      );
      expect([...fields].sort(), table).toEqual([...new Set(required)].sort());
    }
  });

  it('exports the demo data as valid HSDS, with metadata from the audit trail', async () => {
    const service = await t.db
      .selectFrom('service')
      .select(['id', 'name'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const closing = await t.db
      .selectFrom('schedule')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(sql<boolean>`closes_at = '24:00:00'`)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('audit_event')
      .values([
        {
          actor_id: null,
          action: 'service.update',
          entity_type: 'service',
          entity_id: service.id,
          before: JSON.stringify({ name: 'Old name', minimum_age: 18, email: null }),
          after: JSON.stringify({ name: service.name, minimum_age: 16, email: 'a@example.org' }),
        },
        {
          actor_id: null,
          action: 'session.create',
          entity_type: 'account',
          entity_id: null,
          before: null,
          after: null,
        },
      ])
      .execute();
    const dir = tempDir();
    await exportHsds(t.db, dir);
    const { problems, rows } = packageViolations(dir);
    expect(problems.slice(0, 30)).toEqual([]);
    expect(rows.taxonomy_term!.every((term) => term.description !== '')).toBe(true);
    expect(Number(closing.n)).toBeGreaterThan(0);
    expect(rows.schedule!.some((s) => s.closes_at === '23:59:59')).toBe(true);
    expect(rows.schedule!.some((s) => s.closes_at?.startsWith('24'))).toBe(false);
    expect(rows.metadata!.filter((m) => m.resource_id === service.id)).toEqual([
      expect.objectContaining({
        field_name: 'email',
        previous_value: 'null',
        replacement_value: 'a@example.org',
      }),
      expect.objectContaining({ field_name: 'minimum_age', previous_value: '18', replacement_value: '16' }),
      expect.objectContaining({
        field_name: 'name',
        previous_value: 'Old name',
        replacement_value: service.name,
        resource_type: 'service',
        last_action_type: 'service.update',
        updated_by: 'import',
      }),
    ]);
    expect(rows.metadata).toHaveLength(3);
  });

  it('exports the official HSDS 3.0 examples, once imported, as valid HSDS', async () => {
    const fresh = await createTestDatabase(t.engine);
    try {
      await importHsds(fresh.db, fixture('hsds-3.0-csv'));
      const dir = tempDir();
      await exportHsds(fresh.db, dir);
      const { problems, rows } = packageViolations(dir);
      expect(problems.slice(0, 30)).toEqual([]);
      expect(rows.service!.length).toBeGreaterThan(0);
      expect(rows.organization_identifier!.length + rows.organization!.length).toBeGreaterThan(0);
    } finally {
      await fresh.close();
    }
  });
});
