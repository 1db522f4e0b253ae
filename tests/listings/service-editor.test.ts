/**
 * The listing editor's write path on both engines (issue 12, "Must show"): a save is one
 * transaction with one audit event; 50 concurrent saves from the same version → exactly one
 * wins; 100 rounds of interleaved edits by two editors with three-way merges lose no field;
 * a revert puts back every field exactly (the HSDS export before the edit equals the one
 * after the revert).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readTables } from '../../app/hsds/export.server';
import {
  valuesToSearchParams,
  formToObject,
  mergeValues,
  parseServiceForm,
} from '../../app/listings/editor/schema';
import type { FormValues } from '../../app/listings/editor/schema';
import {
  createServiceFromForm,
  listServiceHistory,
  loadServiceEditor,
  revertServiceChange,
  saveServiceEdit,
} from '../../app/listings/editor/service-editor.server';
import { describeEachEngine } from '../helpers/db';
import {
  addLanguage,
  addLocation,
  addPhone,
  addSchedule,
  createOrganization,
  createService,
  tagService,
} from '../helpers/fixtures';

/** The export as rows, minus what a save must change (version, timestamps) and the change log. */
async function exportContent(db: Parameters<typeof readTables>[0]) {
  const tables = await readTables(db);
  const strip = new Set(['version', 'updated_at', 'last_modified']);
  return Object.fromEntries(
    [...tables].map(([table, rows]) => [
      table,
      JSON.parse(
        JSON.stringify(
          rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !strip.has(k)))),
        ),
      ),
    ]),
  );
}

/** Values through the form schema, as the browser would post them. */
function viaForm(values: FormValues, version: number) {
  const parsed = parseServiceForm(formToObject(valuesToSearchParams(values, version)));
  if (!parsed.ok) throw new Error(`form rejected: ${JSON.stringify(parsed.errors)}`);
  return parsed.values;
}

