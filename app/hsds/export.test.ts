import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachEngine } from '../../tests/helpers/db';
import { fixture, seedDir, snapshot } from '../../tests/helpers/hsds';
import { exportHsds } from './export.server';
import { importHsds } from './import.server';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'haven-export-'));
const readCsv = (dir: string, file: string) =>
  parse(readFileSync(path.join(dir, file)), { columns: true }) as Array<Record<string, string>>;

describeEachEngine('HSDS export', (t) => {
  beforeAll(async () => {
    await importHsds(t.db, seedDir, { source: 'haven-demo' });
    await importHsds(t.db, fixture('messy'));
  });

  it('round-trips: export → import into a fresh database → the same content', async () => {
    const dir = tempDir();
    await exportHsds(t.db, dir, { includeConfidential: true });
    const fresh = await createTestDatabase(t.engine);
    try {
      const report = await importHsds(fresh.db, dir);
      expect(report.issues.filter((issue) => issue.severity === 'rejected')).toEqual([]);
      expect(await snapshot(fresh.db)).toEqual(await snapshot(t.db));
      const searchText = (db: typeof t.db) =>
        db.selectFrom('service').select(['id', 'search_text']).orderBy('id').execute();
      expect(await searchText(fresh.db)).toEqual(await searchText(t.db));
    } finally {
      await fresh.close();
    }
  });

  it('writes a datapackage.json that documents Haven extension columns', async () => {
    const dir = tempDir();
    await exportHsds(t.db, dir);
    const descriptor = JSON.parse(readFileSync(path.join(dir, 'datapackage.json'), 'utf8'));
    const locations = descriptor.resources.find((resource: { name: string }) => resource.name === 'location');
    const field = locations.schema.fields.find((f: { name: string }) => f.name === 'is_confidential');
    expect(field).toMatchObject({ type: 'boolean', 'x-haven-extension': true });
    expect(
      locations.schema.fields.find((f: { name: string }) => f.name === 'latitude')['x-haven-extension'],
    ).toBeUndefined();
    expect(readdirSync(dir).sort()).toEqual(
      expect.arrayContaining([
        'services.csv',
        'locations.csv',
        'schedules.csv',
        'attributes.csv',
        'taxonomy_terms.csv',
      ]),
    );
  });

  it('exports confidential locations in their public form only (no address row), unless asked to include them', async () => {
    const confidential = await t.db
      .selectFrom('location')
      .innerJoin('address', 'address.location_id', 'location.id')
      .select(['location.id', 'latitude', 'longitude', 'public_latitude', 'public_longitude', 'address_1'])
      .where('is_confidential', '=', true)
      .execute();
    expect(confidential.length).toBeGreaterThanOrEqual(10);

    const dir = tempDir();
    const summary = await exportHsds(t.db, dir);
    expect(summary.confidentialLocations).toBe(confidential.length);
    const everything = readdirSync(dir)
      .map((file) => readFileSync(path.join(dir, file), 'utf8'))
      .join('\n');
    const locations = new Map(readCsv(dir, 'locations.csv').map((row) => [row.id, row]));
    const addresses = new Map(readCsv(dir, 'addresses.csv').map((row) => [row.location_id, row]));
    for (const location of confidential) {
      expect(everything).not.toContain(location.address_1);
      expect(everything).not.toContain(String(location.latitude));
      expect(everything).not.toContain(String(location.longitude));
      expect(locations.get(location.id)).toMatchObject({
        latitude: '',
        longitude: '',
        public_latitude: String(location.public_latitude),
        public_longitude: String(location.public_longitude),
        is_confidential: 'true',
      });
      expect(addresses.has(location.id)).toBe(false);
    }

    const full = tempDir();
    await exportHsds(t.db, full, { includeConfidential: true });
    const fullText = readFileSync(path.join(full, 'addresses.csv'), 'utf8');
    for (const location of confidential) expect(fullText).toContain(location.address_1);
  });
});
