/**
 * WCAG 2.2 AA (DESIGN.md §9): axe-core finds no violations on the public pages, in English
 * and in Spanish — home, search results (list, and with the map shown), a service page, a
 * confidential shelter's page, the safety page and the error page.
 */
import { expect } from 'vitest';
import { expectNoAxeViolations, useBrowserSuite } from '../helpers/browser';
import { confidentialService, searchPath, serviceWithPhone, zipWithServices } from '../helpers/demo-data';
import { resultCards, showMap } from '../helpers/search-page';

const suite = useBrowserSuite({ file: import.meta.url });

for (const language of ['en', 'es'] as const) {
  const hl = language === 'es' ? '?hl=es' : '';

  suite.test(`home page has no axe violations (${language})`, async ({ openPage }) => {
    const { page } = await openPage(`/${hl}`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
    await expectNoAxeViolations(page);
  });

  suite.test(`safety page has no axe violations (${language})`, async ({ openPage }) => {
    const { page } = await openPage(`/safety${hl}`);
    await expectNoAxeViolations(page);
  });

  suite.test(
    `search results list has no axe violations (${language})`,
    async ({ openPage, server, allowRequestsTo }) => {
      // Wide screens show the results map (and a service page its own map): tiles are allowed.
      allowRequestsTo(server.tileOrigin);
      const zip = await zipWithServices(server.db);
      // A phone screen: the list alone, the map behind its "Show map" toggle.
      const { page } = await openPage(searchPath({ near: zip, hl: language }), {
        viewport: { width: 390, height: 844 },
      });
      await expect(resultCards(page).count()).resolves.toBeGreaterThan(0);
      await expect(page.locator('.haven-map').count()).resolves.toBe(0);
      await expectNoAxeViolations(page, 'search results');
    },
  );

  suite.test(
    `search results with the map shown have no axe violations (${language})`,
    async ({ openPage, server, allowRequestsTo }) => {
      allowRequestsTo(server.tileOrigin);
      const zip = await zipWithServices(server.db);
      const { page } = await openPage(searchPath({ near: zip, hl: language }));
      await showMap(page, language);
      await expectNoAxeViolations(page, 'search results with map');
    },
  );

  suite.test(
    `service page has no axe violations (${language})`,
    async ({ openPage, server, allowRequestsTo }) => {
      // Wide screens show the results map (and a service page its own map): tiles are allowed.
      allowRequestsTo(server.tileOrigin);
      const service = await serviceWithPhone(server.db);
      const { page } = await openPage(`/services/${service.id}${hl}`);
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain(service.name);
      await expectNoAxeViolations(page);
    },
  );

  suite.test(
    `confidential shelter page has no axe violations (${language})`,
    async ({ openPage, server, allowRequestsTo }) => {
      // Wide screens show the results map (and a service page its own map): tiles are allowed.
      allowRequestsTo(server.tileOrigin);
      const shelter = await confidentialService(server.db);
      const { page } = await openPage(`/services/${shelter.id}${hl}`);
      await expectNoAxeViolations(page);
    },
  );

  suite.test(`error page has no axe violations (${language})`, async ({ openPage }) => {
    const { page } = await openPage(`/search?lat=abc${language === 'es' ? '&hl=es' : ''}`);
    await expectNoAxeViolations(page);
  });
}

suite.test('home page has no axe violations on a small phone screen', async ({ openPage }) => {
  const { page } = await openPage('/', { viewport: { width: 360, height: 640 } });
  await expectNoAxeViolations(page);
});
