/**
 * The safety frame every public page shares (DESIGN.md §6): quick exit (button and Escape
 * twice, replacing the page), hotline banner, no cookie for an anonymous visitor until they
 * choose a language, English/Spanish with `?hl=es` deep links, the safety page, and a helpful
 * 400 page (not a 500) for a malformed search URL.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSuite } from '../helpers/browser';
import { searchPath, someServicePath, zipWithServices } from '../helpers/demo-data';

const suite = useBrowserSuite({ file: import.meta.url });

const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

async function expectFrame(page: Page, language: 'en' | 'es') {
  const quickExit = language === 'en' ? /quick exit/i : /salida rápida/i;
  await expect(page.getByRole('link', { name: quickExit }).first().isVisible()).resolves.toBe(true);
  const banner = page.getByRole('complementary', { name: language === 'en' ? 'Help now' : 'Ayuda ahora' });
  await expect(banner.isVisible()).resolves.toBe(true);
  const hotline = banner.locator('a[href="tel:18883737888"]');
  await expect(hotline.count()).resolves.toBe(1);
  await expect(banner.locator('a[href^="sms:233733"]').count()).resolves.toBe(1);
}

suite.test(
  'every public page shows the quick exit button and the hotline banner',
  async ({ openPage, server, allowRequestsTo }) => {
    // Wide screens show the results map (and a service page its own map): tiles are allowed.
    allowRequestsTo(server.tileOrigin);
    const zip = await zipWithServices(server.db);
    const paths = ['/', '/safety', searchPath({ near: zip }), await someServicePath(server.db)];
    const { page } = await openPage('/');
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectFrame(page, 'en');
    }
  },
);

suite.test(
  'the quick exit button replaces the page with the neutral site, so Back does not return',
  async ({ openPage, server, allowRequestsTo }) => {
    allowRequestsTo(new URL(server.quickExitUrl).origin);
    const { page } = await openPage('/');
    const historyLength = await page.evaluate(() => history.length);
    await page
      .getByRole('link', { name: /quick exit/i })
      .first()
      .click();
    await page.waitForURL(server.quickExitUrl);
    await expect(page.title()).resolves.toBe('Weather');
    // Replaced, not pushed: the neutral site took Haven's place in the tab's history.
    await expect(page.evaluate(() => history.length)).resolves.toBe(historyLength);

    await page.goBack().catch(() => null);
    await page.waitForTimeout(300);
    expect(page.url().startsWith(server.origin), `Back went to ${page.url()}`).toBe(false);
  },
);

suite.test(
  'pressing Escape twice leaves the site; pressing it once does not',
  async ({ openPage, server, allowRequestsTo }) => {
    allowRequestsTo(new URL(server.quickExitUrl).origin);
    const { page } = await openPage('/safety');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1_200);
    expect(new URL(page.url()).origin, 'one Escape (e.g. closing a menu) must not leave').toBe(server.origin);

    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForURL(server.quickExitUrl);
    await page.goBack().catch(() => null);
    await page.waitForTimeout(300);
    expect(page.url().startsWith(server.origin), `Back went to ${page.url()}`).toBe(false);
  },
);

suite.test(
  'without JavaScript the quick exit is a plain link to the neutral site',
  async ({ openPage, server, allowRequestsTo }) => {
    allowRequestsTo(new URL(server.quickExitUrl).origin);
    const { page } = await openPage('/', { javaScriptEnabled: false });
    const link = page.getByRole('link', { name: /quick exit/i }).first();
    await expect(link.getAttribute('href')).resolves.toBe(server.quickExitUrl);
    await link.click();
    await page.waitForURL(server.quickExitUrl);
  },
);

suite.test(
  'an anonymous visitor gets no cookie on any public page',
  async ({ openPage, server, allowRequestsTo }) => {
    // Wide screens show the results map (and a service page its own map): tiles are allowed.
    allowRequestsTo(server.tileOrigin);
    const zip = await zipWithServices(server.db);
    const { page, context } = await openPage('/');
    for (const path of ['/safety', searchPath({ near: zip }), await someServicePath(server.db), '/?hl=es']) {
      await page.goto(path);
    }
    await expect(context.cookies()).resolves.toEqual([]);
  },
);

suite.test(
  'choosing Spanish translates the page and only then sets the language cookie',
  async ({ openPage }) => {
    const { page, context } = await openPage('/safety');
    await expect(htmlLang(page)).resolves.toBe('en');
    await expect(context.cookies()).resolves.toEqual([]);

    await page.getByRole('button', { name: /español/i }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'es');
    expect(new URL(page.url()).pathname, 'the switch returns to the same page').toBe('/safety');
    await expectFrame(page, 'es');
    const cookies = await context.cookies();
    expect(cookies.map((cookie) => [cookie.name, cookie.value])).toEqual([['hl', 'es']]);

    // The choice sticks on the next page, and switching back works.
    await page.goto('/');
    await expect(htmlLang(page)).resolves.toBe('es');
    await page.getByRole('button', { name: /english/i }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await expectFrame(page, 'en');
  },
);

suite.test(
  'a ?hl=es deep link shows Spanish without setting a cookie, and keeps Spanish on its links',
  async ({ openPage }) => {
    const { page, context } = await openPage('/?hl=es');
    await expect(htmlLang(page)).resolves.toBe('es');
    await expectFrame(page, 'es');
    await expect(context.cookies()).resolves.toEqual([]);

    await page
      .getByRole('navigation', { name: 'Principal' })
      .getByRole('link', { name: 'Navegar con seguridad' })
      .click();
    await page.waitForURL(/\/safety\?hl=es$/);
    await expect(htmlLang(page)).resolves.toBe('es');
    await expect(context.cookies()).resolves.toEqual([]);
  },
);

suite.test(
  'a Spanish browser gets Spanish pages (Accept-Language), still without a cookie',
  async ({ openPage }) => {
    const { page, context } = await openPage('/', { locale: 'es-US' });
    await expect(htmlLang(page)).resolves.toBe('es');
    await expectFrame(page, 'es');
    await expect(context.cookies()).resolves.toEqual([]);
  },
);

suite.test(
  'the safety page explains private browsing, clearing history and the limits of quick exit',
  async ({ openPage }) => {
    const { page } = await openPage('/safety');
    await expect(page.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
    const text = (await page.locator('main').innerText()).toLowerCase();
    expect(text).toMatch(/private|incognito/);
    expect(text).toMatch(/history/);
    expect(text).toMatch(/quick exit/);
    expect(text).toMatch(/escape/);
    // It says precisely what remains after a quick exit.
    expect(text).toMatch(/one place in the tab’s back list/);
    expect(text).toMatch(/history list\) can still show the pages/);
    expect(text).toMatch(/javascript is turned off/);

    await page.goto('/safety?hl=es');
    const spanish = (await page.locator('main').innerText()).toLowerCase();
    expect(spanish).toMatch(/privad|incógnito/);
    expect(spanish).toMatch(/historial/);
  },
);

suite.test(
  'a malformed search URL gets a 400 page that names the bad setting, not a server error',
  async ({ openPage }) => {
    for (const javaScriptEnabled of [true, false]) {
      const { page } = await openPage('/', { javaScriptEnabled });
      const response = await page.goto('/search?lat=abc');
      expect(response?.status()).toBe(400);
      const main = await page.locator('main').innerText();
      expect(main).toMatch(/not valid|could not understand/i);
      expect(main).toMatch(/latitude/i);
      expect(main).not.toMatch(/something went wrong on our side|\bat\s+\S+\s+\(|stack|TypeError|ZodError/i);
      await expectFrame(page, 'en');
      await expect(
        page.getByLabel('ZIP code or city').isVisible(),
        'a search box to try again',
      ).resolves.toBe(true);
    }
  },
);

suite.test('an unknown page is a friendly 404 in the site frame', async ({ openPage }) => {
  const { page } = await openPage('/');
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.locator('main').innerText()).resolves.toMatch(/could not find that page/i);
  await expectFrame(page, 'en');
});

suite.test(
  'no public page breaks its Content Security Policy or throws a script error',
  async ({ openPage, server, allowRequestsTo }) => {
    allowRequestsTo(server.tileOrigin);
    const zip = await zipWithServices(server.db);
    const paths = ['/', '/?hl=es', '/safety', searchPath({ near: zip }), await someServicePath(server.db)];
    const problems: string[] = [];
    for (const path of paths) {
      const { page, pageErrors } = await openPage(path);
      await page.waitForTimeout(500); // the map chunk and its tiles
      problems.push(...pageErrors.map((error) => `${path}: ${error}`));
    }
    expect(problems).toEqual([]);
  },
);
