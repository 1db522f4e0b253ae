/**
 * Streaming: a folder package imported in small batches (row by row from disk, parents' files
 * first) ends in exactly the database and the counts of the in-memory import, and an id used
 * again in a later batch is still rejected as a duplicate.
 */
import { rmSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/types';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../../tests/helpers/db';
import { seedDir, snapshot, writePackage } from '../../tests/helpers/hsds';
import { stableId } from './ids.server';
import { importHsds } from './import.server';
import type { ImportReport } from './report';

describeEachEngine('HSDS import streams large folder packages in batches', (t) => {
  let inMemory: TestDatabase;
  let memoryReport: ImportReport;
  let streamedReport: ImportReport;
  const phases: string[] = [];
  beforeAll(async () => {
    inMemory = await createTestDatabase(t.engine);
    const now = new Date('2026-11-30T12:00:00Z');
    memoryReport = await importHsds(inMemory.db, seedDir, { source: 'demo', now, tidy: false });
    streamedReport = await importHsds(t.db, seedDir, {
      source: 'demo',
      now,
      tidy: false,
      streamAboveBytes: 0,
      batchRows: 40,
      onProgress: (event) => phases.push(event.phase === 'write' ? 'write' : event.message),
    });
  });
  afterAll(async () => {
    await inMemory?.close();
  });

  it('the streamed import writes the same rows and reports the same counts as the in-memory one', async () => {
    expect(phases.some((phase) => /^streaming \d+ files in batches$/.test(phase))).toBe(true);
    expect(streamedReport.tables).toEqual(memoryReport.tables);
    expect(streamedReport.sync).toEqual(memoryReport.sync);
    expect(streamedReport.summary).toEqual(memoryReport.summary);
    expect(await snapshot(t.db)).toEqual(await snapshot(inMemory.db));
    expect(streamedReport.tables.service!.read).toBeGreaterThan(40 * 3);
  });

  it('search points, search text and the search indexes end as after the in-memory import', async () => {
    // The streamed import into an empty directory is a bulk load: search_point is refreshed once
    // at the end (triggers deferred) and the search indexes are dropped and built again.
    const derived = async (db: Kysely<Database>) => ({
      points: (
        await sql`select service_id, location_id, latitude, longitude, service_name, categories,
                    populations, languages, delivery, free from search_point order by 1, 2`.execute(db)
      ).rows,
      text: (await sql`select id, search_text, search_vector::text from service order by id`.execute(db))
        .rows,
      indexes: (
        await sql`select c.relname, pg_get_indexdef(i.indexrelid) as definition, i.indisclustered
                  from pg_index i join pg_class c on c.oid = i.indexrelid
                  where i.indrelid in ('service'::regclass, 'search_point'::regclass) order by 1`.execute(db)
      ).rows,
    });
    const streamed = await derived(t.db);
    expect(streamed.points.length).toBeGreaterThan(10);
    expect(streamed).toEqual(await derived(inMemory.db));
  });

  it('an id used again in a later batch is rejected as a duplicate; the first row is kept', async () => {
    const services = ['id,organization_id,name'];
    for (let i = 1; i <= 120; i++) services.push(`s${i},o1,Service ${i}`);
    services.push('s5,o1,Second copy of service 5');
    const dir = writePackage({
      'organizations.csv': 'id,name\no1,Streamed Organization\n',
      'services.csv': `${services.join('\n')}\n`,
    });
    try {
      const report = await importHsds(t.db, dir, {
        source: 'dup',
        streamAboveBytes: 0,
        batchRows: 50,
        tidy: false,
      });
      expect(report.tables.service).toEqual({ read: 121, imported: 120, rejected: 1 });
      expect(report.issues.filter((issue) => issue.severity === 'rejected')).toEqual([
        expect.objectContaining({
          file: 'services.csv',
          line: 122,
          sourceId: 's5',
          reason: expect.stringMatching(/duplicate id/),
        }),
      ]);
      const kept = await t.db
        .selectFrom('service')
        .select('name')
        .where('id', '=', stableId('dup', 'service', 's5'))
        .executeTakeFirstOrThrow();
      expect(kept.name).toBe('Service 5');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
