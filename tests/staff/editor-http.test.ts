/**
 * The listing editor over real HTTP on each engine (issue 12): who may edit (owner/editor of the
 * owning organization and admins; caseworkers 403, other organizations 404; only owners and
 * admins revert), bad input answers 400 naming the field, a stale version 409 with the
 * conflict page, and an edit (name, category, pin, hours) changes /search, the service page,
 * the map data and /api/v1 at once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { editorMessages } from '../../app/i18n/messages/editor';
import { loadServiceEditor } from '../../app/listings/editor/service-editor.server';
import { valuesToSearchParams } from '../../app/listings/editor/schema';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { addLocation, createService, tagService } from '../helpers/fixtures';
import { createOrganization, createStaff, signIn } from '../helpers/staff';

const en = editorMessages.en;

describeEachEngine('listing editor over HTTP', (t) => {
  let app: RunningApp;
  let serviceId: string;
  let orgA: string;
  const cookies: Record<string, string> = {};

  const get = (path: string, who: string) =>
    fetch(`${app.baseUrl}${path}`, { redirect: 'manual', headers: { Cookie: cookies[who]! } });
  const post = (path: string, who: string, body: URLSearchParams) =>
    fetch(`${app.baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        Cookie: cookies[who]!,
        Origin: app.baseUrl,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body,
    });

  beforeAll(async () => {
    app = await startTestApp(t.db);
    orgA = await createOrganization(t.db, 'Casa Segura Houston');
    const orgB = await createOrganization(t.db, 'Other Org');
    serviceId = await createService(t.db, { organizationId: orgA, name: 'Casa Segura legal clinic' });
    await tagService(t.db, serviceId, 'haven', 'immigration-relief');
    await addLocation(t.db, serviceId, {
      latitude: 29.7604,
      longitude: -95.3698,
      address: { address1: '1 Main St', city: 'Houston', state: 'TX', postalCode: '77002' },
    });
    const people: Array<[string, 'owner' | 'editor' | 'caseworker' | 'admin', string | undefined]> = [
      ['owner', 'owner', orgA],
      ['editor', 'editor', orgA],
      ['caseworker', 'caseworker', orgA],
      ['other', 'editor', orgB],
      ['admin', 'admin', undefined],
    ];
    for (const [who, role, org] of people) {
      const email = `${who}-${t.engine}@editor.example`;
      await createStaff(t.db, email, role, org);
      cookies[who] = (await signIn(app.baseUrl, email)).cookie!;
    }
  });
  afterAll(() => app.stop());

  it('lets owners, editors and admins in; caseworkers get 403, other organizations 404', async () => {
    const paths = [
      `/staff/services/${serviceId}/edit`,
      `/staff/services/${serviceId}/history`,
      `/staff/organizations/${orgA}`,
      `/staff/services/new?organization=${orgA}`,
    ];
    for (const path of paths) {
      for (const who of ['owner', 'editor', 'admin'])
        expect((await get(path, who)).status, `${who} ${path}`).toBe(200);
      expect((await get(path, 'caseworker')).status, `caseworker ${path}`).toBe(403);
      expect((await get(path, 'other')).status, `other ${path}`).toBe(404);
    }
    const data = (await loadServiceEditor(t.db, serviceId))!;
    const form = valuesToSearchParams({ ...data.values, name: 'Hijacked' }, data.version);
    expect((await post(`/staff/services/${serviceId}/edit`, 'caseworker', form)).status).toBe(403);
    expect((await post(`/staff/services/${serviceId}/edit`, 'other', form)).status).toBe(404);
    // An editor may edit but not undo: reverting is for owners and admins.
    const revert = new URLSearchParams({ eventId: '1' });
    expect((await post(`/staff/services/${serviceId}/history`, 'editor', revert)).status).toBe(403);
    expect((await loadServiceEditor(t.db, serviceId))!.values.name).toBe('Casa Segura legal clinic');
  });

  it('bad input is a 400 naming the field, in the page language; nothing is written', async () => {
    const data = (await loadServiceEditor(t.db, serviceId))!;
    const form = valuesToSearchParams({ ...data.values, name: '  ' }, data.version);
    form.set('hours_MO', '9am to 5pm');
    form.set('latitude', '123');
    const response = await post(`/staff/services/${serviceId}/edit?hl=es`, 'editor', form);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(editorMessages.es.nameRequired);
    expect(html).toContain(editorMessages.es.hoursInvalid);
    expect(html).toContain(editorMessages.es.latitudeInvalid);
    // What was typed comes back, not the saved values.
    expect(html).toContain('value="9am to 5pm"');
    expect(html).toMatch(/id="field-name"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-name"/);
    expect((await loadServiceEditor(t.db, serviceId))!.version).toBe(data.version);
    // A form without a version is refused too.
    form.delete('version');
    expect((await post(`/staff/services/${serviceId}/edit`, 'editor', form)).status).toBe(400);
  });

  it('a stale version answers 409 with both versions side by side', async () => {
    const data = (await loadServiceEditor(t.db, serviceId))!;
    const mine = valuesToSearchParams(
      { ...data.values, fees: 'Free for survivors' },
      data.version,
      data.values,
    );
    const theirs = valuesToSearchParams({ ...data.values, fees: 'Sliding scale' }, data.version, data.values);
    expect((await post(`/staff/services/${serviceId}/edit`, 'owner', theirs)).status).toBe(302);
    const response = await post(`/staff/services/${serviceId}/edit`, 'editor', mine);
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain(en.conflictTitle);
    expect(html).toContain('Sliding scale');
    expect(html).toContain('Free for survivors');
    expect(html).toContain(en.noteTheirs.replace('{value}', 'Sliding scale'));
    expect((await loadServiceEditor(t.db, serviceId))!.values.fees).toBe('Sliding scale');
  });

  it('an edit of name, category, pin and hours changes /search, the service page, the map and /api/v1 at once', async () => {
    const newName = 'Casa Segura jobs and legal help';
    const pin = { latitude: 29.7411, longitude: -95.3901 };
    const text = async (path: string) => (await fetch(`${app.baseUrl}${path}`)).text();
    const json = async (path: string) => (await fetch(`${app.baseUrl}${path}`)).json() as Promise<unknown>;
    const nearPin = `/api/v1/services?lat=${pin.latitude}&lng=${pin.longitude}&radius_km=0.5`;
    const before = {
      search: await text('/search?near=77002&category=job-training'),
      openNow: await text('/search?near=77002&open_now=1'),
      api: JSON.stringify(await json(nearPin)),
    };
    expect(before.search).not.toContain('Casa Segura');
    expect(before.openNow).not.toContain('Casa Segura');
    expect(before.api).not.toContain(serviceId);

    const data = (await loadServiceEditor(t.db, serviceId))!;
    const form = valuesToSearchParams(
      {
        ...data.values,
        name: newName,
        categories: ['immigration-relief', 'job-training'],
        location: { ...data.values.location, ...pin },
        hours: { ...data.values.hours, always: true },
      },
      data.version,
      data.values,
    );
    const saved = await post(`/staff/services/${serviceId}/edit`, 'editor', form);
    expect(saved.status).toBe(302);
    expect(saved.headers.get('location')).toBe(`/staff/services/${serviceId}/edit?saved=1`);

    const search = await text('/search?near=77002&category=job-training');
    expect(search).toContain(newName);
    expect(await text('/search?near=77002&open_now=1')).toContain(newName);
    // The map's markers are the page's loader data: the new pin is there.
    expect(search).toContain(String(pin.latitude));
    const page = await text(`/services/${serviceId}`);
    expect(page).toContain(newName);
    const api = JSON.stringify(await json(nearPin));
    expect(api).toContain(serviceId);
    const one = JSON.stringify(await json(`/api/v1/services/${serviceId}`));
    expect(one).toContain(newName);
    expect(one).toContain(String(pin.latitude));
    expect(one).toMatch(/00:00/);
    // The edit is in the trail, and the history page says so in plain words.
    const history = await (await get(`/staff/services/${serviceId}/history`, 'owner')).text();
    expect(history).toContain(en.historyUpdate.replace('{actor}', `editor-${t.engine}@editor.example`));
  });
});
