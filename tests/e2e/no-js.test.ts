/**
 * With JavaScript off the survivor's journey still works (DESIGN.md §2, journey 1): search,
 * filters, pagination and the service page are plain HTML forms and links; there is simply no
 * map, and nothing on the page depends on one.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { taxonomyMessages } from '../../app/i18n/messages/taxonomy';
import { useBrowserSuite } from '../helpers/browser';
import { commonCategories, searchPath, zipWithServices } from '../helpers/demo-data';
import { openFilters, readResults, resultCards } from '../helpers/search-page';

const suite = useBrowserSuite({ file: import.meta.url });

const PHONE = { width: 360, height: 640 };

/** Nothing sticks out sideways on a phone (a broken layout scrolls horizontally). */
async function expectFitsWidth(page: Page, width: number) {
  for (const locator of [
    page.locator('header').first(),
    page.locator('main'),
    page.locator('footer').first(),
  ]) {
    const box = await locator.boundingBox();
    expect(box, 'element is laid out').not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(width + 1);
  }
  const cards = resultCards(page);
  for (let index = 0; index < Math.min(await cards.count(), 5); index += 1) {
    const box = await cards.nth(index).boundingBox();
    expect(box!.x + box!.width, `card ${index + 1} fits the screen`).toBeLessThanOrEqual(width + 1);
  }
}

suite.test(
  'without JavaScript: search from the home page, results by distance, and no map',
  async ({ openPage, server }) => {
    const zip = await zipWithServices(server.db);
    const { page, requests } = await openPage('/', { javaScriptEnabled: false, viewport: PHONE });
    await page.getByLabel('ZIP code or city').fill(zip);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('near') === zip);

    const results = await readResults(page);
    expect(results.length).toBeGreaterThan(1);
    const distances = results
      .map((result) => result.miles)
      .filter((miles): miles is number => miles !== null);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));

    await expect(page.locator('.leaflet-container').count()).resolves.toBe(0);
    // The "Show map" toggle needs JavaScript, so it is not shown at all.
    await expect(page.getByRole('button', { name: 'Show map' }).isVisible()).resolves.toBe(false);
    expect(requests.to(server.tileOrigin)).toEqual([]);
    expect(requests.urls.filter((url) => /leaflet|results-map/i.test(url))).toEqual([]);
    await expectFitsWidth(page, PHONE.width);
  },
);

suite.test(
  'without JavaScript: filters apply with the form button and every card shows the category',
  async ({ openPage, server }) => {
    const zip = await zipWithServices(server.db);
    const [slug] = await commonCategories(server.db);
    const label = taxonomyMessages.en[`category.${slug}` as 'category.health'];
    const { page } = await openPage(searchPath({ near: zip }), { javaScriptEnabled: false });

    await openFilters(page);
    await page.getByRole('checkbox', { name: label, exact: true }).check();
    await page.getByRole('button', { name: 'Show results', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.getAll('category').includes(slug!));
    const results = await readResults(page);
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(result.text, result.name).toContain(label);
    await expect(page.getByRole('checkbox', { name: label, exact: true }).isChecked()).resolves.toBe(true);
  },
);

for (const javaScriptEnabled of [true, false]) {
  suite.test(
    `on a phone, Show results lands on the results, not on the open filters (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`,
    async ({ openPage, server }) => {
      const zip = await zipWithServices(server.db);
      const [slug] = await commonCategories(server.db);
      const label = taxonomyMessages.en[`category.${slug}` as 'category.health'];
      const viewport = { width: 390, height: 844 };
      const { page } = await openPage(searchPath({ near: zip }), { javaScriptEnabled, viewport });

      await openFilters(page);
      await page.getByRole('checkbox', { name: label, exact: true }).check();
      await page.getByRole('button', { name: 'Show results', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.getAll('category').includes(slug!));
      expect(new URL(page.url()).hash).toBe('#result-count');
      // With a filter on, the filters stay open above the results: a screen and more on a phone.
      await expect(page.locator('main details.filters').getAttribute('open')).resolves.not.toBeNull();
      const heading = page.locator('#result-count');
      await expect
        .poll(async () => (await heading.boundingBox())?.y ?? Infinity)
        .toBeLessThan(viewport.height / 2);
      await expect.poll(async () => (await heading.boundingBox())?.y ?? -Infinity).toBeGreaterThanOrEqual(0);
    },
  );
}

suite.test(
  'without JavaScript: results are paginated with plain links that keep the filters',
  async ({ openPage }) => {
    // Each demo city has fewer than a page of services, so page through a nationwide filter.
    const { page } = await openPage(searchPath({ free: '1' }), { javaScriptEnabled: false });
    const first = await readResults(page);
    expect(first.length).toBe(20);
    const pages = page.getByRole('navigation', { name: 'Result pages' });

    await pages.getByRole('link', { name: /next/i }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    expect(new URL(page.url()).searchParams.get('free')).toBe('1');
    const second = await readResults(page);
    expect(second.length).toBeGreaterThan(0);
    const seen = new Set(first.map((result) => result.href));
    for (const result of second)
      expect(seen.has(result.href), `${result.name} repeated on page 2`).toBe(false);
    for (const result of second) expect(result.text, result.name).toMatch(/\bfree\b/i);

    await pages.getByRole('link', { name: /previous/i }).click();
    await page.waitForURL((url) => (url.searchParams.get('page') ?? '1') === '1');
    expect((await readResults(page)).map((result) => result.href)).toEqual(
      first.map((result) => result.href),
    );
  },
);

suite.test(
  'without JavaScript: a result opens the service page with a Call link',
  async ({ openPage, server }) => {
    const zip = await zipWithServices(server.db);
    const { page } = await openPage(searchPath({ near: zip }), { javaScriptEnabled: false, viewport: PHONE });
    const [first] = await readResults(page);
    await first!.card.getByRole('heading').getByRole('link').click();
    await page.waitForURL((url) => url.pathname.startsWith('/services/'));
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain(first!.name);
    const call = page.locator('main').getByRole('link', { name: /call/i }).first();
    await expect(call.getAttribute('href')).resolves.toMatch(/^tel:\+?\d+/);
    await expectFitsWidth(page, PHONE.width);
  },
);
