/**
 * The results map (app/components/map): loaded only when shown, drawn on Haven's own basemap
 * (tests/e2e/private-map.test.ts holds its privacy), markers and clusters, confidential shelters drawn as an area (never
 * a pin), and the list and the map kept in step both ways.
 * DOM contract (results-map.client.tsx): `.haven-map-pin[--selected]` for exact points,
 * `.haven-map-badge[--selected]` plus a `path.haven-map-area` for confidential ones,
 * `.haven-map-cluster` for clusters; marker titles are the service names.
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useBrowserSuite } from '../helpers/browser';
import { confidentialService, searchPath, zipWithServices } from '../helpers/demo-data';
import { isHighlighted, readResults, showMap } from '../helpers/search-page';

const suite = useBrowserSuite({ file: import.meta.url });

const pins = (map: Locator) => map.locator('.leaflet-marker-icon.haven-map-pin');
const clusters = (map: Locator) => map.locator('.leaflet-marker-icon.haven-map-cluster');

async function clusterTotal(map: Locator): Promise<number> {
  const counts = await clusters(map).locator('span[aria-hidden="true"]').allInnerTexts();
  return counts.reduce((sum, text) => sum + Number(text), 0);
}

/**
 * A pin for one of `names` the user can click. Services that share an address stay clustered
 * at every zoom, so open clusters (the cluster group zooms in or spiderfies) until one shows.
 */
async function clickablePin(
  page: Page,
  map: Locator,
  names: string[],
): Promise<{ pin: Locator; name: string }> {
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const titles = await pins(map).evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('title')),
    );
    const name = names.find((candidate) => titles.includes(candidate));
    if (name)
      return {
        pin: pins(map)
          .and(page.locator(`[title="${name.replace(/"/g, '\\"')}"]`))
          .first(),
        name,
      };
    await clusters(map).first().click();
    await page.waitForTimeout(600);
  }
  throw new Error(`none of ${names.join(', ')} became a clickable pin`);
}

suite.test('the map and its basemap load only on a page that shows a map', async ({ openPage, server }) => {
  const { page, requests } = await openPage('/');
  expect(
    requests.urls.filter((url) => /results-map|leaflet|basemap/i.test(url)),
    'no map chunk or basemap on the home page',
  ).toEqual([]);

  const zip = await zipWithServices(server.db);
  const beforeMap = requests.mark();
  await page.goto(searchPath({ near: zip }));
  await showMap(page);
  await page.waitForLoadState('networkidle');
  const tiles = requests.since(beforeMap).filter((url) => url.startsWith(`${server.origin}/basemap/`));
  expect(tiles.length, "basemap tiles from Haven's own origin").toBeGreaterThan(0);
  for (const tile of tiles) expect(tile).toMatch(/\/basemap\/[a-z0-9]+\/\d+\/\d+\/\d+\.json$/);
  const loaded = requests.finished.filter((entry) => tiles.includes(entry.url) && entry.status === 200);
  expect(loaded.length, 'basemap tiles actually loaded').toBeGreaterThan(0);
});

suite.test(
  'results appear on the map as pins or clusters, and a cluster opens into pins',
  async ({ openPage, server }) => {
    const zip = await zipWithServices(server.db);
    const { page } = await openPage(searchPath({ near: zip, radius: 100 }));
    const map = await showMap(page);
    const results = await readResults(page);
    const shown = (await pins(map).count()) + (await clusterTotal(map));
    expect(shown, 'every result with a place is on the map').toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(results.length + 1);

    await expect(clusters(map).count(), 'nearby results are clustered at this zoom').resolves.toBeGreaterThan(
      0,
    );
    const pinsBefore = await pins(map).count();
    await clusters(map).first().click();
    await page.waitForTimeout(800);
    expect(await pins(map).count(), 'clicking a cluster shows its pins').toBeGreaterThan(pinsBefore);
  },
);

suite.test(
  'a confidential shelter is drawn as an approximate area, never as a pin',
  async ({ openPage, server }) => {
    const shelter = await confidentialService(server.db);
    const { page } = await openPage(
      searchPath({
        lat: String(shelter.public_latitude),
        lng: String(shelter.public_longitude),
        q: shelter.name,
      }),
    );
    const map = await showMap(page);
    await expect(map.locator('path.haven-map-area').count()).resolves.toBeGreaterThan(0);
    const badge = map.locator('.leaflet-marker-icon.haven-map-badge').filter({ has: page.locator('svg') });
    await expect(badge.count()).resolves.toBeGreaterThan(0);
    await expect(badge.first().getAttribute('title')).resolves.toMatch(/approximate area/i);
    await expect(
      pins(map)
        .and(page.locator(`[title="${shelter.name}"]`))
        .count(),
    ).resolves.toBe(0);
    const html = await page.content();
    for (const value of [shelter.latitude, shelter.longitude]) {
      expect(html.includes(value.toFixed(4)), `page contains ${value}`).toBe(false);
    }
  },
);

suite.test(
  'choosing a result in the list highlights its marker, and clicking a marker highlights its card',
  async ({ openPage, server }) => {
    const zip = await zipWithServices(server.db);
    const { page } = await openPage(searchPath({ near: zip }));
    const map = await showMap(page);
    const results = await readResults(page);
    const [first] = results;
    expect(results.length, 'results to switch between').toBeGreaterThan(2);

    // List → map.
    const showOnMap = first!.card.getByRole('button', { name: /show on map|map/i });
    await showOnMap.first().click();
    const selected = map.locator('.haven-map-pin--selected, .haven-map-badge--selected');
    await selected.first().waitFor({ state: 'attached' });
    await expect(selected.first().getAttribute('title')).resolves.toContain(first!.name);

    // Map → list.
    const others = results
      .slice(1)
      .filter((result) => result.miles !== null)
      .map((result) => result.name);
    const { pin, name } = await clickablePin(page, map, others);
    await pin.click();
    const card = results.find((result) => result.name === name)!.card;
    await page.waitForTimeout(300);
    await expect(isHighlighted(card), `${name} card highlighted`).resolves.toBe(true);
    await expect(isHighlighted(first!.card), `${first!.name} card no longer highlighted`).resolves.toBe(
      false,
    );
    await expect(map.locator('.haven-map-pin--selected').first().getAttribute('title')).resolves.toBe(name);
  },
);
