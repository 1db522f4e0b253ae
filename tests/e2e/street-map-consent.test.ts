/**
 * An outside tile server (TILE_URL) only by consent (docs/map.md): the map opens on Haven's
 * own basemap with a button naming the host; no request reaches that host before the press;
 * the choice lasts for the tab (sessionStorage), not for a new visit.
 */
import { expect } from 'vitest';
import { useBrowserSuite } from '../helpers/browser';
import { searchPath, zipWithServices } from '../helpers/demo-data';
import { showMap } from '../helpers/search-page';

const suite = useBrowserSuite({ file: import.meta.url, streetTiles: true });

suite.test(
  'the street map loads from its host only after "Show street map", for this tab only',
  async ({ openPage, server, allowRequestsTo }) => {
    allowRequestsTo(server.tileOrigin);
    const host = new URL(server.tileOrigin).host;
    const zip = await zipWithServices(server.db);
    const { page, requests, context } = await openPage(searchPath({ near: zip }));
    const map = await showMap(page);
    await page.waitForLoadState('networkidle');
    expect(requests.to(server.tileOrigin), 'no request to the tile host before consent').toEqual([]);
    expect(requests.to(server.origin).some((url) => url.includes('/basemap/'))).toBe(true);

    const show = map.getByRole('button', { name: `Show street map — loads map images from ${host}` });
    await show.click();
    await map.getByRole('button', { name: /hide street map/i }).waitFor();
    await page.waitForLoadState('networkidle');
    const loaded = requests.finished.filter(
      (entry) => entry.url.startsWith(`${server.tileOrigin}/tiles/`) && entry.status === 200,
    );
    expect(loaded.length, 'street tiles loaded after consent (the CSP admits that host)').toBeGreaterThan(0);
    expect(await context.cookies(), 'the choice is no cookie').toEqual([]);

    // The same tab keeps the choice…
    await page.reload();
    await showMap(page);
    await map.getByRole('button', { name: /hide street map/i }).waitFor();

    // …a new visit (another tab's session) asks again and contacts nobody.
    const fresh = await openPage(searchPath({ near: zip }));
    await showMap(fresh.page);
    await fresh.page.waitForLoadState('networkidle');
    await fresh.page.getByRole('button', { name: /show street map/i }).waitFor();
    expect(fresh.requests.to(server.tileOrigin)).toEqual([]);
  },
  60_000,
);

suite.test('the consent button speaks Spanish', async ({ openPage, server }) => {
  const zip = await zipWithServices(server.db);
  const { page } = await openPage(searchPath({ near: zip, hl: 'es' }), { locale: 'es-US' });
  const map = await showMap(page, 'es');
  await map
    .getByRole('button', {
      name: `Mostrar mapa de calles — carga imágenes del mapa desde ${new URL(server.tileOrigin).host}`,
    })
    .waitFor();
});
