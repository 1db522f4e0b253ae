/**
 * A county 211 package in HSDS 1.x (tests/fixtures/hsds/county-211, written for these tests in
 * the shape of real exports): blank and free-text language rows must not sink the package, and a
 * row the database still refuses is isolated and reported while the rest is imported.
 */
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { fixture, issuesAt } from '../../tests/helpers/hsds';
import { stableId } from './ids.server';
import { importHsds } from './import.server';
import type { ImportReport } from './report';

const id = (source: string, table: string, sourceId: string) => stableId(source, table, sourceId);

describeEachEngine('HSDS import of a county 211 package with free-text languages', (t) => {
  let report: ImportReport;
  beforeAll(async () => {
    report = await importHsds(t.db, fixture('county-211'), { source: 'county' });
  });

  const languages = (serviceId: string) =>
    t.db
      .selectFrom('language')
      .select(['code', 'name', 'note'])
      .where('service_id', '=', id('county', 'service', serviceId))
      .orderBy('code')
      .execute();

  it('imports every service despite blank and free-text language rows', async () => {
    const { count } = await t.db
      .selectFrom('service')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(4);
    expect(report.tables.service).toEqual({ read: 4, imported: 4, rejected: 0 });
  });

  it('maps a language with a qualifier and keeps the qualifier as a note', async () => {
    expect(await languages('2001')).toEqual([
      { code: 'en', name: 'English', note: null },
      { code: 'es', name: 'Spanish', note: 'limited' },
    ]);
  });

  it('splits "English and Spanish" and "Vietnamese, Somali" into one row per language', async () => {
    expect(await languages('2002')).toEqual([
      { code: 'en', name: 'English', note: null },
      { code: 'es', name: 'Spanish', note: null },
    ]);
    expect(await languages('2004')).toEqual([
      { code: 'so', name: 'Somali', note: null },
      { code: 'vi', name: 'Vietnamese', note: null },
    ]);
    expect(issuesAt(report, 'languages.csv', 4, 'name')).toMatchObject([
      { severity: 'repaired', reason: 'free-text languages split into en, es' },
    ]);
  });

  it('maps American Sign Language to its ISO 639-3 code ase', async () => {
    expect(await languages('2003')).toEqual([{ code: 'ase', name: 'American Sign Language', note: null }]);
  });

  it('keeps text that names no language as a note on the service', async () => {
    const service = await t.db
      .selectFrom('service')
      .select('interpretation_services')
      .where('id', '=', id('county', 'service', '2003'))
      .executeTakeFirstOrThrow();
    expect(service.interpretation_services).toBe('other languages available upon request');
    expect(issuesAt(report, 'languages.csv', 6)).toMatchObject([
      {
        severity: 'repaired',
        reason: 'names no language; kept as a note in service.interpretation_services',
      },
    ]);
  });

  it('rejects blank language rows with the reason, and counts every row', () => {
    for (const line of [5, 9])
      expect(issuesAt(report, 'languages.csv', line)).toMatchObject([
        { severity: 'rejected', reason: 'language needs a name or a code' },
      ]);
    expect(report.tables.language).toEqual({ read: 8, imported: 6, rejected: 2 });
  });
});

describeEachEngine('HSDS import isolates rows the database refuses', (t) => {
  let report: ImportReport;
  beforeAll(async () => {
    // A rule only the database knows (as a deployment's own constraint would be).
    await sql`alter table phone add constraint phone_not_test_number check (number <> '515-555-0102')`.execute(
      t.db,
    );
    report = await importHsds(t.db, fixture('county-211'), { source: 'county' });
  });

  it('rejects the refused row with the database reason and imports the rest', async () => {
    expect(issuesAt(report, 'phones.csv', 3)).toMatchObject([
      {
        severity: 'rejected',
        table: 'phone',
        sourceId: '5002',
        reason: expect.stringContaining('phone_not_test_number') as string,
      },
    ]);
    const phones = await t.db.selectFrom('phone').select('number').execute();
    expect(phones.map((phone) => phone.number)).toEqual(['515-555-0101']);
    expect(report.tables.phone).toEqual({ read: 2, imported: 1, rejected: 1 });
    const services = await t.db.selectFrom('service').select('id').execute();
    expect(services).toHaveLength(4);
  });
});
