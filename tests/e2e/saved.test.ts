/**
 * Saved services (app/saved, public/sw.js): kept on the device only, listed on /saved, open
 * with no signal (Chromium offline), and gone in one tap with "Remove all saved".
 */
import { expect } from 'vitest';
import { expectNoAxeViolations, useBrowserSuite } from '../helpers/browser';
import { mappedService, serviceWithPhone } from '../helpers/demo-data';

const suite = useBrowserSuite({ file: import.meta.url });

suite.test(
  'a saved service is listed on /saved and opens offline; "Remove all saved" clears it',
  async ({ openPage, server }) => {
    const first = await serviceWithPhone(server.db);
    const second = await mappedService(server.db);
    const { page, context, requests } = await openPage(`/services/${first.id}`, { serviceWorkers: 'allow' });
    await page.evaluate(() => navigator.serviceWorker.ready);

    const beforeSave = requests.mark();
    await page.getByRole('button', { name: `Save ${first.name}` }).click();
    await page.getByRole('button', { name: `Saved · Remove ${first.name}` }).waitFor();
    const offlineCopy = (id: string) =>
      page.evaluate(
        async (path) => Boolean(await (await caches.open('haven-saved-pages')).match(path)),
        `/services/${id}`,
      );
    await expect
      .poll(() => offlineCopy(first.id), { message: 'the page is kept for offline use' })
      .toBe(true);
    // Nothing about the save reached the server but the page itself (for the offline copy).
    for (const url of requests.since(beforeSave).filter((u) => !u.includes('/build/')))
      expect(new URL(url).pathname).toBe(`/services/${first.id}`);

    if (second.id !== first.id) {
      await page.goto(`/services/${second.id}`);
      await page.getByRole('button', { name: `Save ${second.name}` }).click();
      await page.getByRole('button', { name: `Saved · Remove ${second.name}` }).waitFor();
      await expect.poll(() => offlineCopy(second.id)).toBe(true);
    }
    await page.goto('/saved');
    const list = page.locator('main .saved-list');
    const firstLink = list.locator(`a[href="/services/${first.id}"]`);
    await expect(firstLink.textContent()).resolves.toBe(first.name);
    await expect(
      page
        .locator('main')
        .getByText(/anyone who holds this phone/i)
        .count(),
    ).resolves.toBe(1);
    await expectNoAxeViolations(page, '/saved with saved services');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    // No signal: /saved and the saved service's page still open.
    await context.setOffline(true);
    await page.reload();
    await firstLink.click();
    await page.getByRole('heading', { level: 1, name: first.name }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/services/${first.id}`);
    await context.setOffline(false);

    await page.goto('/saved');
    await page.getByRole('button', { name: 'Remove all saved' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /was removed/ })
      .waitFor();
    await expect(list.count()).resolves.toBe(0);
    await expect(page.evaluate(() => localStorage.getItem('haven:saved'))).resolves.toBeNull();
    await expect(page.evaluate(() => caches.has('haven-saved-pages'))).resolves.toBe(false);
  },
  60_000,
);

suite.test(
  'the safety page says saved services are visible to anyone holding the device',
  async ({ openPage }) => {
    const { page } = await openPage('/safety');
    await page
      .getByRole('heading', { level: 2, name: 'Saved services are visible on this device' })
      .waitFor();
    await expect(
      page
        .locator('main')
        .getByText(/anyone who holds this phone or computer can see them/i)
        .count(),
    ).resolves.toBe(1);
  },
);

suite.test(
  'Save on a result card keeps that service; /saved speaks Spanish',
  async ({ openPage, server }) => {
    const service = await mappedService(server.db);
    const { page } = await openPage(`/search?q=${encodeURIComponent(service.name)}`);
    await page
      .locator(`#result-${service.id}`)
      .getByRole('button', { name: `Save ${service.name}` })
      .click();
    await page
      .locator(`#result-${service.id}`)
      .getByRole('button', { name: /^Saved · Remove/ })
      .waitFor();
    await page.goto('/saved?hl=es');
    await page.getByRole('heading', { level: 1, name: 'Servicios guardados' }).waitFor();
    await page.locator(`main .saved-list a[href="/services/${service.id}"]`).waitFor();
    await page.getByRole('button', { name: 'Quitar todo lo guardado' }).waitFor();
  },
);
