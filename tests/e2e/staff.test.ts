/**
 * The staff journeys in a real Chromium (issue 11), on both engines, in English and Spanish,
 * with JavaScript on and off, axe-clean (checked in both languages with JavaScript on): "List your organization" from the footer, the admin
 * signs in, verifies it from the queue (likely duplicates shown), and signs out.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { staffMessages } from '../../app/i18n/messages/staff';
import { layoutMessages } from '../../app/i18n/messages/layout';
import { availableEngines } from '../helpers/db';
import { expectNoAxeViolations, useBrowserSuite } from '../helpers/browser';
import { completeTwoFactor, createStaff, STAFF_PASSWORD } from '../helpers/staff';

const ADMIN = 'admin@haven.example';

async function signInAs(page: Page, locale: 'en' | 'es', email: string, password: string) {
  const t = staffMessages[locale];
  await page.getByLabel(t.email, { exact: true }).fill(email);
  await page.getByLabel(t.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: t.signIn }).click();
}

for (const engine of availableEngines()) {
  describe(`staff journeys [${engine}]`, () => {
    const suite = useBrowserSuite({ file: import.meta.url, engine });

    for (const [locale, javaScriptEnabled] of [
      ['en', true],
      ['es', true],
      ['es', false],
    ] as const) {
      const t = staffMessages[locale];
      const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
      // axe-core runs inside the page, so it runs where the page has JavaScript.
      const axe = (page: Page, label: string) =>
        javaScriptEnabled ? expectNoAxeViolations(page, label) : Promise.resolve();

      suite.test(
        `${locale}, ${mode}: list an organization, the admin verifies it, signs out`,
        async ({ openPage, server }) => {
          const admin = `${locale}-${javaScriptEnabled ? 'js' : 'nojs'}-${ADMIN}`;
          await createStaff(server.db, admin, 'admin');
          const name = `Refugio Esperanza ${locale} ${javaScriptEnabled ? 'js' : 'nojs'}`;
          const owner = `owner-${locale}-${javaScriptEnabled}@refugio.example`;

          // 1. "List your organization", from the footer.
          const { page } = await openPage(`/?hl=${locale}`, {
            javaScriptEnabled,
            locale: locale === 'es' ? 'es-US' : 'en-US',
          });
          page.setDefaultTimeout(15_000);
          await page.getByRole('link', { name: layoutMessages[locale].footerJoin }).click();
          await page.waitForURL((url) => url.pathname === '/join');
          await page.getByRole('heading', { level: 1, name: t.joinTitle }).waitFor();
          await axe(page, `/join (${locale})`);
          await page.getByLabel(t.organizationName).fill(name);
          // Each journey is a different organization (its own website and phone); likely
          // duplicates are tested in tests/staff/join.test.ts.
          const journey = `${locale}-${javaScriptEnabled ? 'js' : 'nojs'}`;
          await page.getByLabel(t.website).fill(`https://refugio-${journey}.example`);
          await page.getByLabel(t.contactName).fill('Ana Pérez');
          await page.getByLabel(t.email, { exact: true }).fill(owner);
          await page.getByLabel(t.phone).fill(`+1 713 555 01${{ 'en-js': 99, 'es-js': 98 }[journey] ?? 97}`);
          await page.getByLabel('Legal help').or(page.getByLabel('Ayuda legal')).check();
          await page.getByLabel(t.serviceArea).fill('Houston, TX');
          await page.getByLabel(t.statement).fill('Shelter and legal help for survivors.');
          // A weak password first: the form says why, keeps what was typed, and forgets the password.
          await page.getByLabel(t.newPassword).fill('Password1234!');
          await page.getByRole('button', { name: t.joinSubmit }).click();
          await page.getByText(t.passwordWeak).first().waitFor();
          await expect(page.getByLabel(t.organizationName).inputValue()).resolves.toBe(name);
          // The server never sends the password back (with JavaScript the browser keeps its field).
          if (!javaScriptEnabled) await expect(page.getByLabel(t.newPassword).inputValue()).resolves.toBe('');
          await axe(page, `/join with errors (${locale})`);
          await page.getByLabel(t.newPassword).fill(STAFF_PASSWORD);
          await page.getByRole('button', { name: t.joinSubmit }).click();
          await page.getByRole('heading', { name: t.joinSentTitle }).waitFor();
          const mail = await server.db
            .selectFrom('mail_outbox')
            .select(['subject', 'locale'])
            .where('recipient', '=', owner)
            .executeTakeFirstOrThrow();
          expect(mail.locale).toBe(locale);

          // 3. The admin signs in: a wrong password first, then the right one.
          await page.goto(`/staff/sign-in?hl=${locale}`);
          await axe(page, `/staff/sign-in (${locale})`);
          await signInAs(page, locale, admin, 'not the password at all');
          await page.getByText(t.signInInvalid).waitFor();
          await signInAs(page, locale, admin, STAFF_PASSWORD);
          // Admins must use two-factor sign-in: the code step comes next.
          await page.getByRole('heading', { level: 1, name: t.twoFactorTitle }).waitFor();
          await axe(page, `/staff/two-factor (${locale})`);
          await completeTwoFactor(page, locale, admin);
          await page.getByRole('heading', { level: 1, name: t.staffHomeTitle }).waitFor();
          await axe(page, `/staff (${locale})`);

          // 2. The verification queue: verify with the checklist.
          await page
            .getByRole('link', { name: new RegExp(t.pendingOrganizations.replace('{count}', '\\d+')) })
            .click();
          await page.waitForURL((url) => url.pathname === '/staff/admin/organizations');
          const card = page.getByRole('article', { name });
          await card.waitFor();
          await axe(page, `/staff/admin/organizations (${locale})`);
          await card.getByLabel(t.checkWebsite).check();
          await card.getByLabel(t.checkPhone).check();
          await card.getByLabel(t.checkDuplicate).check();
          await card.getByRole('button', { name: t.verify }).click();
          await page.getByText(t.decisionVerify).waitFor();
          const organization = await server.db
            .selectFrom('organization')
            .select('verification_status')
            .where('name', '=', name)
            .executeTakeFirstOrThrow();
          expect(organization.verification_status).toBe('verified');

          // Sign out: the staff home is closed again.
          await page.getByRole('button', { name: t.signOut }).click();
          await page.waitForURL((url) => url.pathname === '/staff/sign-in');
          await page.goto('/staff');
          await page.waitForURL((url) => url.pathname === '/staff/sign-in');
        },
        120_000,
      );
    }
  });
}
