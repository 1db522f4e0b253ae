/**
 * Public API contract over real HTTP: the production build behind the real Express app
 * (createHttpApp), on each engine, with fixture rows inserted by the test.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../app/config/config.server';
import { createHttpApp } from '../../app/http/app.server';
import { ensureBuild, SERVER_BUILD } from '../../scripts/lib/build';
import { describeEachEngine } from '../helpers/db';
import { addLocation, addPhone, createOrganization, createService, tagService } from '../helpers/fixtures';

const HOUSTON = { lat: 29.7604, lng: -95.3698 };
const SECRET = { latitude: 29.78123, longitude: -95.35117, street: '4821 Hidden Oak Ln' };
/** The fixture's services in nearby order from HOUSTON (the safe house's public point is nearest). */
const NEARBY = ['Safe House', 'Service 0', 'Service 1', 'Service 2', 'Service 3', 'Service 4'];

describeEachEngine('public API over HTTP', (context) => {
  let server: Server;
  let origin = '';
  const ids: Record<string, string> = {};
  const get = (path: string, init?: RequestInit) => fetch(`${origin}${path}`, init);

  beforeAll(async () => {
    ensureBuild();
    const build = (await import(pathToFileURL(SERVER_BUILD).href)) as ServerBuild;
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    server = createHttpApp({ config, db: context.db, build }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const db = context.db;
    const organizationId = await createOrganization(db, { name: 'Harbor Alliance' });
    ids.organization = organizationId;
    for (let i = 0; i < 5; i++) {
      const id = await createService(db, {
        organizationId,
        name: `Service ${i}`,
        description: 'Trauma counseling',
      });
      await addLocation(db, id, {
        latitude: HOUSTON.lat + (i + 1) / 100,
        longitude: HOUSTON.lng,
        address: { address1: `${i} Main St`, city: 'Houston', state: 'TX', postalCode: '77002' },
      });
      await tagService(db, id, 'haven', 'counseling');
      ids[`service${i}`] = id;
    }
    await addPhone(db, ids.service0!, '713-555-0100');
    ids.safe = await createService(db, { organizationId, name: 'Safe House' });
    ids.safeLocation = await addLocation(db, ids.safe, {
      latitude: SECRET.latitude,
      longitude: SECRET.longitude,
      confidential: true,
      publicLatitude: 29.76,
      publicLongitude: -95.37,
      areaLabel: 'Houston, TX area',
      name: 'Hidden Oak house',
      address: { address1: SECRET.street, city: 'Houston', state: 'TX', postalCode: '77004' },
    });
    ids.hidden = await createService(db, { name: 'Pending', organizationStatus: 'pending' });
    await addLocation(db, ids.hidden, { latitude: HOUSTON.lat, longitude: HOUSTON.lng });
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('serves meta information and the OpenAPI document', async () => {
    const meta = await get('/api/v1/');
    expect(meta.status).toBe(200);
    expect(await meta.json()).toEqual({
      version: '3.0',
      profile: expect.any(String),
      openapi_url: '/api/v1/openapi.json',
    });
    const openapi = await get('/api/v1/openapi.json');
    expect(openapi.status).toBe(200);
    const document = await openapi.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/services', '/services/{id}', '/organizations', '/taxonomy_terms']),
    );
  });

  it('lists nearby services in an HSDS page with distance, CORS and caching headers', async () => {
    const response = await get(`/api/v1/services?lat=${HOUSTON.lat}&lng=${HOUSTON.lng}&radius_km=10`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(response.headers.get('etag')).toMatch(/^"[^"]+"$/);
    const body = await response.json();
    expect(body).toMatchObject({
      total_items: 6,
      total_pages: 1,
      page_number: 1,
      // HSDS: "the number of entities in the current page" (not per_page)
      size: 6,
      first_page: true,
      last_page: true,
      empty: false,
    });
    expect(body.contents.map((s: { name: string }) => s.name)).toEqual(NEARBY);
    const first = body.contents[1];
    expect(first.distance_km).toBeCloseTo(1.113, 2);
    expect(first.organization).toMatchObject({ id: ids.organization, name: 'Harbor Alliance' });
    expect(first.phones[0]).toMatchObject({ number: '713-555-0100' });
    expect(first.service_at_locations[0].location.addresses[0]).toMatchObject({ address_1: '0 Main St' });
    expect(first.attributes[0].taxonomy_term).toMatchObject({ code: 'counseling', taxonomy: 'haven' });
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const path = `/api/v1/services?lat=${HOUSTON.lat}&lng=${HOUSTON.lng}`;
    const etag = (await get(path)).headers.get('etag')!;
    const again = await get(path, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await get(path, { headers: { 'If-None-Match': '"stale"' } })).status).toBe(200);
    expect((await get(`${path}&per_page=2`)).headers.get('etag')).not.toBe(etag);
  });

  it('paginates with correct envelope edges', async () => {
    const page = async (n: number) =>
      (await get(`/api/v1/services?lat=${HOUSTON.lat}&lng=${HOUSTON.lng}&per_page=4&page=${n}`)).json();
    expect(await page(1)).toMatchObject({
      total_items: 6,
      total_pages: 2,
      page_number: 1,
      size: 4,
      first_page: true,
      last_page: false,
      empty: false,
    });
    const second = await page(2);
    expect(second).toMatchObject({ page_number: 2, first_page: false, last_page: true, empty: false });
    expect(second.contents).toHaveLength(2);
    expect(await page(3)).toMatchObject({ page_number: 3, last_page: true, empty: true, contents: [] });
  });

  it('streams ndjson: every match from the page asked for on, one service per line, in page order', async () => {
    const base = `/api/v1/services?lat=${HOUSTON.lat}&lng=${HOUSTON.lng}`;
    const lines = async (path: string) => {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      return (await response.text())
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { name: string; distance_km: number });
    };
    // read two services at a time: the stream crosses page boundaries and ends with the matches
    const json = await (await get(`${base}&per_page=50`)).json();
    const all = await lines(`${base}&format=ndjson&per_page=2`);
    expect(json.total_items).toBe(6);
    expect(all).toEqual(json.contents);
    expect(all.map((s) => s.name)).toEqual(NEARBY);
    // from page 2 (of 2 a page) on
    expect((await lines(`${base}&format=ndjson&per_page=2&page=2`)).map((s) => s.name)).toEqual(
      NEARBY.slice(2),
    );
  });

  it.each([
    ['lat=abc&lng=1', 'lat'],
    ['lat=1', 'lng'],
    ['lat=1&lng=1&radius_km=-5', 'radius_km'],
    ['per_page=100000', 'per_page'],
    ['category=unknown', 'category'],
    ["category=counseling'%20OR%201=1--", 'category'],
    ['delivery=drone', 'delivery'],
    ['free=maybe', 'free'],
    ['page=-1', 'page'],
    ['lat=1;DROP%20TABLE%20service&lng=1', 'lat'],
    ['near=Nowhereville%2C%20ZZ', 'near'],
  ])('rejects %s with 400 naming %s', async (query, parameter) => {
    const response = await get(`/api/v1/services?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: expect.stringMatching(new RegExp(`^${parameter}: `)),
      parameter,
    });
  });

  it('treats SQL-looking keywords as plain text', async () => {
    const response = await get(`/api/v1/services?q=${encodeURIComponent("'; DROP TABLE service; --")}`);
    expect(response.status).toBe(200);
    expect((await response.json()).total_items).toBe(0);
    expect((await get('/api/v1/services?q=counceling')).status).toBe(200);
  });

  it('serves one service by id, and 404 JSON for unknown, non-public and malformed ids', async () => {
    const response = await get(`/api/v1/services/${ids.service2}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: ids.service2,
      name: 'Service 2',
      status: 'active',
      delivery: ['in_person'],
    });
    for (const id of ['00000000-0000-4000-8000-000000000000', ids.hidden, 'not-a-uuid', "1'%20or%20'1'='1"]) {
      const missing = await get(`/api/v1/services/${id}`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: expect.any(String) });
    }
  });

  it('lists organizations and taxonomy terms', async () => {
    const organizations = await (await get('/api/v1/organizations')).json();
    expect(organizations.contents.map((o: { name: string }) => o.name)).toEqual(['Harbor Alliance']);
    const organization = await get(`/api/v1/organizations/${ids.organization}`);
    expect(organization.status).toBe(200);
    expect((await organization.json()).locations).toHaveLength(6);
    expect((await get('/api/v1/organizations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const terms = await (await get('/api/v1/taxonomy_terms?taxonomy=haven&top_only=true')).json();
    expect(terms.total_items).toBe(8);
    expect(terms.contents[0].taxonomy_detail).toMatchObject({ name: 'haven' });
    expect((await get('/api/v1/taxonomy_terms?per_page=0')).status).toBe(400);
  });

  it('never reveals a confidential location’s exact point, address or name', async () => {
    const bodies = await Promise.all(
      [
        `/api/v1/services?lat=${HOUSTON.lat}&lng=${HOUSTON.lng}`,
        `/api/v1/services?lat=${HOUSTON.lat}&lng=${HOUSTON.lng}&format=ndjson`,
        `/api/v1/services?near=77002`,
        `/api/v1/services/${ids.safe}`,
        `/api/v1/organizations/${ids.organization}`,
      ].map(async (path) => (await get(path)).text()),
    );
    for (const body of bodies) {
      for (const secret of [
        String(SECRET.latitude),
        String(SECRET.longitude),
        SECRET.street,
        'Hidden Oak',
        '77004',
      ]) {
        expect(body).not.toContain(secret);
      }
    }
    const safe = await (await get(`/api/v1/services/${ids.safe}`)).json();
    expect(safe.service_at_locations[0].location).toMatchObject({
      latitude: 29.76,
      longitude: -95.37,
      is_confidential: true,
      public_area_label: 'Houston, TX area',
      addresses: [],
    });
    // absent, not null: HSDS fields are not nullable
    expect(safe.service_at_locations[0].location).not.toHaveProperty('name');
  });

  it('answers CORS preflight and refuses writes', async () => {
    const preflight = await get('/api/v1/services', { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect((await get('/api/v1/services', { method: 'POST' })).status).toBe(405);
  });

  it('answers an unknown /api/v1 path with a JSON 404, whatever its depth', async () => {
    for (const path of ['/api/v1/nope', '/api/v1/services/extra/segment', '/api/v1/taxonomy_terms/x/y?q=1']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
      const body = (await response.json()) as { error: string };
      expect(body.error, path).toContain('openapi.json');
    }
    expect((await get('/api/v1/nope', { method: 'POST' })).status).toBe(405);
  });
});
