/**
 * TILE_PMTILES (docs/map.md): the operator's PMTiles extract is served from Haven's own origin,
 * at a versioned URL cached for a year, with HTTP range requests (206, 416) as protomaps-leaflet
 * makes them. The archive is the fixture the test builds (tests/helpers/pmtiles-fixture.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileSource, PMTiles } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, publicConfig } from '../../app/config/config.server';
import { type RunningApp, startTestApp } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { FIXTURE_MAX_ZOOM, FIXTURE_MIN_ZOOM, writePmtilesFixture } from '../helpers/pmtiles-fixture';

const dir = mkdtempSync(path.join(tmpdir(), 'haven-pmtiles-'));
const file = path.join(dir, 'houston.pmtiles');
const bytes = writePmtilesFixture(file);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the PMTiles fixture', () => {
  it('is an archive the pmtiles library reads: header, bounds and vector tiles', async () => {
    const archive = new PMTiles(new FileSource(new File([new Uint8Array(bytes)], 'houston.pmtiles')));
    const header = await archive.getHeader();
    expect(header).toMatchObject({ specVersion: 3, minZoom: FIXTURE_MIN_ZOOM, maxZoom: FIXTURE_MAX_ZOOM });
    const tile = await archive.getZxy(14, 3851, 6772); // downtown Houston
    expect(tile?.data.byteLength).toBeGreaterThan(100);
  });
});

describe('TILE_PMTILES setting', () => {
  it('reads the header: a versioned same-origin URL, zooms and bounds for the map', () => {
    const streets = publicConfig(loadConfig({ TILE_PMTILES: file })).streetTiles;
    expect(streets?.url).toMatch(/^\/tiles\/[0-9a-f]{12}\/streets\.pmtiles$/);
    expect(streets).toMatchObject({ minZoom: FIXTURE_MIN_ZOOM, maxZoom: FIXTURE_MAX_ZOOM });
    expect(streets?.bounds[0][0]).toBeCloseTo(29.73, 5);
    expect(publicConfig(loadConfig({})).streetTiles).toBeNull();
  });

  it.each([
    ['a missing file', path.join(dir, 'missing.pmtiles'), /no readable file/],
    ['a file that is not PMTiles', 'package.json', /not a PMTiles archive/],
  ])('stops start-up on %s, naming TILE_PMTILES', (_label, value, reason) => {
    let thrown: unknown;
    try {
      loadConfig({ TILE_PMTILES: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).message).toMatch(/TILE_PMTILES: must be a PMTiles v3 file/);
    expect((thrown as ConfigError).message).toMatch(reason);
  });

  it('refuses PMTiles version 2', () => {
    const old = path.join(dir, 'v2.pmtiles');
    writeFileSync(old, Buffer.concat([Buffer.from('PMTiles'), Buffer.from([2]), Buffer.alloc(200)]));
    expect(() => loadConfig({ TILE_PMTILES: old })).toThrow(/TILE_PMTILES: .*version 2/);
  });
});

describe('serving the PMTiles file', () => {
  let database: TestDatabase;
  let app: RunningApp;
  let url: string;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const started = await startTestApp(database.db, { env: { TILE_PMTILES: file } });
    app = started;
    url = `${app.baseUrl}${publicConfig(started.config).streetTiles?.url ?? ''}`;
  });
  afterAll(async () => {
    await app?.stop();
    await database?.close();
  });

  it('answers a byte range with 206 and exactly those bytes, cacheable for a year', async () => {
    const response = await fetch(url, { headers: { Range: 'bytes=0-126' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-range')).toBe(`bytes 0-126/${bytes.length}`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes.subarray(0, 127))).toBe(true);

    const tail = await fetch(url, { headers: { Range: `bytes=${bytes.length - 500}-` } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 500))).toBe(true);
  });

  it('sends the whole file without a Range header', async () => {
    const response = await fetch(url, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answers a range beyond the end with 416 and the file size', async () => {
    const response = await fetch(url, {
      headers: { Range: `bytes=${bytes.length + 10}-${bytes.length + 20}` },
    });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
  });

  it('serves the file only at its current version', async () => {
    const response = await fetch(`${app.baseUrl}/tiles/000000000000/streets.pmtiles`);
    expect(response.status).toBe(404);
  });
});
