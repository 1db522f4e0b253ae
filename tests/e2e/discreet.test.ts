/**
 * Discreet mode (app/discreet): the switch on the safety page gives the tab a neutral title
 * and icon, takes the logo and trafficking words out of the header, collapses the hotline to
 * "Help", keeps Quick exit — and survives a reload and navigation, on this device only.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, useBrowserSuite } from '../helpers/browser';

const suite = useBrowserSuite({ file: import.meta.url });

const favicon = (page: Page) => page.locator('link[rel="icon"]').getAttribute('href');
const manifest = (page: Page) => page.locator('link[rel="manifest"]').getAttribute('href');

async function expectDiscreet(page: Page) {
  await page.waitForFunction(() => document.title === 'Notes');
  await expect(favicon(page)).resolves.toBe('/icons/notes.svg');
  await expect(manifest(page)).resolves.toBe('/manifest-notes.webmanifest');
  const header = page.locator('header.site-header');
  await header.getByRole('link', { name: 'Help', exact: true }).waitFor();
  expect(await header.innerText()).not.toMatch(/haven|traffick|hotline|911/i);
  await expect(header.locator('svg').count(), 'no logo').resolves.toBe(0);
  await header
    .getByRole('button', { name: /quick exit/i })
    .or(header.getByRole('link', { name: /quick exit/i }))
    .first()
    .waitFor();
}

suite.test(
  'discreet mode changes title and favicon, survives a reload and navigation, and turns off',
  async ({ openPage, server }) => {
    const { page, pageErrors, context } = await openPage('/safety');
    expect(await page.title()).not.toBe('Notes');
    await expect(favicon(page)).resolves.toBe('/favicon.svg');

    await page.getByRole('switch', { name: 'Discreet mode on this device' }).check();
    await expectDiscreet(page);
    await expectNoAxeViolations(page, '/safety in discreet mode');

    await page.reload();
    await expectDiscreet(page);
    await expect(
      page.getByRole('switch', { name: 'Discreet mode on this device' }).isChecked(),
    ).resolves.toBe(true);

    // A navigation inside the app keeps the neutral title.
    await page.locator('header').getByRole('link', { name: 'Find services' }).click();
    await page.waitForURL(/\/search/);
    await expectDiscreet(page);
    await page.goto(`${server.origin}/`);
    await expectDiscreet(page);
    expect(await context.cookies(), 'kept on the device, not in a cookie').toEqual([]);

    await page.goto('/safety');
    await page.getByRole('switch', { name: 'Discreet mode on this device' }).uncheck();
    await page.waitForFunction(() => document.title !== 'Notes');
    await expect(favicon(page)).resolves.toBe('/favicon.svg');
    await page.reload();
    expect(await page.title()).not.toBe('Notes');
    await expect(
      page
        .locator('header.site-header')
        .getByText(/trafficking hotline/i)
        .count(),
    ).resolves.toBe(1);
    expect(pageErrors, 'no hydration errors').toEqual([]);
  },
);

suite.test('the discreet switch speaks Spanish', async ({ openPage }) => {
  const { page } = await openPage('/safety?hl=es', { locale: 'es-US' });
  await page.getByRole('switch', { name: 'Modo discreto en este dispositivo' }).check();
  await page.locator('header.site-header').getByRole('link', { name: 'Ayuda', exact: true }).waitFor();
});
