/**
 * A hostile package cannot exhaust memory (issue 9, point 14): a zip bomb, a file larger than
 * the limit and a zip whose headers lie about sizes all fail fast with a one-line message, and
 * the database is unchanged.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { snapshot, writePackage } from '../../tests/helpers/hsds';
import { writeZip } from '../../tests/helpers/zip';
import { importHsds } from './import.server';
import { DEFAULT_LIMITS } from './read-package.server';

const MIB = 1024 * 1024;
const header = 'id,organization_id,name,description\n';
const row = (i: number) => `svc-${i},org-1,Service ${i},A service.\n`;
const organizations = { name: 'organizations.csv', data: Buffer.from('id,name\norg-1,Org\n') };

function zipOf(entries: Parameters<typeof writeZip>[1]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'haven-zip-')), 'package.zip');
  writeZip(file, entries);
  return file;
}

describeEachEngine('Package size limits', (t) => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    await importHsds(t.db, writePackage({ 'organizations.csv': 'id,name\norg-0,Kept\n' }), {
      source: 'kept',
    });
    before = await snapshot(t.db);
  });

  async function expectRefused(input: string, message: RegExp, limits = {}) {
    const started = Date.now();
    const error = await importHsds(t.db, input, { limits }).then(
      () => null,
      (caught: Error) => caught,
    );
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('\n');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await snapshot(t.db)).toEqual(before);
  }

  it('documents its defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxEntryBytes: 512 * MIB, maxTotalBytes: 2048 * MIB, maxRatio: 100 });
  });

  it('refuses a zip bomb from its declared sizes, before inflating it', async () => {
    const bomb = Buffer.alloc(64 * MIB, 0x61);
    await expectRefused(
      zipOf([organizations, { name: 'services.csv', data: bomb }]),
      /^services\.csv: compressed more than 100:1, a likely zip bomb \(raise the limit with --max-ratio\); nothing was imported$/,
    );
  });

  it('stops inflating an entry whose header understates its size', async () => {
    const bomb = Buffer.alloc(64 * MIB, 0x61);
    await expectRefused(
      zipOf([organizations, { name: 'services.csv', data: bomb, declaredSize: 1000 }]),
      /^(services\.csv: compressed more than 100:1|cannot read zip package\.zip: too many bytes in the stream)/,
    );
  });

  it('refuses a file, or a package, larger than the limits (zip and folder)', async () => {
    const services = Buffer.from(header + Array.from({ length: 4000 }, (_, i) => row(i)).join(''));
    await expectRefused(
      zipOf([organizations, { name: 'services.csv', data: services }]),
      /services\.csv: larger than the 0\.1 MiB limit for one file \(raise it with --max-entry-mb\)/,
      { maxEntryBytes: 0.1 * MIB },
    );
    const folder = writePackage({ 'organizations.csv': 'id,name\norg-1,Org\n' });
    writeFileSync(path.join(folder, 'services.csv'), services);
    await expectRefused(
      folder,
      /the package is larger than the 0\.1 MiB limit \(raise it with --max-total-mb\)/,
      {
        maxTotalBytes: 0.1 * MIB,
      },
    );
    // raised limits let the same package in
    const report = await importHsds(t.db, folder, { limits: { maxTotalBytes: 10 * MIB } });
    expect(report.tables.service?.imported).toBe(4000);
  });
});
