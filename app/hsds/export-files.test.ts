/**
 * What the exported files themselves guarantee (issue 9, points 15 and 16): cells a spreadsheet
 * would run as formulas are written safely and come back unchanged through Haven's importer, and
 * an export that includes confidential data is readable by its owner only — and says so.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachEngine } from '../../tests/helpers/db';
import { snapshot, writePackage } from '../../tests/helpers/hsds';
import { exportHsds } from './export.server';
import { importHsds } from './import.server';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'haven-export-files-'));
const FORMULAS = {
  organization: `=HYPERLINK("http://evil.example","Click")`,
  service: '+SUM(1;2)',
  description: '-2+3 hours',
  email: '@admin',
  quoted: "'=already quoted",
  phone: '+1 713 555 0100',
};

describeEachEngine('Exported files', (t) => {
  beforeAll(async () => {
    await importHsds(
      t.db,
      writePackage({
        'organizations.csv': `id,name,description,email\norg-1,"${FORMULAS.organization.replace(/"/g, '""')}",${FORMULAS.quoted},x@example.org\n`,
        'services.csv': `id,organization_id,name,description,email\nsvc-1,org-1,${FORMULAS.service},${FORMULAS.description},${FORMULAS.email}\n`,
        'locations.csv':
          'id,organization_id,name,location_type,latitude,longitude\nloc-1,org-1,Office,physical,29.76,-95.37\n',
        'phones.csv': `id,service_id,number,type\nph-1,svc-1,${FORMULAS.phone},voice\n`,
      }),
      { source: 'formulas' },
    );
  });

  it('writes formula-like text cells with a leading apostrophe and re-imports them unchanged', async () => {
    const dir = tempDir();
    await exportHsds(t.db, dir);
    const cells = readdirSync(dir)
      .filter((file) => file.endsWith('.csv'))
      .flatMap((file) => (parse(readFileSync(path.join(dir, file))) as string[][]).flat());
    const dangerous = cells.filter((value) => /^[=+\-@\t\r]/.test(value));
    // only numbers (a longitude) may start with "-"
    expect(dangerous.filter((value) => !/^-\d+(\.\d+)?$/.test(value))).toEqual([]);
    expect(cells).toContain(`'${FORMULAS.organization}`);
    expect(cells).toContain(`'${FORMULAS.phone}`);
    expect(cells).toContain(`'${FORMULAS.service}`);

    const fresh = await createTestDatabase(t.engine);
    try {
      await importHsds(fresh.db, dir, { source: 'formulas' });
      // The public export describes a term without a description by its name (HSDS requires
      // one; app/hsds/export.server.ts), so Haven's own terms come back described.
      const { taxonomy_term: _termsAfter, ...after } = await snapshot(fresh.db);
      const { taxonomy_term: _termsBefore, ...before } = await snapshot(t.db);
      expect(after).toEqual(before);
      const service = await fresh.db
        .selectFrom('service')
        .select(['name', 'description', 'email'])
        .executeTakeFirstOrThrow();
      expect(service).toEqual({
        name: FORMULAS.service,
        description: FORMULAS.description,
        email: FORMULAS.email,
      });
    } finally {
      await fresh.close();
    }
  });

  it('makes an export with confidential data owner-only: directory 0700, files 0600', async () => {
    const dir = path.join(tempDir(), 'full');
    mkdirSync(dir, { mode: 0o755 });
    await exportHsds(t.db, dir, { includeConfidential: true });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(statSync(path.join(dir, file)).mode & 0o777, file).toBe(0o600);
  });
});

it('db:export --include-confidential says the folder is owner-only', async () => {
  const dir = path.join(tempDir(), 'cli');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'scripts/export.ts', dir, '--include-confidential'],
    { env: { ...process.env, DATABASE_URL: '', PGLITE_DIR: 'memory://', NODE_ENV: 'test', SEED_DEMO: '0' } },
  );
  expect(stdout).toContain('readable by its owner only (directory 0700, files 0600)');
  expect(statSync(dir).mode & 0o777).toBe(0o700);
}, 120_000);
