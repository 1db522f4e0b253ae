/**
 * Public corrections in a real Chromium (issue 12, journey 7), on both engines, in English and
 * Spanish, with JavaScript on and off, axe-clean where the page runs JavaScript: a visitor
 * reports a wrong phone from the service page (a missing choice is named next to the field),
 * gets the neutral confirmation; the organization's owner signs in, finds it from the staff
 * home, is told a dismissal needs a reason, dismisses with one, and accepts another report,
 * which opens the service editor with the correction.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { submitCorrection } from '../../app/corrections/corrections.server';
import { correctionMessages } from '../../app/i18n/messages/corrections';
import { listingMessages } from '../../app/i18n/messages/listing';
import { staffMessages } from '../../app/i18n/messages/staff';
import { availableEngines } from '../helpers/db';
import { expectNoAxeViolations, useBrowserSuite } from '../helpers/browser';
import { createService } from '../helpers/fixtures';
import { createOrganization, createStaff, signInWithForm } from '../helpers/staff';

const SHOTS = process.env.HAVEN_SHOTS_DIR;

const signInAs = (page: Page, locale: 'en' | 'es', email: string) => signInWithForm(page, locale, email);

for (const engine of availableEngines()) {
  describe(`public corrections [${engine}]`, () => {
    const suite = useBrowserSuite({ file: import.meta.url, engine, seed: false });

    for (const [locale, javaScriptEnabled] of [
      ['en', true],
      ['es', true],
      ['es', false],
    ] as const) {
      const t = correctionMessages[locale];
      const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
      const axe = (page: Page, label: string) =>
        javaScriptEnabled ? expectNoAxeViolations(page, `${label} (${locale}, ${mode})`) : Promise.resolve();
      const shot = async (page: Page, name: string) => {
        if (SHOTS)
          await page.screenshot({
            path: `${SHOTS}/${engine}-${locale}-${javaScriptEnabled ? 'js' : 'nojs'}-${name}.png`,
            fullPage: true,
          });
      };

      suite.test(
        `${locale}, ${mode}: report a wrong phone, then the owner dismisses and accepts in /staff/corrections`,
        async ({ openPage, server }) => {
          const journey = `${locale}-${javaScriptEnabled ? 'js' : 'nojs'}`;
          const organizationId = await createOrganization(server.db, `Casa Amiga ${journey}`);
          const serviceId = await createService(server.db, {
            organizationId,
            name: `Legal clinic ${journey}`,
          });
          const owner = `owner-${journey}@casa-amiga.example`;
          await createStaff(server.db, owner, 'owner', organizationId);

          // 1. The visitor, from the service page.
          const { page } = await openPage(`/services/${serviceId}?hl=${locale}`, {
            javaScriptEnabled,
            locale: locale === 'es' ? 'es-US' : 'en-US',
          });
          page.setDefaultTimeout(15_000);
          await page.getByRole('link', { name: listingMessages[locale].report }).click();
          await page.waitForURL((url) => url.pathname === `/services/${serviceId}/report`);
          await page.getByRole('heading', { level: 1, name: t.reportTitle }).waitFor();
          await axe(page, 'report form');
          // Nothing chosen: the form names the field.
          await page.getByRole('button', { name: t.reportSubmit }).click();
          await page.getByText(t.kindRequired).first().waitFor();
          await axe(page, 'report form with errors');
          await shot(page, 'report-errors');
          await page.getByLabel(t.kindPhone).check();
          await page.getByLabel(t.noteLabel).fill('The right number is 713-555-0199');
          await page.getByRole('button', { name: t.reportSubmit }).click();
          await page.getByText(t.reportThanks).waitFor();
          await axe(page, 'report sent');
          await shot(page, 'report-sent');
          const stored = await server.db
            .selectFrom('suggestion')
            .select(['id', 'kind', 'body', 'status'])
            .where('service_id', '=', serviceId)
            .executeTakeFirstOrThrow();
          expect(stored).toMatchObject({
            kind: 'phone',
            body: 'The right number is 713-555-0199',
            status: 'open',
          });

          // 2. The owner signs in and finds it from the staff home.
          await page.goto(`/staff/sign-in?hl=${locale}`);
          await signInAs(page, locale, owner);
          await page.getByRole('heading', { level: 1, name: staffMessages[locale].staffHomeTitle }).waitFor();
          await page.getByRole('link', { name: t.correctionsLink.replace('{count}', '1') }).click();
          await page.waitForURL((url) => url.pathname === '/staff/corrections');
          const card = page.getByRole('article', { name: new RegExp(`Legal clinic ${journey}`) });
          await card.getByText('The right number is 713-555-0199').waitFor();
          await axe(page, '/staff/corrections');
          await shot(page, 'queue');

          // Dismissing without a reason is refused next to the field; with one it is done.
          await card.getByRole('button', { name: t.dismiss }).click();
          await page.getByText(t.reasonRequired).first().waitFor();
          await axe(page, '/staff/corrections with an error');
          await page
            .getByRole('article', { name: new RegExp(`Legal clinic ${journey}`) })
            .getByLabel(t.reasonLabel)
            .fill('We called: the number works.');
          await page
            .getByRole('article', { name: new RegExp(`Legal clinic ${journey}`) })
            .getByRole('button', { name: t.dismiss })
            .click();
          await page.getByText(t.decisionDismissed).waitFor();
          await page.getByText(t.queueEmpty).waitFor();
          const dismissed = await server.db
            .selectFrom('suggestion')
            .select(['status', 'decision_reason'])
            .where('id', '=', stored.id)
            .executeTakeFirstOrThrow();
          expect(dismissed).toEqual({ status: 'dismissed', decision_reason: 'We called: the number works.' });

          // Another report: accepting opens the editor with the correction.
          await submitCorrection(server.db, { serviceId, kind: 'moved', note: 'Now at 200 Main St' });
          await page.goto(`/staff/corrections?hl=${locale}`);
          const second = await server.db
            .selectFrom('suggestion')
            .select('id')
            .where('service_id', '=', serviceId)
            .where('status', '=', 'open')
            .executeTakeFirstOrThrow();
          await page
            .getByRole('article', { name: new RegExp(`Legal clinic ${journey}`) })
            .getByRole('button', { name: t.accept })
            .click();
          await page.waitForURL(
            (url) =>
              url.pathname === `/staff/services/${serviceId}/edit` &&
              url.searchParams.get('correction') === second.id,
          );
          // The editor shows the reported text beside the field it is about.
          await expect
            .poll(() => page.locator('.field-note').allTextContents())
            .toContainEqual(expect.stringContaining('Now at 200 Main St'));
          const events = await server.db
            .selectFrom('audit_event')
            .select('action')
            .where('entity_id', 'in', [stored.id, second.id])
            .orderBy('id')
            .execute();
          expect(events.map((event) => event.action)).toEqual(['correction.dismiss', 'correction.accept']);
        },
        120_000,
      );
    }
  });
}