describeEachEngine('listing editor', (t) => {
  let serviceId: string;

  beforeAll(async () => {
    const organizationId = await createOrganization(t.db, { name: 'Casa Segura' });
    serviceId = await createService(t.db, { organizationId, name: 'Legal clinic', description: 'Visas.' });
    await tagService(t.db, serviceId, 'haven', 'immigration-relief');
    await tagService(t.db, serviceId, 'haven-population', 'adults');
    await addLanguage(t.db, serviceId, 'es');
    await addPhone(t.db, serviceId, '713-555-0100');
    await addLocation(t.db, serviceId, {
      latitude: 29.75,
      longitude: -95.36,
      address: { address1: '100 Main St', city: 'Houston', state: 'TX', postalCode: '77002' },
    });
    await addSchedule(t.db, { serviceId }, { byday: 'MO,TU', opensAt: '09:00', closesAt: '17:00' });
  });

  it('loads a service as form values that survive the form schema unchanged', async () => {
    const data = (await loadServiceEditor(t.db, serviceId))!;
    expect(data.values).toMatchObject({
      name: 'Legal clinic',
      categories: ['immigration-relief'],
      populations: ['adults'],
      languages: ['es'],
      phones: ['713-555-0100'],
      location: {
        address1: '100 Main St',
        city: 'Houston',
        state: 'TX',
        latitude: 29.75,
        confidential: false,
      },
    });
    expect(data.values.hours.days.MO).toEqual(['09:00-17:00']);
    expect(viaForm(data.values, data.version)).toEqual(data.values);
    // Saving the unchanged form writes nothing.
    const result = await saveServiceEdit(t.db, {
      serviceId,
      expectedVersion: data.version,
      values: data.values,
      actorId: null,
    });
    expect(result).toEqual({ kind: 'saved', version: data.version, changed: [] });
  });

  it('rejects bad input naming the field', () => {
    const parsed = parseServiceForm({
      version: '1',
      name: ' ',
      delivery: 'teleport',
      minimumAge: '40',
      maximumAge: '12',
      hours_MO: '9 to 5',
      email: 'not-mail',
      latitude: '95',
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors).toMatchObject({
        name: 'nameRequired',
        delivery: 'choiceUnknown',
        latitude: 'latitudeInvalid',
      });
    const second = parseServiceForm({
      version: '1',
      name: 'x',
      delivery: 'phone',
      minimumAge: '40',
      maximumAge: '12',
      hours_MO: '9 to 5',
      email: 'nope',
    });
    expect(second.ok).toBe(false);
    if (!second.ok)
      expect(second.errors).toMatchObject({
        maximumAge: 'agesOrder',
        hours_MO: 'hoursInvalid',
        email: 'emailInvalid',
      });
  });

  it('50 concurrent saves from the same version: one succeeds, 49 conflict, one audit event', async () => {
    const start = (await loadServiceEditor(t.db, serviceId))!;
    const eventsBefore = await t.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity_id', '=', serviceId)
      .executeTakeFirstOrThrow();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        saveServiceEdit(t.db, {
          serviceId,
          expectedVersion: start.version,
          values: { ...start.values, name: `Legal clinic ${i}`, fees: `Fee ${i}` },
          actorId: null,
        }),
      ),
    );
    const saved = results.filter((r) => r.kind === 'saved');
    const conflicts = results.filter((r) => r.kind === 'conflict');
    expect(saved).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    const winner = results.indexOf(saved[0]!);
    const after = (await loadServiceEditor(t.db, serviceId))!;
    expect(after.version).toBe(start.version + 1);
    // Nothing else changed: the stored values are the start values plus the winner's two fields.
    expect(after.values).toEqual({ ...start.values, name: `Legal clinic ${winner}`, fees: `Fee ${winner}` });
    const eventsAfter = await t.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity_id', '=', serviceId)
      .executeTakeFirstOrThrow();
    expect(Number(eventsAfter.n) - Number(eventsBefore.n)).toBe(1);
    // A conflict carries the current values, for the conflict page.
    expect(conflicts[0]).toMatchObject({ kind: 'conflict', version: start.version + 1 });
  });

  it('100 rounds of interleaved edits by two editors with merges lose no field', async () => {
    // One read per round: both editors open the same version (a second load would be equal).
    let open = (await loadServiceEditor(t.db, serviceId))!;
    for (let round = 0; round < 100; round++) {
      const a = open;
      const b = open;
      // A edits the description and hours; B (from the same version) edits fees and languages.
      const aValues: FormValues = {
        ...a.values,
        description: `Round ${round} by A`,
        hours: {
          ...a.values.hours,
          days: { ...a.values.hours.days, WE: [`${String(round % 10).padStart(2, '0')}:00-18:00`] },
        },
      };
      const bValues: FormValues = {
        ...b.values,
        fees: `Round ${round} by B`,
        languages: round % 2 ? ['es'] : ['en', 'es'],
      };
      const first = round % 2 === 0 ? 'A' : 'B';
      const [firstValues, secondValues, secondBase] =
        first === 'A' ? [aValues, bValues, b.values] : [bValues, aValues, a.values];
      const saved = await saveServiceEdit(t.db, {
        serviceId,
        expectedVersion: a.version,
        values: firstValues,
        actorId: null,
      });
      expect(saved.kind).toBe('saved');
      const stale = await saveServiceEdit(t.db, {
        serviceId,
        expectedVersion: b.version,
        values: secondValues,
        actorId: null,
      });
      expect(stale.kind).toBe('conflict');
      if (stale.kind !== 'conflict') return;
      const merged = mergeValues(secondBase, stale.current, secondValues);
      expect(merged.conflicts).toEqual([]);
      const done = await saveServiceEdit(t.db, {
        serviceId,
        expectedVersion: stale.version,
        values: viaForm(merged.values, stale.version),
        actorId: null,
      });
      expect(done.kind).toBe('saved');
      if (done.kind !== 'saved') return;
      // Both editors' fields are there: the merged values are now what is stored.
      open = { ...open, version: done.version, values: merged.values };
      const row = await t.db
        .selectFrom('service')
        .select(['description', 'fees_description', 'version'])
        .where('id', '=', serviceId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        description: `Round ${round} by A`,
        fees_description: `Round ${round} by B`,
        version: done.version,
      });
    }
    const final = (await loadServiceEditor(t.db, serviceId))!;
    expect(final.values).toEqual(open.values);
    expect(final.values.languages).toEqual(['es']);
    expect(final.values.hours.days.WE).toEqual(['09:00-18:00']);
  }, 120_000);

  it('a revert restores every field exactly (HSDS export before the edit = after the revert)', async () => {
    const before = await exportContent(t.db);
    const start = (await loadServiceEditor(t.db, serviceId))!;
    const edited: FormValues = {
      ...start.values,
      name: 'Renamed clinic',
      categories: ['legal-aid', 'protection-orders'],
      populations: ['women', 'minors'],
      languages: ['en', 'fr'],
      phones: ['+1 713 555 0199 ext. 7', '713-555-0123'],
      costs: ['free'],
      delivery: ['in_person', 'phone'],
      serviceArea: { coverage: 'states', states: ['LA', 'TX'], radiusKm: null },
      status: { status: 'temporarily closed', reopensOn: '2027-01-15' },
      location: {
        ...start.values.location,
        latitude: 29.76,
        longitude: -95.37,
        confidential: true,
        transportation: 'Bus 82',
      },
      accessibility: 'Ramp at the side door',
      hours: {
        days: {
          MO: ['08:00-12:00', '13:00-17:00'],
          TU: [],
          WE: [],
          TH: [],
          FR: ['22:00-06:00'],
          SA: [],
          SU: [],
        },
        always: false,
        byAppointment: true,
        closures: [{ from: '2026-12-24', to: '2026-12-26' }],
      },
    };
    const posted = viaForm(edited, start.version);
    const saved = await saveServiceEdit(t.db, {
      serviceId,
      expectedVersion: start.version,
      values: posted,
      actorId: null,
    });
    expect(saved.kind).toBe('saved');
    const reloaded = (await loadServiceEditor(t.db, serviceId))!;
    expect(reloaded.values).toEqual(posted);
    expect(posted.phones[0]).toBe('+1 713 555 0199 ext. 7');
    // The confidential place's public point is the area's, at least 1 km away.
    const location = await t.db
      .selectFrom('location')
      .select(['public_latitude', 'public_area_label'])
      .innerJoin('service_at_location as sal', 'sal.location_id', 'location.id')
      .where('sal.service_id', '=', serviceId)
      .executeTakeFirstOrThrow();
    expect(location.public_area_label).toBe('Houston, TX 77002');
    expect(location.public_latitude).not.toBe(29.76);
    expect(await exportContent(t.db)).not.toEqual(before);

    const [event] = await listServiceHistory(t.db, serviceId);
    expect(event).toMatchObject({ action: 'service.update' });
    expect(event!.changes.map((c) => c.field)).toContain('hours');
    const reverted = await revertServiceChange(t.db, { serviceId, eventId: event!.id, actorId: null });
    expect(reverted.kind).toBe('reverted');
    expect(await exportContent(t.db)).toEqual(before);
    const history = await listServiceHistory(t.db, serviceId);
    expect(history[0]).toMatchObject({ action: 'service.revert', revertsEventId: event!.id });
    expect(history[1]).toMatchObject({ id: event!.id, revertedBy: history[0]!.id });
  });

  it('creates a service from a form, audited, with its location and hours', async () => {
    const organizationId = await createOrganization(t.db, { name: 'Nuevo Camino' });
    const template = (await loadServiceEditor(t.db, serviceId))!.values;
    const id = await createServiceFromForm(t.db, {
      organizationId,
      values: viaForm({ ...template, name: 'Job training' }, 1),
      actorId: null,
    });
    const created = (await loadServiceEditor(t.db, id))!;
    expect(created.values.name).toBe('Job training');
    expect(created.values.location.address1).toBe(template.location.address1);
    expect((await listServiceHistory(t.db, id))[0]).toMatchObject({ action: 'service.create' });
  });
});

describe('merge', () => {
  it('takes theirs where you did not change, keeps yours where they did not, flags both', () => {
    const base = { name: 'A', fees: 'x', email: 'a@x.org' } as unknown as FormValues;
    const theirs = { name: 'B', fees: 'x', email: 'c@x.org' } as unknown as FormValues;
    const yours = { name: 'A', fees: 'y', email: 'd@x.org' } as unknown as FormValues;
    const merged = mergeValues(base, theirs, yours);
    expect(merged.values).toMatchObject({ name: 'B', fees: 'y', email: 'd@x.org' });
    expect(merged.conflicts).toEqual(['email']);
    expect(merged.theirs).toEqual(['name']);
  });
});
