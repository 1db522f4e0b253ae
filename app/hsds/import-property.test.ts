/**
 * Property test: generated packages mixing valid rows with every quirk class (blank ids,
 * dangling references, wrong types, bad enums, duplicate ids, unicode, huge text, bad times,
 * missing columns, free-text languages). For every package the importer either imports or
 * stops with an ImportError (never another error, never a partial import); every valid service
 * is kept; and the report accounts for every row read (imported + rejected = read).
 * HSDS_PROPERTY_RUNS sets the number of cases per engine (default 100: each case is a full
 * import, without the after-import CLUSTER/ANALYZE, about 0.2–0.8 s on a busy 2-core machine).
 * The 10,000-case run and its duration are in docs/hsds-import.md.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { stableId } from './ids.server';
import { importHsds } from './import.server';
import type { RawPackage, RawRow } from './raw-package';
import { ImportError } from './report';

const RUNS = Number(process.env.HSDS_PROPERTY_RUNS ?? 100);

const quirkyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constant(''),
  fc.constant('   '),
  fc.constant('x'.repeat(20_000)),
  fc.constant('nul\u0000byte'),
  fc.constant('\\n line'),
);
const quirkyValue = fc.oneof(quirkyText, fc.integer().map(String), fc.constant('TRUE'), fc.constant('-1'));

interface Generated {
  orgIds: string[];
  /** Organizations with an id and a plain name: they must be imported. */
  validOrgs: string[];
  validServices: string[];
  pkg: RawPackage;
}

const generated: fc.Arbitrary<Generated> = fc
  .record({
    orgs: fc.array(fc.record({ name: fc.oneof(fc.constant('Org'), quirkyText), quirk: fc.boolean() }), {
      maxLength: 4,
    }),
    services: fc.array(
      fc.record({
        org: fc.nat(6),
        valid: fc.boolean(),
        name: quirkyText,
        status: fc.oneof(fc.constant('active'), fc.constant('Active'), quirkyValue),
        minimumAge: fc.oneof(fc.constant(''), quirkyValue),
        duplicate: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
    phones: fc.array(fc.record({ service: fc.nat(9), number: quirkyText, type: quirkyValue }), {
      maxLength: 5,
    }),
    languages: fc.array(
      fc.record({
        service: fc.nat(9),
        language: fc.oneof(
          fc.constant('Spanish (limited)'),
          fc.constant('English and Spanish'),
          fc.constant('other languages available upon request'),
          fc.constant(''),
          quirkyText,
        ),
      }),
      { maxLength: 5 },
    ),
    schedules: fc.array(
      fc.record({
        service: fc.nat(9),
        opens: quirkyValue,
        closes: fc.oneof(fc.constant('17:00'), quirkyValue),
      }),
      { maxLength: 4 },
    ),
    dropColumn: fc.boolean(),
  })
  .map(({ orgs, services, phones, languages, schedules, dropColumn }) => {
    const orgIds = orgs.map((_, index) => (orgs[index]!.quirk && index === 0 ? '' : `o${index}`));
    const validOrgs = orgIds.filter((id, index) => id !== '' && orgs[index]!.name === 'Org');
    const rows = (file: string, values: Array<Record<string, unknown>>): RawRow[] =>
      values.map((row, index) => ({ values: row, ref: { file: `${file}.csv`, line: index + 2 } }));
    const validServices: string[] = [];
    const serviceRows = services.map((service, index) => {
      const id = service.duplicate && index > 0 ? `s${index - 1}` : `s${index}`;
      if (service.valid && orgIds.includes(`o${service.org}`) && !(service.duplicate && index > 0)) {
        validServices.push(id);
        return { id, organization_id: `o${service.org}`, name: `Service ${index}`, status: 'active' };
      }
      const row: Record<string, unknown> = {
        id,
        organization_id: `o${service.org}`,
        name: service.name,
        status: service.status,
        minimum_age: service.minimumAge,
      };
      if (dropColumn) delete row.status;
      return row;
    });
    const pkg: RawPackage = {
      name: 'property',
      format: 'tabular',
      warnings: [],
      tables: new Map([
        [
          'organizations',
          rows(
            'organizations',
            orgs.map((org, index) => ({ id: orgIds[index], name: org.name })),
          ),
        ],
        ['services', rows('services', serviceRows)],
        [
          'phones',
          rows(
            'phones',
            phones.map((phone, index) => ({
              id: `p${index}`,
              service_id: `s${phone.service}`,
              number: phone.number,
              type: phone.type,
            })),
          ),
        ],
        [
          'languages',
          rows(
            'languages',
            languages.map((language, index) => ({
              id: index % 2 ? '' : `l${index}`,
              service_id: `s${language.service}`,
              language: language.language,
            })),
          ),
        ],
        [
          'regular_schedules',
          rows(
            'regular_schedules',
            schedules.map((schedule, index) => ({
              id: `h${index}`,
              service_id: `s${schedule.service}`,
              weekday: String(index),
              opens_at: schedule.opens,
              closes_at: schedule.closes,
            })),
          ),
        ],
      ]),
    };
    return { orgIds, validOrgs, validServices, pkg };
  });

describeEachEngine('HSDS import properties', (t) => {
  it(
    `never fails unhandled, keeps every valid service and accounts for every row (${RUNS} cases)`,
    async () => {
      let run = 0;
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(generated, async ({ validOrgs, validServices, pkg }) => {
          // Each case under its own source name: ids never collide with an earlier case.
          const source = `property-${run++}`;
          // A long run (the 10,000-case one) says how far it got.
          if (RUNS >= 1000 && run % 250 === 0)
            process.stderr.write(
              `[${t.engine}] ${run} cases in ${Math.round((Date.now() - started) / 1000)} s\n`,
            );
          let report;
          try {
            report = await importHsds(t.db, pkg, { source, tidy: false });
          } catch (error) {
            if (!(error instanceof ImportError) || error.code !== 'empty') throw error;
            expect(validServices).toEqual([]);
            expect(validOrgs).toEqual([]);
            // No partial import: not one row recorded for this source.
            const recorded = await t.db
              .selectFrom('import_source_row')
              .select('row_id')
              .where('source', '=', source)
              .execute();
            expect(recorded).toEqual([]);
            return;
          }
          for (const [table, counts] of Object.entries(report.tables))
            expect(counts.imported + counts.rejected, table).toBe(counts.read);
          // Every source row is accounted for: the service file's rows all appear in the counts.
          expect(report.tables.service?.read ?? 0).toBe(pkg.tables.get('services')!.length);
          if (validOrgs.length) {
            const found = await t.db
              .selectFrom('organization')
              .select('id')
              .where(
                'id',
                'in',
                validOrgs.map((id) => stableId(source, 'organization', id)),
              )
              .execute();
            expect(found).toHaveLength(validOrgs.length);
          }
          if (validServices.length) {
            const found = await t.db
              .selectFrom('service')
              .select('id')
              .where(
                'id',
                'in',
                validServices.map((id) => stableId(source, 'service', id)),
              )
              .execute();
            expect(found).toHaveLength(validServices.length);
          }
        }),
        { numRuns: RUNS },
      );
    },
    Math.max(600_000, RUNS * 3000),
  );
});
