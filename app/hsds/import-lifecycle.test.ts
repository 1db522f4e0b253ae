/** Re-import, --pending and all-or-nothing behaviour of the importer. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { fixture, rowCounts, snapshot } from '../../tests/helpers/hsds';
import { importHsds } from './import.server';
import { ImportError } from './report';

describeEachEngine('HSDS import lifecycle', (t) => {
  it('re-importing the same package changes nothing: same rows, same content, same versions', async () => {
    const first = await importHsds(t.db, fixture('messy'));
    const before = await snapshot(t.db);
    const versions = await t.db
      .selectFrom('service')
      .select(['id', 'version', 'updated_at'])
      .orderBy('id')
      .execute();
    const second = await importHsds(t.db, fixture('messy'));
    expect(await snapshot(t.db)).toEqual(before);
    expect(
      await t.db.selectFrom('service').select(['id', 'version', 'updated_at']).orderBy('id').execute(),
    ).toEqual(versions);
    // Placeholder organizations are created once: the second import finds them in the database.
    expect(second.tables).toEqual({
      ...first.tables,
      organization: { ...first.tables.organization, created: undefined },
    });
  });

  it('rewrites search_point in its GiST index’s order after a large import (CLUSTER)', async () => {
    const storage = async () =>
      (
        await sql<{ file: number; clustered: boolean }>`
          select c.relfilenode as file, i.indisclustered as clustered
          from pg_class c join pg_index i on i.indrelid = c.oid
          where c.relname = 'search_point' and i.indexrelid = 'search_point_earth_idx'::regclass`.execute(
          t.db,
        )
      ).rows[0];
    const before = await storage();
    expect(before?.clustered).toBe(true);
    // Under another source name, so its services are new (a re-import of unchanged rows writes nothing).
    await importHsds(t.db, fixture('messy'), { source: 'messy-again' });
    const after = await storage();
    // CLUSTER writes the table anew: a new file, still marked for the next CLUSTER
    expect(after?.file).not.toBe(before?.file);
    expect(after?.clustered).toBe(true);
  });

  it('keeps an organization verified on re-import with --pending (verification is not the package’s to change)', async () => {
    await importHsds(t.db, fixture('messy'), { pending: true });
    // (placeholders made up for missing organizations are pending: not the package's own)
    const statuses = await t.db
      .selectFrom('organization')
      .select('verification_status')
      .where('description', 'not like', 'Created by the import%')
      .distinct()
      .execute();
    expect(statuses).toEqual([{ verification_status: 'verified' }]);
  });

  it('imports new organizations as pending with --pending', async () => {
    const report = await importHsds(t.db, fixture('hsds-1.1-sample'), { pending: true });
    expect(report.pending).toBe(true);
    const orgs = await t.db
      .selectFrom('organization')
      .select(['verification_status', 'verified_at'])
      .where('id', '=', '1899600a-649c-11e6-8b77-86f30ca893d3')
      .executeTakeFirstOrThrow();
    expect(orgs).toEqual({ verification_status: 'pending', verified_at: null });
  });

  it('rolls back everything when the database fails part-way through writing', async () => {
    const before = await rowCounts(t.db);
    const failing = importHsds(t.db, fixture('hsds-3.0-csv'), {
      onProgress: (event) => {
        // Services have been written by the time locations are; fail there.
        if (event.phase === 'write' && event.table === 'location') throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow(
      new ImportError('database error, nothing was imported: disk full', 'database'),
    );
    expect(await rowCounts(t.db)).toEqual(before);
    expect(
      await t.db
        .selectFrom('service')
        .select('id')
        .where('id', '=', 'ac148810-d857-441c-9679-408f346de14b')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('refuses an unreadable package or one with nothing to import, writing nothing', async () => {
    const before = await rowCounts(t.db);
    await expect(importHsds(t.db, fixture('does-not-exist'))).rejects.toMatchObject({ code: 'unreadable' });
    const dir = mkdtempSync(path.join(tmpdir(), 'haven-empty-'));
    writeFileSync(path.join(dir, 'services.csv'), 'id,organization_id,name\n1,,\n');
    await expect(importHsds(t.db, dir)).rejects.toMatchObject({
      code: 'empty',
      message: 'the package holds no valid organizations or services',
    });
    writeFileSync(path.join(dir, 'services.csv'), 'id,name\n"unterminated,quote\n');
    await expect(importHsds(t.db, dir)).rejects.toMatchObject({ code: 'unreadable' });
    expect(await rowCounts(t.db)).toEqual(before);
  });
});
