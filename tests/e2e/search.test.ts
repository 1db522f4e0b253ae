/**
 * The survivor's journey (DESIGN.md §2, journey 1) with JavaScript on: home → ZIP or "use my
 * location" → results by distance → filters → service page → Call. Plus the unhappy paths a
 * survivor may hit (an unknown place) and the confidential-shelter rules of §4/§6.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { taxonomyMessages } from '../../app/i18n/messages/taxonomy';
import { useBrowserSuite } from '../helpers/browser';
import {
  commonCategories,
  confidentialService,
  coordinateSpellings,
  searchPath,
  serviceWithPhone,
  zipWithServices,
} from '../helpers/demo-data';
import { openFilters, readResults, type ResultCard, waitForPage } from '../helpers/search-page';

const suite = useBrowserSuite({ file: import.meta.url });

const DEFAULT_RADIUS_MILES = 25;

function expectSortedByDistance(results: ResultCard[]) {
  const distances = results.map((result) => result.miles);
  const firstRemote = distances.indexOf(null);
  const inPerson = (firstRemote === -1 ? distances : distances.slice(0, firstRemote)) as number[];
  // Remote services (no distance) follow the in-person ones, never in between.
  if (firstRemote !== -1)
    expect(distances.slice(firstRemote), 'distances after a remote result').toEqual(
      distances.slice(firstRemote).map(() => null),
    );
  for (let index = 1; index < inPerson.length; index += 1) {
    expect(
      inPerson[index],
      `result ${index + 1} is nearer than result ${index}: ${inPerson.join(', ')}`,
    ).toBeGreaterThanOrEqual(inPerson[index - 1]!);
  }
}

const names = (results: ResultCard[]) => results.map((result) => result.name);

suite.test(
  'searching a ZIP from the home page lists nearby services sorted by distance',
  async ({ openPage, server, allowRequestsTo }) => {
    // Wide screens show the results map (and a service page its own map): tiles are allowed.
    allowRequestsTo(server.tileOrigin);
    const zip = await zipWithServices(server.db);
    const { page } = await openPage('/');
    await page.getByLabel('ZIP code or city').fill(zip);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await waitForPage(page, (url) => url.pathname === '/search' && url.searchParams.get('near') === zip);

    const results = await readResults(page);
    expect(results.length).toBeGreaterThan(1);
    expect(results[0]!.miles, 'the first result shows a distance').not.toBeNull();
    expect(results[0]!.miles!).toBeLessThanOrEqual(DEFAULT_RADIUS_MILES);
    for (const result of results)
      if (result.miles !== null) expect(result.miles).toBeLessThanOrEqual(DEFAULT_RADIUS_MILES);
    expectSortedByDistance(results);
  },
);

suite.test(
  'filtering by category narrows the results, and every card shows that category',
  async ({ openPage, server, allowRequestsTo }) => {
    // Wide screens show the results map (and a service page its own map): tiles are allowed.
    allowRequestsTo(server.tileOrigin);
    const zip = await zipWithServices(server.db);
    const { page } = await openPage(searchPath({ near: zip }));
    const before = await readResults(page);

    const [slug] = (await commonCategories(server.db)).filter((category) =>
      before.some(
        (result) => !result.text.includes(taxonomyMessages.en[`category.${category}` as 'category.health']),
      ),
    );
    expect(slug, 'a category some, but not all, of the results have').toBeDefined();
    const label = taxonomyMessages.en[`category.${slug}` as 'category.health'];

    await openFilters(page);
    await page.getByRole('checkbox', { name: label, exact: true }).check();
    await applyFilters(page);
    await waitForPage(page, (url) => url.searchParams.getAll('category').includes(slug!));

    const after = await readResults(page);
    expect(after.length).toBeGreaterThan(0);
    expect(names(after)).not.toEqual(names(before));
    for (const result of after) expect(result.text, result.name).toContain(label);
    expectSortedByDistance(after);
  },
);

suite.test(
  'the "free" and "open now" filters change the results and each card says so',
  async ({ openPage, server, allowRequestsTo }) => {
    // Wide screens show the results map (and a service page its own map): tiles are allowed.
    allowRequestsTo(server.tileOrigin);
    const zip = await zipWithServices(server.db);
    const { page } = await openPage(searchPath({ near: zip }));
    const before = await readResults(page);

    await openFilters(page);
    await page.getByRole('checkbox', { name: /^free/i }).check();
    await applyFilters(page);
    await waitForPage(page, (url) => url.searchParams.get('free') === '1');
    const free = await readResults(page);
    expect(free.length).toBeGreaterThan(0);
    expect(names(free)).not.toEqual(names(before));
    for (const result of free) expect(result.text, result.name).toMatch(/\bfree\b/i);

    await page.getByRole('checkbox', { name: /^free/i }).uncheck();
    await page.getByRole('checkbox', { name: /open now/i }).check();
    await applyFilters(page);
    await waitForPage(
      page,
      (url) => url.searchParams.get('open_now') === '1' && !url.searchParams.has('free'),
    );
    const open = await readResults(page);
    expect(open.length).toBeGreaterThan(0);
    for (const result of open) expect(result.text, result.name).toMatch(/open now|open 24 hours/i);
    expectSortedByDistance(open);
  },
);

suite.test(
  'opening a result shows the service page with a Call link and Directions',
  async ({ openPage, server, allowRequestsTo }) => {
    // Wide screens show the results map (and a service page its own map): tiles are allowed.
    allowRequestsTo(server.tileOrigin);
    const zip = await zipWithServices(server.db);
    const { page } = await openPage(searchPath({ near: zip }));
    const result = (await readResults(page)).find(
      (card) => card.miles !== null && !/confidential/i.test(card.text),
    );
    expect(result, 'an in-person result with an address').toBeDefined();
    const cardCall = await result!.card.getByRole('link', { name: /^call/i }).getAttribute('href');

    await result!.card.getByRole('heading').getByRole('link').click();
    await waitForPage(page, (url) => url.pathname === new URL(result!.href, server.origin).pathname);
    // The URL changes before the client-side navigation has rendered the new page: poll.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(result!.name);
    const call = page.locator('main').getByRole('link', { name: /^call/i }).first();
    await expect(call.isVisible(), 'a visible Call link').resolves.toBe(true);
    await expect(call.getAttribute('href')).resolves.toMatch(/^tel:\+?\d{3,}/);
    await expect(call.getAttribute('href')).resolves.toBe(cardCall);
    await expect(
      page
        .locator('main')
        .getByRole('link', { name: /directions/i })
        .isVisible(),
    ).resolves.toBe(true);
  },
);

suite.test(
  '"Use my location" searches around the browser position, rounded to at most 3 decimals',
  async ({ openPage, server, allowRequestsTo }) => {
    // Wide screens show the results map (and a service page its own map): tiles are allowed.
    allowRequestsTo(server.tileOrigin);
    const service = await serviceWithPhone(server.db);
    const here = await server.db
      .selectFrom('location')
      .innerJoin('service_at_location', 'service_at_location.location_id', 'location.id')
      .where('service_at_location.service_id', '=', service.id)
      .select(['latitude', 'longitude'])
      .executeTakeFirstOrThrow();
    const position = { latitude: here.latitude! + 0.0012345, longitude: here.longitude! - 0.0016789 };

    const { page } = await openPage('/', { geolocation: position });
    await page.getByRole('button', { name: 'Use my location' }).click();
    await waitForPage(page, (url) => url.pathname === '/search');

    const url = new URL(page.url());
    for (const [name, value] of [
      ['lat', position.latitude],
      ['lng', position.longitude],
    ] as const) {
      const sent = url.searchParams.get(name);
      expect(sent, `${name}=${sent}`).toMatch(/^-?\d{1,3}(\.\d{1,3})?$/);
      expect(Math.abs(Number(sent) - value)).toBeLessThan(0.001);
    }
    const results = await readResults(page);
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]!.miles!).toBeLessThanOrEqual(DEFAULT_RADIUS_MILES);
    expectSortedByDistance(results);
  },
);

suite.test(
  'an unknown place gets a friendly message and the search box again, not an error',
  async ({ openPage }) => {
    const { page } = await openPage('/');
    await page.getByLabel('ZIP code or city').fill('Qwertyville, ZZ');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await waitForPage(page, (url) => url.pathname === '/search');
    const main = await page.locator('main').innerText();
    expect(main).not.toMatch(/something went wrong/i);
    expect(main).toMatch(/could not find|couldn.t find|not find|no place/i);
    await expect(page.getByLabel('ZIP code or city').inputValue()).resolves.toBe('Qwertyville, ZZ');

    const response = await page.goto(searchPath({ near: 'Qwertyville, ZZ' }));
    expect(response?.status()).toBeLessThan(500);
    expect(response?.status()).not.toBe(400);
  },
);

suite.test(
  'a confidential shelter shows "Confidential location", no street address, and never its coordinates',
  async ({ openPage, server, allowRequestsTo }) => {
    // Wide screens show the results map (and a service page its own map): tiles are allowed.
    allowRequestsTo(server.tileOrigin);
    const shelter = await confidentialService(server.db);
    const secrets = [
      ...coordinateSpellings(shelter.latitude),
      ...coordinateSpellings(shelter.longitude),
      ...(shelter.address_1 ? [shelter.address_1] : []),
    ];
    const expectNoSecrets = (body: string, where: string) => {
      for (const secret of secrets)
        expect(body.includes(secret), `${where} contains "${secret}"`).toBe(false);
    };

    const { page } = await openPage(`/services/${shelter.id}`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain(shelter.name);
    await expect(page.locator('main').innerText()).resolves.toMatch(/confidential location/i);
    if (shelter.public_area_label) {
      await expect(page.locator('main').innerText()).resolves.toContain(shelter.public_area_label);
    }
    await expect(
      page
        .locator('main')
        .getByRole('link', { name: /directions/i })
        .count(),
    ).resolves.toBe(0);

    // The HTML as sent (with the loader data Remix embeds), the DOM after hydration, and the
    // route's data request for client navigation.
    const html = await (await page.request.get(`/services/${shelter.id}`)).text();
    expectNoSecrets(html, 'service page HTML');
    expectNoSecrets(await page.content(), 'service page DOM');
    const data = await page.request.get(`/services/${shelter.id}.data`);
    if (data.ok()) expectNoSecrets(await data.text(), 'service page .data');

    // In search results near it: an area, not an address, and no exact point.
    const near = searchPath({
      lat: String(shelter.public_latitude),
      lng: String(shelter.public_longitude),
      q: shelter.name,
    });
    await page.goto(near);
    const card = (await readResults(page)).find((result) => result.name === shelter.name);
    expect(card, `${shelter.name} in results near it`).toBeDefined();
    expect(card!.text).toMatch(/confidential location/i);
    expectNoSecrets(card!.text, 'result card');
    expectNoSecrets(await (await page.request.get(near)).text(), 'search page HTML');
  },
);

/** Submits the filter form when it does not apply itself (it must also work without JS). */
async function applyFilters(page: Page) {
  const before = page.url();
  await page
    .waitForURL((url) => url.toString() !== before, { timeout: 1_500 })
    .catch(async () => {
      await page.getByRole('button', { name: 'Show results', exact: true }).click();
    });
  await page.waitForLoadState('networkidle');
}
