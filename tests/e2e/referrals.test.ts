/**
 * The referral loop in a real Chromium (issue 13), on both engines: a caseworker sends a
 * referral with consent, the receiving organization (a second signed-in browser context)
 * accepts it, records the contact and writes a message, and the caseworker sees it all on the
 * timeline. English with JavaScript, Spanish without; axe-clean where the page runs scripts.
 * With REFERRAL_SHOTS=<dir>, the caseworker's timeline is saved as a phone screenshot there.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { referralMessages } from '../../app/i18n/messages/referrals';
import { staffMessages } from '../../app/i18n/messages/staff';
import { expectNoAxeViolations, useBrowserSuite } from '../helpers/browser';
import { availableEngines } from '../helpers/db';
import { createOrganization, createStaff, signInWithForm } from '../helpers/staff';

const KEY = randomBytes(32).toString('base64');

async function signIn(page: Page, locale: 'en' | 'es', email: string) {
  await page.goto(`/staff/sign-in?hl=${locale}`);
  await signInWithForm(page, locale, email);
  await page.getByRole('heading', { level: 1, name: staffMessages[locale].staffHomeTitle }).waitFor();
}

for (const engine of availableEngines()) {
  describe(`referral loop [${engine}]`, () => {
    const suite = useBrowserSuite({
      file: import.meta.url,
      engine,
      seed: false,
      env: { DATA_ENCRYPTION_KEY: KEY },
    });

    for (const [locale, javaScriptEnabled] of [
      ['en', true],
      ['es', false],
    ] as const) {
      const t = referralMessages[locale];
      const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
      const axe = (page: Page, label: string) =>
        javaScriptEnabled ? expectNoAxeViolations(page, `${label} (${locale})`) : Promise.resolve();

      suite.test(
        `${locale}, ${mode}: caseworker sends, the organization accepts and updates, the caseworker sees the timeline`,
        async ({ openPage, server }) => {
          const run = `${locale}-${javaScriptEnabled ? 'js' : 'nojs'}`;
          const agency = await createOrganization(server.db, `Agency ${run}`);
          const shelter = await createOrganization(server.db, `Casa Segura ${run}`);
          const caseworker = `cw-${run}@agency.test`;
          const editor = `editor-${run}@shelter.test`;
          await createStaff(server.db, caseworker, 'caseworker', agency);
          await createStaff(server.db, editor, 'editor', shelter);
          const service = await server.db
            .insertInto('service')
            .values({ organization_id: shelter, name: `Legal clinic ${run}` })
            .returning('id')
            .executeTakeFirstOrThrow();
          const options = { javaScriptEnabled, locale: locale === 'es' ? 'es-US' : 'en-US' };

          // 1. The caseworker opens the form from the service, forgets consent, then sends.
          const sender = (await openPage(`/staff/sign-in?hl=${locale}`, options)).page;
          sender.setDefaultTimeout(15_000);
          await signIn(sender, locale, caseworker);
          await sender.goto(`/staff/referrals/new?service=${service.id}&hl=${locale}`);
          await sender.getByRole('heading', { level: 1, name: t.newTitle }).waitFor();
          await expect(sender.getByText(t.consentText).isVisible()).resolves.toBe(true);
          await axe(sender, 'referral form');
          await sender.getByLabel(t.clientReference).fill(`Case ${run}`);
          await sender.getByLabel(t.clientContact).fill('+1 713 555 0142, after 5 pm');
          await sender.getByLabel(t.clientLanguage).selectOption('es');
          await sender.getByLabel(t.notes).fill('Needs an immigration consultation.');
          await sender.getByRole('button', { name: t.send }).click();
          await sender.getByText(t.consentRequired).first().waitFor();
          await expect(sender.getByLabel(t.clientReference).inputValue()).resolves.toBe(`Case ${run}`);
          await axe(sender, 'referral form with errors');
          await sender.getByLabel(t.consent).check();
          await sender.getByRole('button', { name: t.send }).click();
          await sender
            .getByRole('heading', {
              level: 1,
              name: t.referralTo.replace('{service}', `Legal clinic ${run}`),
            })
            .waitFor();
          await sender.getByText(t.sentNotice).waitFor();
          expect(sender.url()).not.toContain('Case');
          await expect(sender.title()).resolves.not.toContain('Case');

          // 2. The organization, in its own browser context, finds it in its inbox and answers.
          const receiver = (await openPage(`/staff/sign-in?hl=${locale}`, options)).page;
          receiver.setDefaultTimeout(15_000);
          await signIn(receiver, locale, editor);
          await receiver.goto(`/staff/referrals?box=received&hl=${locale}`);
          await receiver.getByRole('heading', { level: 1, name: t.receivedTitle }).waitFor();
          await axe(receiver, 'received referrals');
          await receiver.getByRole('link', { name: `Legal clinic ${run}` }).click();
          await receiver.getByText(`Case ${run}`).waitFor();
          await axe(receiver, 'referral, receiving side');
          await receiver.getByLabel(t.newStatus).selectOption('accepted');
          await receiver.getByRole('button', { name: t.update }).click();
          await receiver.getByText(t.updated).waitFor();
          await receiver.getByLabel(t.newStatus).selectOption('contacted');
          await receiver.getByRole('button', { name: t.update }).click();
          await receiver.locator('.timeline').getByText(t.status_contacted).waitFor();
          await receiver
            .getByLabel(t.messageLabel, { exact: true })
            .fill('We called; first appointment on Monday.');
          await receiver.getByRole('button', { name: t.sendMessage }).click();
          await receiver.getByText(t.messageSent).waitFor();

          // 3. The caseworker sees every step, with its time, and answers.
          await sender.reload();
          const timeline = sender.locator('.timeline');
          for (const step of [t.status_sent, t.status_accepted, t.status_contacted, t.messageEntry])
            await timeline.getByText(step, { exact: true }).first().waitFor();
          await timeline.getByText('We called; first appointment on Monday.').waitFor();
          await expect(timeline.locator('time').count()).resolves.toBe(4);
          await axe(sender, 'referral timeline, sending side');
          await sender.getByLabel(t.messageLabel, { exact: true }).fill('Thank you, she will be there.');
          await sender.getByRole('button', { name: t.sendMessage }).click();
          await sender.getByText(t.messageSent).waitFor();
          await timeline.getByText('Thank you, she will be there.').waitFor();

          const mail = await server.db
            .selectFrom('mail_outbox')
            .select(['recipient', 'body'])
            .where('recipient', 'in', [caseworker, editor])
            .execute();
          expect(mail.length).toBe(5); // received; accepted, contacted, message; message
          expect(JSON.stringify(mail)).not.toContain(`Case ${run}`);

          const shots = process.env.REFERRAL_SHOTS;
          if (shots) {
            mkdirSync(shots, { recursive: true });
            await sender.setViewportSize({ width: 390, height: 844 });
            await sender.screenshot({
              path: path.join(shots, `timeline-${engine}-${run}.png`),
              fullPage: true,
            });
            await receiver.setViewportSize({ width: 390, height: 844 });
            await receiver.screenshot({
              path: path.join(shots, `receiver-${engine}-${run}.png`),
              fullPage: true,
            });
          }
        },
        180_000,
      );
    }
  });
}
