/**
 * Suspension and the one visibility rule (issue 12), over real HTTP on both engines: an admin
 * suspends a verified organization and everything it has leaves /search (page and keyword),
 * the map's points (search_point), the service and organization pages, /api/v1 and the public
 * export at once; reinstating brings every one of them back. A pending organization's listings
 * wait for verification on the same surfaces.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportHsds } from '../../app/hsds/export.server';
import { correctionMessages } from '../../app/i18n/messages/corrections';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { addLocation, createOrganization, createService, tagService } from '../helpers/fixtures';
import { createStaff, postForm, signIn } from '../helpers/staff';

const HOUSTON = { lat: 29.7604, lng: -95.3698 };

describeEachEngine('suspension hides an organization from every public surface', (t) => {
  let app: RunningApp;
  let scratch: string;
  beforeAll(async () => {
    app = await startTestApp(t.db);
    scratch = mkdtempSync(path.join(tmpdir(), 'haven-suspension-'));
  });
  afterAll(async () => {
    await app.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function listing(name: string, status: 'verified' | 'pending' = 'verified') {
    const organizationId = await createOrganization(t.db, { name: `${name} Org`, status });
    const serviceId = await createService(t.db, {
      organizationId,
      name: `${name} Counseling`,
      description: `Trauma counseling zephyrword${name.toLowerCase()}`,
    });
    await addLocation(t.db, serviceId, {
      latitude: HOUSTON.lat + 0.01,
      longitude: HOUSTON.lng,
      address: { address1: '1 Main St', city: 'Houston', state: 'TX', postalCode: '77002' },
    });
    await tagService(t.db, serviceId, 'haven', 'counseling');
    return { organizationId, serviceId, name: `${name} Counseling`, word: `zephyrword${name.toLowerCase()}` };
  }

  /** Where the listing shows, surface by surface. */
  async function surfaces(item: Awaited<ReturnType<typeof listing>>) {
    const get = (url: string) => fetch(`${app.baseUrl}${url}`);
    const searchHtml = await (await get(`/search?lat=${HOUSTON.lat}&lng=${HOUSTON.lng}`)).text();
    const keywordHtml = await (await get(`/search?q=${item.word}`)).text();
    const points = await t.db
      .selectFrom('search_point')
      .select('service_id')
      .where('service_id', '=', item.serviceId)
      .execute();
    const api = (await (await get(`/api/v1/services?lat=${HOUSTON.lat}&lng=${HOUSTON.lng}`)).json()) as {
      contents: Array<{ id: string }>;
    };
    const apiKeyword = (await (await get(`/api/v1/services?q=${item.word}`)).json()) as {
      contents: Array<{ id: string }>;
    };
    const apiOrganizations = (await (await get('/api/v1/organizations?per_page=100')).json()) as {
      contents: Array<{ id: string }>;
    };
    const dir = path.join(scratch, `export-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    await exportHsds(t.db, dir);
    const exported = [
      'organizations',
      'services',
      'locations',
      'service_at_location',
      'attributes',
      'addresses',
    ]
      .map((file) => readFileSync(path.join(dir, `${file}.csv`), 'utf8'))
      .join('\n');
    return {
      search: searchHtml.includes(item.name),
      keyword: keywordHtml.includes(item.name),
      mapPoints: points.length > 0,
      servicePage: (await get(`/services/${item.serviceId}`)).status,
      organizationPage: (await get(`/organizations/${item.organizationId}`)).status,
      reportPage: (await get(`/services/${item.serviceId}/report`)).status,
      api: api.contents.some((service) => service.id === item.serviceId),
      apiKeyword: apiKeyword.contents.some((service) => service.id === item.serviceId),
      apiService: (await get(`/api/v1/services/${item.serviceId}`)).status,
      apiOrganization: (await get(`/api/v1/organizations/${item.organizationId}`)).status,
      apiOrganizations: apiOrganizations.contents.some(
        (organization) => organization.id === item.organizationId,
      ),
      export: exported.includes(item.serviceId) || exported.includes(item.organizationId),
    };
  }

  const everywhere = {
    search: true,
    keyword: true,
    mapPoints: true,
    servicePage: 200,
    organizationPage: 200,
    reportPage: 200,
    api: true,
    apiKeyword: true,
    apiService: 200,
    apiOrganization: 200,
    apiOrganizations: true,
    export: true,
  };
  const nowhere = {
    search: false,
    keyword: false,
    mapPoints: false,
    servicePage: 404,
    organizationPage: 404,
    reportPage: 404,
    api: false,
    apiKeyword: false,
    apiService: 404,
    apiOrganization: 404,
    apiOrganizations: false,
    export: false,
  };

  it('an admin suspends: gone from every public surface at once; reinstated: back on every one', async () => {
    const item = await listing('Aurora');
    const bystander = await listing('Beacon');
    expect(await surfaces(item)).toEqual(everywhere);

    await createStaff(t.db, 'admin@suspend.example', 'admin');
    await createStaff(t.db, 'owner@aurora.example', 'owner', item.organizationId);
    const url = `${app.baseUrl}/staff/admin/organizations/${item.organizationId}/suspend`;
    const owner = (await signIn(app.baseUrl, 'owner@aurora.example')).cookie;
    expect((await postForm(url, { change: 'suspend', reason: 'mine' }, owner)).status).toBe(403);
    const admin = (await signIn(app.baseUrl, 'admin@suspend.example')).cookie!;
    const page = await fetch(url, { headers: { Cookie: admin } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(correctionMessages.en.suspendButton);
    const noReason = await postForm(url, { change: 'suspend', reason: ' ' }, admin);
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain(correctionMessages.en.suspendReasonRequired);

    const suspended = await postForm(url, { change: 'suspend', reason: 'Reports of exploitation' }, admin);
    expect(suspended.status).toBe(200);
    expect(await suspended.text()).toContain(correctionMessages.en.suspendDone);
    expect(await surfaces(item)).toEqual(nowhere);
    // Only that organization: the other one is untouched.
    expect(await surfaces(bystander)).toEqual(everywhere);
    // Suspending twice is refused (409); nothing was deleted.
    expect((await postForm(url, { change: 'suspend', reason: 'again' }, admin)).status).toBe(409);

    const reinstated = await postForm(url, { change: 'reinstate', reason: 'Cleared after review' }, admin);
    expect(reinstated.status).toBe(200);
    expect(await surfaces(item)).toEqual(everywhere);

    const events = await t.db
      .selectFrom('audit_event')
      .select(['action', 'before', 'after'])
      .where('entity_id', '=', item.organizationId)
      .where('action', 'in', ['organization.suspend', 'organization.reinstate'])
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      {
        action: 'organization.suspend',
        before: { verification_status: 'verified' },
        after: { verification_status: 'suspended', reason: 'Reports of exploitation' },
      },
      {
        action: 'organization.reinstate',
        before: { verification_status: 'suspended' },
        after: { verification_status: 'verified', reason: 'Cleared after review' },
      },
    ]);
  });

  it('a pending organization’s listings wait for verification (same rule); the export keeps them as pending', async () => {
    const item = await listing('Cedar', 'pending');
    const found = await surfaces(item);
    expect({ ...found, export: nowhere.export }).toEqual(nowhere);
    // The public export carries pending organizations marked pending (a receiving directory keeps them unpublished).
    expect(found.export).toBe(true);
    await t.db
      .updateTable('organization')
      .set({ verification_status: 'verified', verified_at: new Date() })
      .where('id', '=', item.organizationId)
      .execute();
    expect(await surfaces(item)).toEqual(everywhere);
  });
});
