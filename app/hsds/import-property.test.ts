/**
 * Property test: generated packages mixing valid rows with every quirk class (blank ids,
 * dangling references, wrong types, bad enums, duplicate ids, unicode, huge text, bad times,
 * missing columns, free-text languages). For every package the importer either imports or
 * stops with an ImportError (never another error, never a partial import); every valid service
 * is kept; and the report accounts for every row read (imported + rejected = read).
 * HSDS_PROPERTY_RUNS sets the number of cases (default 10 per engine: each case is a full import with ANALYZE, about 1–3 s on a busy 2-core machine).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { stableId } from './ids.server';
import { importHsds } from './import.server';
import type { RawPackage, RawRow } from './raw-package';
import { ImportError } from './report';

const RUNS = Number(process.env.HSDS_PROPERTY_RUNS ?? 10);

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
    return { orgIds, validServices, pkg };
  });

describeEachEngine('HSDS import properties', (t) => {
  it(`never fails unhandled, keeps every valid service and accounts for every row (${RUNS} cases)`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(generated, async ({ validServices, pkg }) => {
        // Each case under its own source name: ids never collide with an earlier case.
        const source = `property-${run++}`;
        let report;
        try {
          report = await importHsds(t.db, pkg, { source });
        } catch (error) {
          if (!(error instanceof ImportError) || error.code !== 'empty') throw error;
          expect(validServices).toEqual([]);
          return;
        }
        for (const [table, counts] of Object.entries(report.tables))
          expect(counts.imported + counts.rejected, table).toBe(counts.read);
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
  }, 600_000);
});
