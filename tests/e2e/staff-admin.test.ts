/**
 * Staff journeys 3 and 4 in a real Chromium (issue 11), on both engines, in English and
 * Spanish, with JavaScript on and off, axe-clean where the page runs JavaScript: an owner
 * signs in with two-factor, invites a teammate from the members page, the teammate sets a
 * password from the emailed link; then an admin finds the new account on the accounts page,
 * ends its sessions, disables and enables it, and changes its role.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { staffMessages } from '../../app/i18n/messages/staff';
import { availableEngines } from '../helpers/db';
import { expectNoAxeViolations, useBrowserSuite } from '../helpers/browser';
import { createOrganization, createStaff, signInWithForm } from '../helpers/staff';

const NEW_PASSWORD = 'copper lantern orchard 88';

async function signInAs(page: Page, locale: 'en' | 'es', email: string) {
  await signInWithForm(page, locale, email);
  await page.getByRole('heading', { level: 1, name: staffMessages[locale].staffHomeTitle }).waitFor();
}

for (const engine of availableEngines()) {
  describe(`staff invitations and accounts [${engine}]`, () => {
    const suite = useBrowserSuite({ file: import.meta.url, engine });

    for (const [locale, javaScriptEnabled] of [
      ['en', true],
      ['es', true],
      ['es', false],
    ] as const) {
      const t = staffMessages[locale];
      const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
      const axe = (page: Page, label: string) =>
        javaScriptEnabled ? expectNoAxeViolations(page, label) : Promise.resolve();
      const journey = `${locale}-${javaScriptEnabled ? 'js' : 'nojs'}`;
      const browserLocale = locale === 'es' ? 'es-US' : 'en-US';

      suite.test(
        `${locale}, ${mode}: an owner invites a teammate who sets a password; an admin manages the account`,
        async ({ openPage, server }) => {
          const organization = `Casa Abierta ${journey}`;
          const orgId = await createOrganization(server.db, organization);
          const owner = `owner-${journey}@casa.example`;
          const admin = `admin-${journey}@haven.example`;
          const invitee = `teammate-${journey}@casa.example`;
          await createStaff(server.db, owner, 'owner', orgId);
          await createStaff(server.db, admin, 'admin');

          // 3. The owner signs in (two-factor) and invites a teammate from the members page.
          const { page } = await openPage(`/staff/sign-in?hl=${locale}`, {
            javaScriptEnabled,
            locale: browserLocale,
          });
          page.setDefaultTimeout(15_000);
          await signInAs(page, locale, owner);
          await page
            .getByRole('link', { name: t.membersLink.replace('{organization}', organization) })
            .click();
          await page
            .getByRole('heading', { level: 1, name: t.membersTitle.replace('{organization}', organization) })
            .waitFor();
          await axe(page, `members (${locale})`);
          // A wrong address first: the form says which field, and keeps what was typed.
          await page.getByLabel(t.inviteEmail).fill('not an address');
          await page.getByRole('button', { name: t.inviteSubmit }).click();
          await page.getByText(t.fieldEmail).first().waitFor();
          await axe(page, `members with an error (${locale})`);
          await page.getByLabel(t.inviteEmail).fill(invitee);
          await page.getByRole('radio', { name: t.roleCaseworker }).check();
          await page.getByRole('button', { name: t.inviteSubmit }).click();
          await page.getByText(t.inviteSent).waitFor();
          await page.getByText(invitee).first().waitFor();
          const mail = await server.db
            .selectFrom('mail_outbox')
            .select(['body', 'locale'])
            .where('recipient', '=', invitee)
            .executeTakeFirstOrThrow();
          expect(mail.locale).toBe(locale);
          const link = new URL(/http:\/\/\S+\/invitations\/[A-Za-z0-9_-]{43}/.exec(mail.body)![0]);

          // The teammate opens the link in their own browser and sets a password.
          const teammate = await openPage(`${link.pathname}?hl=${locale}`, {
            javaScriptEnabled,
            locale: browserLocale,
          });
          const tp = teammate.page;
          tp.setDefaultTimeout(15_000);
          await tp.getByRole('heading', { level: 1, name: t.invitationTitle }).waitFor();
          await tp.getByText(organization).first().waitFor();
          await axe(tp, `invitation (${locale})`);
          await tp.getByLabel(t.contactName).fill('Tomás Compañero');
          await tp.getByLabel(t.newPassword).fill('Password1234!');
          await tp.getByRole('button', { name: t.invitationCreate }).click();
          await tp.getByText(t.passwordWeak).first().waitFor();
          await axe(tp, `invitation with an error (${locale})`);
          await tp.getByLabel(t.newPassword).fill(NEW_PASSWORD);
          await tp.getByRole('button', { name: t.invitationCreate }).click();
          await tp.getByRole('heading', { level: 1, name: t.staffHomeTitle }).waitFor();
          await tp.getByRole('heading', { level: 3, name: organization }).waitFor();

          // 4. The admin finds the account, ends its sessions, disables, enables, changes the role.
          const adminPage = (
            await openPage(`/staff/sign-in?hl=${locale}`, { javaScriptEnabled, locale: browserLocale })
          ).page;
          adminPage.setDefaultTimeout(15_000);
          await signInAs(adminPage, locale, admin);
          await adminPage
            .getByRole('navigation', { name: t.staffNav })
            .getByRole('link', { name: t.manageAccounts })
            .click();
          await adminPage.getByRole('heading', { level: 1, name: t.accountsTitle }).waitFor();
          await axe(adminPage, `accounts (${locale})`);
          await adminPage.getByLabel(t.accountsSearch).fill(invitee);
          await adminPage.getByRole('button', { name: t.accountsSearchSubmit }).click();
          await adminPage.waitForURL((url) => url.searchParams.get('q') === invitee);
          const card = adminPage.getByRole('article', { name: invitee });
          await card.waitFor();
          await expect(adminPage.getByRole('article').count()).resolves.toBe(1);
          const account = () =>
            server.db
              .selectFrom('account')
              .select(['id', 'status'])
              .where('email', '=', invitee)
              .executeTakeFirstOrThrow();
          const sessions = async () =>
            (
              await server.db
                .selectFrom('session')
                .select('id')
                .where('account_id', '=', (await account()).id)
                .execute()
            ).length;
          expect(await sessions()).toBe(1);
          await card.getByRole('button', { name: t.forceSignOut }).click();
          await adminPage.getByText(t.accountSignedOut).waitFor();
          expect(await sessions()).toBe(0);
          await adminPage
            .getByRole('article', { name: invitee })
            .getByRole('button', { name: t.disableAccount })
            .click();
          await adminPage.getByText(t.accountDisabled).waitFor();
          expect((await account()).status).toBe('disabled');
          await axe(adminPage, `accounts after a change (${locale})`);
          await adminPage
            .getByRole('article', { name: invitee })
            .getByRole('button', { name: t.enableAccount })
            .click();
          await adminPage.getByText(t.accountEnabled).waitFor();
          expect((await account()).status).toBe('active');
          const roleCard = adminPage.getByRole('article', { name: invitee });
          await roleCard.getByLabel(t.roleIn.replace('{organization}', organization)).selectOption('editor');
          await roleCard.getByRole('button', { name: t.saveRole }).click();
          await adminPage.getByText(t.accountRoleChanged).waitFor();
          const membership = await server.db
            .selectFrom('membership')
            .select('role')
            .where('account_id', '=', (await account()).id)
            .executeTakeFirstOrThrow();
          expect(membership.role).toBe('editor');
          // The teammate's browser was signed out by all this.
          await tp.goto('/staff');
          await tp.waitForURL((url) => url.pathname === '/staff/sign-in');
          const audit = await server.db
            .selectFrom('audit_event')
            .select('action')
            .where('entity_id', '=', (await account()).id)
            .execute();
          expect(audit.map((row) => row.action)).toEqual(
            expect.arrayContaining([
              'account.create',
              'account.sessions_revoked',
              'account.disable',
              'account.enable',
              'membership.role_change',
            ]),
          );
        },
        150_000,
      );
    }
  });
}
