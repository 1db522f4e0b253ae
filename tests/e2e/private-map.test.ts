/**
 * The private basemap (docs/map.md): every page, at phone and desktop widths, contacts Haven's
 * own origin only — the map's land, borders and place names come from /basemap/<version>/,
 * cached for a year — and the canvas really draws them.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSuite } from '../helpers/browser';
import { mappedService, searchPath, zipWithServices } from '../helpers/demo-data';
import { showMap } from '../helpers/search-page';

const suite = useBrowserSuite({ file: import.meta.url });

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const hostsOf = (urls: string[]) =>
  [...new Set(urls.filter((url) => /^(https?|wss?):/.test(url)).map((url) => new URL(url).host))].sort();

/**
 * What the basemap canvases hold: whether every one is painted (opaque), and how many
 * colours they use together (water or land alone is one; borders and names add more).
 */
async function basemapPaint(page: Page): Promise<{ painted: boolean; colours: number }> {
  await page.locator('.haven-basemap canvas').first().waitFor({ state: 'attached' });
  return page.locator('.haven-basemap canvas').evaluateAll((elements) => {
    const colours = new Set<number>();
    let painted = true;
    for (const element of elements as HTMLCanvasElement[]) {
      const context = element.getContext('2d');
      if (!context) continue;
      const { data } = context.getImageData(0, 0, element.width, element.height);
      if (data[3] !== 255) painted = false;
      for (let i = 0; i < data.length; i += 16)
        colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    }
    return { painted, colours: colours.size };
  });
}

suite.test(
  "every request of home, search (desktop and phone), a service, an organization and /saved goes to Haven's own host",
  async ({ openPage, server }) => {
    const service = await mappedService(server.db);
    const zip = await zipWithServices(server.db);
    const pages = [
      { path: '/', viewport: DESKTOP, map: false },
      { path: searchPath({ near: zip }), viewport: DESKTOP, map: true },
      { path: searchPath({ near: zip }), viewport: PHONE, map: true },
      { path: `/services/${service.id}`, viewport: PHONE, map: true },
      { path: `/organizations/${service.organization_id}`, viewport: DESKTOP, map: true },
      { path: '/saved', viewport: PHONE, map: false },
    ];
    for (const entry of pages) {
      const { page, requests } = await openPage(entry.path, { viewport: entry.viewport });
      if (entry.map) {
        await showMap(page);
        await page.waitForLoadState('networkidle');
        const tiles = requests.to(server.origin).filter((url) => url.includes('/basemap/'));
        expect(tiles.length, `basemap tiles for ${entry.path}`).toBeGreaterThan(0);
        const paint = await basemapPaint(page);
        expect(paint.painted, `every basemap tile painted on ${entry.path}`).toBe(true);
        expect(paint.colours, `land, lines and names drawn on ${entry.path}`).toBeGreaterThan(2);
      }
      expect(
        hostsOf(requests.urls),
        `hosts contacted by ${entry.path} at ${entry.viewport.width} px`,
      ).toEqual([new URL(server.origin).host]);
      expect(
        requests.urls.filter((url) => /street-tiles-layer|\.pmtiles/.test(url)),
        'without TILE_PMTILES the street map renderer is never downloaded',
      ).toEqual([]);
    }
  },
  60_000,
);

suite.test(
  'basemap tiles are versioned and cached for a year; a missing tile is a cacheable 404',
  async ({ server }) => {
    const { BASEMAP_PATH } = await import('../../app/components/map/basemap');
    const tile = await fetch(`${server.origin}${BASEMAP_PATH}/0/0/0.json`);
    expect(tile.status).toBe(200);
    expect(tile.headers.get('cache-control')).toMatch(/max-age=31536000/);
    const body = (await tile.json()) as { land?: unknown[] };
    expect(body.land?.length, 'the world tile has land').toBeGreaterThan(0);
    const sea = await fetch(`${server.origin}${BASEMAP_PATH}/4/1/10.json`);
    expect(sea.status).toBe(404);
    expect(sea.headers.get('cache-control')).toMatch(/max-age=31536000/);
  },
);
