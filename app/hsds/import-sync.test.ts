/**
 * Re-import is a sync: unchanged rows are not touched, changed ones are updated, fields an
 * organization edited in Haven since the last import are kept and reported as conflicts,
 * --prune marks missing services inactive, --dry-run writes nothing, each import is audited.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { snapshot } from '../../tests/helpers/hsds';
import { updateServiceFields } from '../listings/edit-service.server';
import { stableId } from './ids.server';
import { importHsds } from './import.server';
import type { RawPackage } from './raw-package';

type Services = Record<string, { name: string; description: string }>;

/** A small tabular package as the reader would return it: one organization, some services. */
function pkg(services: Services): RawPackage {
  const rows = (file: string, values: Array<Record<string, unknown>>) =>
    values.map((row, index) => ({ values: row, ref: { file: `${file}.csv`, line: index + 2 } }));
  return {
    name: 'coalition',
    format: 'tabular',
    warnings: [],
    tables: new Map([
      ['organizations', rows('organizations', [{ id: 'org-1', name: 'Harbor Coalition', description: '' }])],
      [
        'services',
        rows(
          'services',
          Object.entries(services).map(([id, service]) => ({ id, organization_id: 'org-1', ...service })),
        ),
      ],
    ]),
  };
}

const V1: Services = {
  'svc-a': { name: 'Legal Clinic', description: 'Immigration help.' },
  'svc-b': { name: 'Food Pantry', description: 'Groceries weekly.' },
};
const id = (sourceId: string) => stableId('coalition', 'service', sourceId);

describeEachEngine('HSDS re-import as a sync', (t) => {
  const service = (sourceId: string) =>
    t.db
      .selectFrom('service')
      .select(['name', 'description', 'status', 'version', 'updated_at'])
      .where('id', '=', id(sourceId))
      .executeTakeFirstOrThrow();
  const importEvents = async () =>
    (await t.db.selectFrom('audit_event').select('after').where('action', '=', 'hsds.import').execute())
      .length;

  beforeAll(async () => {
    await importHsds(t.db, pkg(V1));
  });

  it('round trip: an edited field is kept and reported as a conflict, another changed field is updated', async () => {
    await updateServiceFields(
      t.db,
      id('svc-a'),
      { description: 'Immigration help. Walk-ins Tuesdays.' },
      { actorId: null },
    );
    const untouched = await service('svc-b');

    const report = await importHsds(
      t.db,
      pkg({
        'svc-a': { name: 'Immigration Legal Clinic', description: 'Immigration and family law help.' },
        'svc-b': V1['svc-b']!,
      }),
    );

    expect(await service('svc-a')).toMatchObject({
      name: 'Immigration Legal Clinic',
      description: 'Immigration help. Walk-ins Tuesdays.',
    });
    expect(report.conflicts).toEqual([
      {
        table: 'service',
        id: id('svc-a'),
        sourceId: 'svc-a',
        column: 'description',
        havenValue: 'Immigration help. Walk-ins Tuesdays.',
        packageValue: 'Immigration and family law help.',
        importedValue: 'Immigration help.',
      },
    ]);
    expect(report.sync.service).toEqual({ new: 0, updated: 1, unchanged: 1 });
    // The unchanged service was not written at all: same version, same updated_at.
    expect(await service('svc-b')).toEqual(untouched);
  });

  it('a second identical import keeps the edit, changes nothing and reports no conflict', async () => {
    const before = await snapshot(t.db);
    const report = await importHsds(
      t.db,
      pkg({
        'svc-a': { name: 'Immigration Legal Clinic', description: 'Immigration and family law help.' },
        'svc-b': V1['svc-b']!,
      }),
    );
    expect(report.conflicts).toEqual([]);
    expect(report.sync.service).toEqual({ new: 0, updated: 0, unchanged: 2 });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('--dry-run prints the full report and writes nothing', async () => {
    const before = await snapshot(t.db);
    const events = await importEvents();
    const report = await importHsds(
      t.db,
      pkg({ ...V1, 'svc-c': { name: 'Night Shelter', description: 'Beds for tonight.' } }),
      { dryRun: true, prune: true },
    );
    expect(report.dryRun).toBe(true);
    expect(report.sync.service).toEqual({ new: 1, updated: 1, unchanged: 1 });
    expect(await snapshot(t.db)).toEqual(before);
    expect(await importEvents()).toBe(events);
  });

  it('--prune marks services missing from the package inactive, never deletes them', async () => {
    const report = await importHsds(t.db, pkg({ 'svc-b': V1['svc-b']! }), { prune: true });
    expect(report.pruned).toEqual({ service: 1 });
    expect((await service('svc-a')).status).toBe('inactive');
    expect((await service('svc-b')).status).toBe('active');
  });

  it('records each import as one audit event with its counts', async () => {
    const events = await t.db
      .selectFrom('audit_event')
      .select(['after', 'entity_type'])
      .where('action', '=', 'hsds.import')
      .orderBy('id')
      .execute();
    expect(events).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({
      entity_type: 'import',
      after: { source: 'coalition', pruned: 1, conflicts: 0 },
    });
  });
});
