/**
 * Reading the search page the way a screen-reader user would: the results are a list of
 * cards, each with a heading that links to the service, a distance and its categories.
 * One place that knows the page's structure, so the e2e tests read as journeys.
 */
import type { Locator, Page } from 'playwright-core';

export interface ResultCard {
  card: Locator;
  name: string;
  href: string;
  /** Miles, from "2.3 mi" / "Less than 0.1 mi"; null when the card shows no distance. */
  miles: number | null;
  text: string;
}

/** The result cards of the current page. */
export function resultCards(page: Page): Locator {
  return page
    .locator('main')
    .getByRole('list', { name: /results|resultados/i })
    .getByRole('listitem');
}

function parseMiles(text: string): number | null {
  if (/less than 0\.1 mi|menos de 0\.1 mi/i.test(text)) return 0.05;
  const match = /(\d+(?:[.,]\d+)?)\s*mi\b/.exec(text);
  return match?.[1] ? Number(match[1].replace(',', '.')) : null;
}

export async function readResults(page: Page): Promise<ResultCard[]> {
  const cards = resultCards(page);
  // After a client-side navigation the new list may still be rendering.
  await page.waitForLoadState('networkidle');
  await cards
    .first()
    .waitFor({ state: 'visible', timeout: 5_000 })
    .catch(() => undefined);
  const count = await cards.count();
  const results: ResultCard[] = [];
  for (let index = 0; index < count; index += 1) {
    const card = cards.nth(index);
    const link = card.getByRole('heading').getByRole('link').first();
    const text = await card.innerText();
    results.push({
      card,
      name: (await link.innerText()).trim(),
      href: (await link.getAttribute('href')) ?? '',
      miles: parseMiles(text),
      text,
    });
  }
  return results;
}

/**
 * Waits for the results map (Leaflet) to be drawn, pressing "Show map" first where it sits
 * behind that toggle (phones). Returns the Leaflet map region.
 */
export async function showMap(page: Page, language: 'en' | 'es' = 'en'): Promise<Locator> {
  const mapRegion = page.locator('.haven-map');
  const toggle = page.getByRole('button', { name: language === 'en' ? 'Show map' : 'Ver mapa', exact: true });
  if ((await mapRegion.count()) === 0 && (await toggle.isVisible())) await toggle.click();
  await mapRegion.locator('.leaflet-container').waitFor({ state: 'visible' });
  await mapRegion.locator('.leaflet-marker-icon').first().waitFor({ state: 'attached' });
  return mapRegion;
}

/** Opens the filters (a <details>, closed while no filter is on) and returns the search form. */
export async function openFilters(page: Page): Promise<Locator> {
  const details = page.locator('main details.filters');
  const grid = details.locator('.filter-grid').first();
  // A click that lands while React is still hydrating can be undone by it: check and retry.
  for (let attempt = 0; attempt < 3 && !(await grid.isVisible()); attempt += 1) {
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await grid.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => undefined);
  }
  return page.getByRole('search');
}

/** A card the map has selected: marked for assistive technology, not only by colour. */
export async function isHighlighted(card: Locator): Promise<boolean> {
  return card.evaluate((element) => {
    const marked = (node: Element) =>
      node.getAttribute('aria-current') === 'true' ||
      node.getAttribute('aria-current') === 'location' ||
      node.getAttribute('data-selected') === 'true' ||
      /(^|[\s_-])(selected|highlighted|active)($|[\s_-])/.test(node.className);
    return marked(element) || Array.from(element.querySelectorAll('*')).some(marked);
  });
}

/**
 * Waits for a client-side navigation to finish rendering: the URL changes as soon as the
 * router commits, before React has rendered the new page, so wait for the URL, for the
 * loader requests to settle and for two animation frames (one React commit and paint).
 */
export async function waitForPage(page: Page, url: Parameters<Page['waitForURL']>[0]): Promise<void> {
  await page.waitForURL(url);
  await page.waitForLoadState('networkidle');
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}
