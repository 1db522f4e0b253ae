/**
 * No trace in the browser (DESIGN.md §6, issue 9 points 5–7), in a real Chromium:
 * pages and their data are never stored in a cache while static assets are; a whole visit is
 * one history entry, so after Quick exit Back never reaches a Haven page; the place and
 * keyword fields are not kept by autofill; page titles do not name the place searched.
 */
import type { Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import { expectNoAxeViolations, useBrowserSuite } from '../helpers/browser';
import { searchPath, zipWithServices } from '../helpers/demo-data';
import { openFilters, resultCards, waitForPage } from '../helpers/search-page';

const suite = useBrowserSuite({ file: import.meta.url });

/** Every response of the page's own origin, by URL, with its Cache-Control. */
function recordCaching(page: Page, origin: string) {
  const seen: Array<{ url: URL; kind: string; cacheControl: string }> = [];
  page.on('response', (response: Response) => {
    const url = new URL(response.url());
    if (url.origin !== origin) return;
    seen.push({
      url,
      kind: response.request().resourceType(),
      cacheControl: response.headers()['cache-control'] ?? '',
    });
  });
  return seen;
}

suite.test(
  'home → search → service → filters → language → quick exit → Back, Back: never a Haven page',
  async ({ openPage, server, allowRequestsTo }) => {
    allowRequestsTo(server.tileOrigin);
    allowRequestsTo(new URL(server.quickExitUrl).origin);
    const zip = await zipWithServices(server.db);
    const { page } = await openPage('/');
    const entries = await page.evaluate(() => history.length);

    await page.getByLabel('ZIP code or city').fill(zip);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await waitForPage(page, (url) => url.pathname === '/search' && url.searchParams.get('near') === zip);

    await resultCards(page).first().getByRole('link').first().click();
    await waitForPage(page, (url) => url.pathname.startsWith('/services/'));
    // Back no longer returns to the list: a visible link does.
    const back = page.getByRole('link', { name: /back to results/i });
    await back.waitFor({ state: 'visible' });
    await expectNoAxeViolations(page, 'service page with Back to results');
    await back.click();
    await waitForPage(page, (url) => url.pathname === '/search' && url.searchParams.get('near') === zip);

    const form = await openFilters(page);
    await form.getByLabel('Free only').check();
    await form.getByRole('button', { name: 'Show results' }).click();
    await waitForPage(page, (url) => url.searchParams.get('free') === '1');
    await page.locator('a[href="#main"]').first().focus();
    await page.keyboard.press('Enter'); // the skip link: a same-page #fragment
    await page.getByRole('button', { name: /español/i }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'es');

    expect(await page.evaluate(() => history.length), 'the visit added no history entry').toBe(entries);

    await page
      .getByRole('link', { name: /salida rápida/i })
      .first()
      .click();
    await page.waitForURL(server.quickExitUrl);
    for (const press of [1, 2]) {
      await page.goBack().catch(() => null);
      await page.waitForTimeout(200);
      expect(page.url().startsWith(server.origin), `Back #${press} went to ${page.url()}`).toBe(false);
    }
  },
);

suite.test(
  'search and service pages and their data are no-store; scripts and styles stay cached',
  async ({ openPage, server, allowRequestsTo }) => {
    allowRequestsTo(server.tileOrigin);
    const zip = await zipWithServices(server.db);
    const { page } = await openPage('/');
    const seen = recordCaching(page, server.origin);
    await page.goto(searchPath({ near: zip, q: 'help' }));
    await page.waitForLoadState('networkidle');
    await resultCards(page).first().getByRole('link').first().click();
    await waitForPage(page, (url) => url.pathname.startsWith('/services/'));
    await page.locator('main a[href^="/organizations/"]').first().click();
    await waitForPage(page, (url) => url.pathname.startsWith('/organizations/'));

    const documents = seen.filter((entry) => entry.kind === 'document');
    const data = seen.filter((entry) => entry.url.pathname.endsWith('.data'));
    const assets = seen.filter((entry) => entry.url.pathname.startsWith('/build/'));
    expect(documents.map((entry) => entry.url.pathname)).toEqual(['/search']);
    expect(data.map((entry) => entry.url.pathname).sort()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/services\/.+\.data$/),
        expect.stringMatching(/^\/organizations\/.+\.data$/),
      ]),
    );
    for (const entry of [...documents, ...data])
      expect(entry.cacheControl, `${entry.url.pathname}`).toBe('no-store');
    expect(assets.length).toBeGreaterThan(0);
    for (const entry of assets) expect(entry.cacheControl, entry.url.pathname).toMatch(/max-age=31536000/);
  },
);

suite.test(
  'the place and keyword fields are not kept by autofill, on every search form',
  async ({ openPage, server }) => {
    const zip = await zipWithServices(server.db);
    for (const path of ['/', searchPath({ near: zip })]) {
      const { page } = await openPage(path, { javaScriptEnabled: false });
      const fields = page.locator('input[name="near"], input[name="q"]');
      const count = await fields.count();
      expect(count, path).toBeGreaterThan(0);
      for (let index = 0; index < count; index += 1)
        await expect(fields.nth(index).getAttribute('autocomplete'), path).resolves.toBe('off');
    }
  },
);

suite.test(
  'search page titles never name the place; a keyword-only search is not "near your location"',
  async ({ openPage, server, allowRequestsTo }) => {
    allowRequestsTo(server.tileOrigin);
    const zip = await zipWithServices(server.db);
    const { page } = await openPage(searchPath({ near: zip }));
    await expect(page.title()).resolves.toBe('Search results · Haven');

    await page.goto(searchPath({ near: 'Houston, TX' }));
    await expect(page.title()).resolves.toBe('Search results · Haven');
    await page.goto(searchPath({ lat: 29.7604, lng: -95.3698 }));
    await expect(page.title()).resolves.not.toMatch(/29\.76|95\.36|location/i);

    await page.goto(searchPath({ q: 'counseling' }));
    await expect(page.title()).resolves.toBe('Search results · Haven');
    const heading = await page.getByRole('heading', { level: 1 }).innerText();
    expect(heading).not.toMatch(/near|your location/i);

    await page.goto(`${searchPath({ near: zip })}&hl=es`);
    await expect(page.title()).resolves.toBe('Resultados de la búsqueda · Haven');
  },
);
