/**
 * Issue 13, journeys 1–3 in a real Chromium, on both engines, in English and Spanish, with
 * JavaScript on and off, axe-clean where JavaScript runs: a caseworker signs in, creates a
 * shortlist, runs the client-fit search, adds two results, reorders them and writes a note,
 * opens the handout in the client's language, downloads the PDF (read back with pdftotext and
 * rendered to PNG with pdftoppm for a look), and copies the text.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { caseworkMessages, handoutMessages } from '../../app/i18n/messages/casework';
import { staffMessages } from '../../app/i18n/messages/staff';
import { expectNoAxeViolations, useBrowserSuite } from '../helpers/browser';
import { availableEngines } from '../helpers/db';
import { zipWithServices } from '../helpers/demo-data';
import { createOrganization, createStaff, STAFF_PASSWORD } from '../helpers/staff';

const SHOTS = process.env.HAVEN_SHOTS_DIR ?? '/tmp/shots-casework13';

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

for (const engine of availableEngines()) {
  describe(`caseworker journeys [${engine}]`, () => {
    const suite = useBrowserSuite({ file: import.meta.url, engine });

    for (const [locale, javaScriptEnabled] of [
      ['en', true],
      ['es', true],
      ['es', false],
    ] as const) {
      const t = caseworkMessages[locale];
      const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
      const axe = (page: Page, label: string) =>
        javaScriptEnabled ? expectNoAxeViolations(page, `${label} (${locale})`) : Promise.resolve();
      // The handout goes out in the other language than the caseworker's screens.
      const handoutLocale = locale === 'en' ? 'es' : 'en';
      const h = handoutMessages[handoutLocale];

      suite.test(
        `${locale}, ${mode}: search → shortlist → reorder and note → handout, PDF and text`,
        async ({ openPage, server }) => {
          const journey = `${locale}-${javaScriptEnabled ? 'js' : 'nojs'}`;
          const agency = await createOrganization(server.db, `Agency ${journey}`);
          const email = `cw-${journey}@agency.example`;
          await createStaff(server.db, email, 'caseworker', agency);
          const zip = await zipWithServices(server.db);
          const shots = path.join(SHOTS, engine);
          mkdirSync(shots, { recursive: true });

          const { page } = await openPage(`/staff/sign-in?hl=${locale}`, {
            javaScriptEnabled,
            locale: locale === 'es' ? 'es-US' : 'en-US',
          });
          page.setDefaultTimeout(15_000);
          const s = staffMessages[locale];
          await page.getByLabel(s.email, { exact: true }).fill(email);
          await page.getByLabel(s.password, { exact: true }).fill(STAFF_PASSWORD);
          await page.getByRole('button', { name: s.signIn }).click();
          await page.getByRole('heading', { level: 1, name: s.staffHomeTitle }).waitFor();

          // A shortlist named by an alias.
          await page.getByRole('link', { name: t.navShortlists }).first().click();
          await page.getByRole('heading', { level: 1, name: t.shortlistsTitle }).waitFor();
          await axe(page, '/staff/shortlists');
          const listName = `Maria ${journey} — legal + housing`;
          await page.getByLabel(t.shortlistName).fill(listName);
          await page.getByRole('button', { name: t.create }).click();
          await page.getByRole('heading', { level: 1, name: listName }).waitFor();

          // 1. Client-fit search: the public form, plus the folded-away facts.
          await page.getByRole('link', { name: t.navSearch }).first().click();
          await page.getByRole('heading', { level: 1, name: t.searchTitle }).waitFor();
          await page.getByRole('search').getByRole('textbox').first().fill(zip);
          await page.getByRole('search').getByRole('button').first().click();
          await page.waitForURL(
            (url) => url.pathname === '/staff/search' && url.searchParams.get('near') === zip,
          );
          const results = page
            .getByRole('list', { name: /./ })
            .filter({ has: page.locator('.casework-fit') });
          await results.first().waitFor();
          await expect(page.getByText(t.eligibility, { exact: true }).count()).resolves.toBeGreaterThan(0);
          await expect(page.getByText(t.documents, { exact: true }).count()).resolves.toBeGreaterThan(0);
          await axe(page, '/staff/search');
          const items = results.first().locator(':scope > li');
          const names: string[] = [];
          for (const index of [0, 1]) {
            const item = items.nth(index);
            const name = (await item.locator('h3').first().innerText()).trim();
            names.push(name);
            await item.getByRole('button', { name: t.addToShortlist }).click();
            await page.getByText(fill(t.added, { service: name, list: listName })).waitFor();
          }
          await page.screenshot({ path: path.join(shots, `search-${journey}.png`) });
          await items.first().screenshot({ path: path.join(shots, `search-result-${journey}.png`) });

          // 2. The shortlist: reorder with buttons, a note per item.
          await page.getByRole('link', { name: t.navShortlists }).first().click();
          await page.getByRole('link', { name: listName }).click();
          await page.getByRole('heading', { level: 1, name: listName }).waitFor();
          const order = () => page.locator('.shortlist-items > li h3').allInnerTexts();
          // A form post: a new page without JavaScript, a fetch and revalidation with it.
          const submit = async (button: Locator) => {
            if (!javaScriptEnabled)
              return void (await Promise.all([page.waitForEvent('load'), button.click()]));
            await button.click();
            await page.waitForLoadState('networkidle');
          };
          await expect(order()).resolves.toEqual(names);
          await submit(page.getByRole('button', { name: fill(t.moveDown, { service: names[0]! }) }));
          await expect.poll(order, { timeout: 10_000 }).toEqual([names[1], names[0]]);
          const note = page.getByLabel(fill(t.note, { service: names[0]! }));
          await note.fill('Call first; ask for intake');
          await submit(note.locator('xpath=ancestor::form').getByRole('button', { name: t.saveNote }));
          const savedNote = () =>
            server.db
              .selectFrom('shortlist_item as i')
              .innerJoin('shortlist as l', 'l.id', 'i.shortlist_id')
              .innerJoin('service as s', 's.id', 'i.service_id')
              .select('i.note')
              .where('l.name', '=', listName)
              .where('s.name', '=', names[0]!)
              .executeTakeFirst()
              .then((row) => row?.note);
          await expect.poll(savedNote, { timeout: 10_000 }).toBe('Call first; ask for intake');
          await expect(page.getByLabel(fill(t.note, { service: names[0]! })).inputValue()).resolves.toBe(
            'Call first; ask for intake',
          );
          // The handout language, per handout.
          await page.getByLabel(t.handoutLanguage).selectOption(handoutLocale);
          await submit(page.getByRole('button', { name: t.saveLanguage }));
          await expect
            .poll(async () => (await page.locator('a[download]').getAttribute('href')) ?? '', {
              timeout: 10_000,
            })
            .toContain(`lang=${handoutLocale}`);
          await axe(page, '/staff/shortlists/<id>');
          if (javaScriptEnabled) {
            await page.screenshot({
              path: path.join(shots, `shortlist-${journey}-desktop.png`),
              fullPage: true,
            });
            await page.setViewportSize({ width: 390, height: 844 });
            await page.screenshot({
              path: path.join(shots, `shortlist-${journey}-phone.png`),
              fullPage: true,
            });
            await page.setViewportSize({ width: 1280, height: 800 });
          }

          // 3. The handout: in the client's language, no notes, no list name.
          await page.getByRole('link', { name: t.openHandout }).click();
          await page.getByRole('heading', { name: h.title }).waitFor();
          const sheet = page.locator('article.handout');
          await expect(sheet.getAttribute('lang')).resolves.toBe(handoutLocale);
          const sheetText = await sheet.innerText();
          expect(sheetText).toContain(names[0]);
          expect(sheetText).toContain(names[1]);
          expect(sheetText).toContain(h.hotlineTitle);
          expect(sheetText).not.toContain('Call first; ask for intake');
          expect(sheetText).not.toContain(listName);
          await expect(sheet.locator('a').count()).resolves.toBe(0);
          await axe(page, '/staff/shortlists/<id>/handout');
          if (javaScriptEnabled) {
            await page.emulateMedia({ media: 'print' });
            await page.screenshot({ path: path.join(shots, `handout-print-${journey}.png`), fullPage: true });
            await page.emulateMedia({ media: 'screen' });
          }

          // Copy as text: selectable without JavaScript, a button with it.
          const textarea = page.getByLabel(t.copyLabel);
          const copyText = await textarea.inputValue();
          expect(copyText.startsWith(h.title)).toBe(true);
          expect(copyText).toContain(`1. ${names[1]}`);
          expect(copyText).toContain(`2. ${names[0]}`);
          expect(copyText).not.toContain('Call first');
          if (javaScriptEnabled) {
            await page.getByRole('button', { name: t.copy }).click();
            await page.getByText(t.copied).waitFor();
          } else {
            await expect(page.getByRole('button', { name: t.copy }).count()).resolves.toBe(0);
          }

          // The PDF download, read back and rendered for a look.
          const [download] = await Promise.all([
            page.waitForEvent('download'),
            page.getByRole('link', { name: t.downloadPdf }).click(),
          ]);
          expect(download.suggestedFilename()).toBe(`handout-${handoutLocale}.pdf`);
          const pdfPath = path.join(shots, `handout-${journey}.pdf`);
          await download.saveAs(pdfPath);
          const pdfText = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
          expect(pdfText).toContain(h.title);
          expect(pdfText).toContain(names[0]);
          expect(pdfText).toContain(h.hotlineTitle);
          expect(pdfText).not.toContain('Call first');
          execFileSync('pdftoppm', [
            '-png',
            '-r',
            '60',
            '-f',
            '1',
            '-l',
            '2',
            pdfPath,
            pdfPath.replace(/\.pdf$/, ''),
          ]);
        },
        150_000,
      );
    }
  });
}
