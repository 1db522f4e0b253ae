/**
 * `npm run db:backup` and `npm run db:restore` round trip on both engines: the demo directory is
 * backed up, restored into an empty database, and both export the same HSDS package, file for
 * file. A backup is not restored over a database that holds data without --replace, nor into
 * the other engine.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { exportHsds } from '../../app/hsds/export.server';
import { seedDemoData } from '../../app/hsds/seed.server';
import { createDatabase, type DatabaseHandle } from '../../db/index';
import { describeEachEngine } from '../helpers/db';
import { adminUrl, createDatabaseNamed, dropDatabaseNamed } from '../helpers/postgres';

const root = path.resolve(import.meta.dirname, '../..');
let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'haven-backup-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', script), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function exported(handle: DatabaseHandle, name: string): Promise<Record<string, string>> {
  const dir = path.join(scratch, name);
  await exportHsds(handle.db, dir);
  return Object.fromEntries(
    readdirSync(dir).map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]),
  );
}

describeEachEngine('db:backup and db:restore', (t) => {
  it('round-trips the directory: the restored database exports the same HSDS package', async () => {
    const file = path.join(scratch, `backup-${t.engine}`);
    let source: { env: Record<string, string> };
    let original: Record<string, string>;
    let target: {
      env: Record<string, string>;
      handle: () => Promise<DatabaseHandle>;
      drop?: () => Promise<void>;
    };
    if (t.engine === 'pglite') {
      const from = path.join(scratch, 'pglite-from');
      const to = path.join(scratch, 'pglite-to');
      const seeding = await createDatabase({
        pgliteDir: from,
        pgliteDataDir: new Blob([readFileSync(inject('pgliteTemplatePath'))]),
      });
      await seedDemoData(seeding.db);
      original = await exported(seeding, `export-${t.engine}-before`);
      await seeding.close();
      source = { env: { PGLITE_DIR: from } };
      target = { env: { PGLITE_DIR: to }, handle: () => createDatabase({ pgliteDir: to }) };
    } else {
      await seedDemoData(t.db);
      original = await exported(t.handle, `export-${t.engine}-before`);
      const url = t.handle.url!;
      const name = `haven_restore_${process.pid}`;
      await createDatabaseNamed(url, name);
      const restoredUrl = adminUrl(url, name);
      source = { env: { DATABASE_URL: url } };
      target = {
        env: { DATABASE_URL: restoredUrl },
        handle: () => createDatabase({ databaseUrl: restoredUrl, maxConnections: 2 }),
        drop: () => dropDatabaseNamed(url, name),
      };
    }
    try {
      const backup = await cli('backup.ts', [file], source.env);
      expect(backup.output).toMatch(/Backed up the \w+ database/);
      expect(backup.code).toBe(0);
      const restore = await cli('restore.ts', [file], target.env);
      expect(restore.output).toMatch(/Restored .* into the \w+ database/);
      expect(restore.code).toBe(0);

      const after = await target.handle();
      try {
        const restored = await exported(after, `export-${t.engine}-after`);
        expect(Object.keys(original)).toContain('services.csv');
        expect(original['services.csv']!.split('\n').length).toBeGreaterThan(200);
        expect(restored).toEqual(original);
      } finally {
        await after.close();
      }

      // Not over a database that holds data without --replace.
      const again = await cli('restore.ts', [file], target.env);
      expect(again.code).toBe(1);
      expect(again.output).toContain('--replace');

      // Not into the other engine.
      const other: Record<string, string> =
        t.engine === 'pglite'
          ? { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }
          : { PGLITE_DIR: path.join(scratch, 'never') };
      const wrong = await cli('restore.ts', [file], other);
      expect(wrong.code).toBe(1);
      expect(wrong.output).toMatch(/is a (PGlite|PostgreSQL) backup, but the configured database is/);
    } finally {
      await target.drop?.();
    }
  }, 180_000);
});
