/**
 * Street detail from the operator's PMTiles extract (TILE_PMTILES, docs/map.md): the map reads
 * the archive in byte ranges from Haven's own origin and draws its streets over the basemap;
 * no other host is contacted (the suite checks every request after each test). The archive is
 * the fixture the tests build (tests/helpers/pmtiles-fixture.ts): downtown Houston, zooms 12–14.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { useBrowserSuite } from '../helpers/browser';
import { FIXTURE_BOUNDS, writePmtilesFixture } from '../helpers/pmtiles-fixture';

const dir = mkdtempSync(path.join(tmpdir(), 'haven-pmtiles-e2e-'));
const file = path.join(dir, 'houston.pmtiles');
writePmtilesFixture(file);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const suite = useBrowserSuite({ file: import.meta.url, env: { TILE_PMTILES: file } });

suite.test(
  "a service page in the extract draws its streets from byte ranges of Haven's own file",
  async ({ openPage, server }) => {
    const [west, south, east, north] = FIXTURE_BOUNDS;
    const service = await server.db
      .selectFrom('service')
      .innerJoin('service_at_location', 'service_at_location.service_id', 'service.id')
      .innerJoin('location', 'location.id', 'service_at_location.location_id')
      .where('location.is_confidential', '=', false)
      .where('location.latitude', '>', south + 0.01)
      .where('location.latitude', '<', north - 0.01)
      .where('location.longitude', '>', west + 0.01)
      .where('location.longitude', '<', east - 0.01)
      .where('service.status', '=', 'active')
      .select('service.id')
      .executeTakeFirstOrThrow();
    const { page, requests } = await openPage(`/services/${service.id}`);
    const streets = page.locator('.haven-map .haven-map-streets canvas.leaflet-tile-loaded');
    await streets.first().waitFor({ state: 'attached', timeout: 15_000 });
    await page.waitForLoadState('networkidle');

    const archive = requests.finished.filter((entry) =>
      /\/tiles\/[0-9a-f]{12}\/streets\.pmtiles$/.test(entry.url),
    );
    expect(archive.length, 'the archive was read').toBeGreaterThan(0);
    expect(
      archive.every((entry) => entry.status === 206 && entry.url.startsWith(`${server.origin}/`)),
      'only byte ranges (206), only from our origin',
    ).toBe(true);

    // Painted: the tiles hold more than one colour (land, streets, water), not a blank canvas.
    const colours = await streets.evaluateAll((canvases) => {
      const seen = new Set<string>();
      for (const canvas of canvases as HTMLCanvasElement[]) {
        const context = canvas.getContext('2d');
        if (!context || canvas.width === 0) continue;
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 0; i < data.length; i += 4 * 97)
          seen.add(`${data[i]},${data[i + 1]},${data[i + 2]},${data[i + 3]}`);
      }
      return seen.size;
    });
    expect(colours, 'the street tiles are painted').toBeGreaterThan(3);

    if (process.env.HAVEN_SCREENSHOTS) {
      mkdirSync(process.env.HAVEN_SCREENSHOTS, { recursive: true });
      await page
        .locator('.haven-map')
        .screenshot({ path: path.join(process.env.HAVEN_SCREENSHOTS, 'pmtiles-service.png') });
    }
  },
  60_000,
);
