/**
 * The listing editor in a real Chromium on each engine (issue 12, journeys 1–5): two people
 * edit the same service in two browsers; the second save is a conflict page that merges both
 * edits; the history page shows the changes in plain words and an owner undoes one. The
 * draggable pin sets the coordinates. In Spanish with JavaScript off, errors show next to their
 * fields and the latitude/longitude fields replace the pin. axe-clean where JavaScript runs.
 * Screenshots for review go to /tmp/shots-editor12/ (phone 390×844 and desktop).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { editorMessages } from '../../app/i18n/messages/editor';
import { loadServiceEditor } from '../../app/listings/editor/service-editor.server';
import { expectNoAxeViolations, useBrowserSuite } from '../helpers/browser';
import { availableEngines } from '../helpers/db';
import { addLocation, createService, tagService } from '../helpers/fixtures';
import { createOrganization, createStaff, signInWithForm } from '../helpers/staff';

const SHOTS = '/tmp/shots-editor12';

async function signInAs(page: Page, locale: 'en' | 'es', email: string) {
  await page.goto(`/staff/sign-in?hl=${locale}`);
  await signInWithForm(page, locale, email);
  await page.waitForURL((url) => url.pathname === '/staff');
}

for (const engine of availableEngines()) {
  describe(`listing editor in the browser [${engine}]`, () => {
    const suite = useBrowserSuite({ file: import.meta.url, engine, seed: false });

    suite.test(
      'en, JavaScript on: two editors, a conflict merged, the history, an undo, the pin',
      async ({ openPage, server }) => {
        mkdirSync(SHOTS, { recursive: true });
        const t = editorMessages.en;
        const org = await createOrganization(server.db, `Casa Segura ${engine}`);
        const serviceId = await createService(server.db, { organizationId: org, name: 'Legal clinic' });
        await tagService(server.db, serviceId, 'haven', 'immigration-relief');
        await addLocation(server.db, serviceId, {
          latitude: 29.7604,
          longitude: -95.3698,
          address: { address1: '1 Main St', city: 'Houston', state: 'TX', postalCode: '77002' },
        });
        await createStaff(server.db, `owner-${engine}@casa.example`, 'owner', org);
        await createStaff(server.db, `editor-${engine}@casa.example`, 'editor', org);

        const a = await openPage('/staff/sign-in');
        const b = await openPage('/staff/sign-in', { viewport: { width: 390, height: 844 } });
        await signInAs(a.page, 'en', `owner-${engine}@casa.example`);
        await signInAs(b.page, 'en', `editor-${engine}@casa.example`);
        const edit = `/staff/services/${serviceId}/edit`;
        await a.page.goto(edit);
        await b.page.goto(edit);
        await a.page.getByLabel(t.name, { exact: true }).waitFor();
        await expectNoAxeViolations(a.page, 'editor (en)');
        await a.page.screenshot({ path: `${SHOTS}/editor-desktop-${engine}.png`, fullPage: true });
        await b.page.screenshot({ path: `${SHOTS}/editor-phone-${engine}.png`, fullPage: false });

        // The pin: dragging it writes the coordinates.
        const pin = a.page.locator('.pin-map .haven-map-pin');
        await pin.waitFor();
        await pin.scrollIntoViewIfNeeded();
        const box = (await pin.boundingBox())!;
        await a.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await a.page.mouse.down();
        await a.page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 8 });
        await a.page.mouse.up();
        await expect.poll(() => a.page.getByLabel(t.latitude).inputValue()).not.toBe('29.7604');
        const dragged = Number(await a.page.getByLabel(t.latitude).inputValue());
        expect(dragged).toBeLessThan(29.7604);

        // The live preview follows the hours being typed.
        await a.page.getByLabel(t.always).check();
        await a.page.getByText(t.previewOpen).waitFor();

        // Person A saves the name (and the pin and hours).
        await a.page.getByLabel(t.name, { exact: true }).fill('Legal clinic and job help');
        await a.page.getByRole('button', { name: t.save }).click();
        await a.page.getByText(t.saved).waitFor();

        // Person B, still on the old version, saves the fees: the conflict page.
        await b.page.getByLabel(t.fees).fill('Free for survivors');
        await b.page.getByRole('button', { name: t.save }).click();
        await b.page.getByRole('heading', { name: t.conflictTitle }).waitFor();
        await expectNoAxeViolations(b.page, 'conflict page (en)');
        await b.page.setViewportSize({ width: 1280, height: 800 });
        await b.page.screenshot({ path: `${SHOTS}/conflict-${engine}.png`, fullPage: true });
        // Their name is in the form (noted beside it), B's fees kept; saving keeps both.
        await expect(b.page.getByLabel(t.name, { exact: true }).inputValue()).resolves.toBe(
          'Legal clinic and job help',
        );
        await expect(b.page.getByLabel(t.fees).inputValue()).resolves.toBe('Free for survivors');
        await b.page.getByRole('button', { name: t.save }).click();
        await b.page.getByText(t.saved).waitFor();
        const after = (await loadServiceEditor(server.db, serviceId))!;
        expect(after.values).toMatchObject({
          name: 'Legal clinic and job help',
          fees: 'Free for survivors',
          location: { latitude: dragged },
        });
        expect(after.values.hours.always).toBe(true);

        // The owner reads the history and undoes the fees change.
        await a.page.getByRole('link', { name: t.historyLink }).click();
        await a.page.getByRole('heading', { level: 1, name: new RegExp(t.historyTitle) }).waitFor();
        await expectNoAxeViolations(a.page, 'history (en)');
        await a.page.screenshot({ path: `${SHOTS}/history-${engine}.png`, fullPage: true });
        await a.page.getByRole('button', { name: t.revert }).first().click();
        await a.page.getByText(t.revertDone).waitFor();
        expect((await loadServiceEditor(server.db, serviceId))!.values.fees).toBe('');
        // The browser logs the conflict's 409 response itself; anything else is a real error.
        const errors = a.pageErrors.concat(b.pageErrors).filter((error) => !error.includes('status of 409'));
        expect(errors).toEqual([]);
      },
      180_000,
    );

    suite.test(
      'es, JavaScript off: errors beside the fields, coordinates typed',
      async ({ openPage, server }) => {
        const t = editorMessages.es;
        const org = await createOrganization(server.db, `Refugio ${engine}`);
        const serviceId = await createService(server.db, { organizationId: org, name: 'Refugio' });
        await createStaff(server.db, `es-${engine}@refugio.example`, 'editor', org);
        const { page } = await openPage('/staff/sign-in', { javaScriptEnabled: false, locale: 'es-US' });
        await signInAs(page, 'es', `es-${engine}@refugio.example`);
        await page.goto(`/staff/services/${serviceId}/edit?hl=es`);
        await page.getByLabel(t.dayMO).fill('9 a 5');
        await page.getByLabel(t.address1, { exact: true }).fill('1 Main St');
        await page.getByLabel(t.postalCode).fill('77002');
        await page.getByLabel(t.latitude).fill('29.75');
        await page.getByRole('button', { name: t.save }).click();
        // Both errors at once, each beside its field; what was typed is kept.
        await page.locator('#field-hours_MO-error', { hasText: t.hoursInvalid }).waitFor();
        await page.locator('#field-longitude-error', { hasText: t.pinIncomplete }).waitFor();
        await expect(page.getByLabel(t.address1, { exact: true }).inputValue()).resolves.toBe('1 Main St');
        await page.getByLabel(t.dayMO).fill('09:00-17:00');
        await page.getByLabel(t.longitude).fill('-95.37');
        await page.getByLabel(t.confidential).check();
        await page.getByRole('button', { name: t.save }).click();
        await page.getByText(t.saved).waitFor();
        // A confidential place: the public sees only the area.
        await page.getByText(t.publicSeesArea.replace('{label}', 'Houston, TX 77002')).waitFor();
        const saved = (await loadServiceEditor(server.db, serviceId))!;
        expect(saved.values.location).toMatchObject({
          latitude: 29.75,
          longitude: -95.37,
          confidential: true,
        });
        expect(saved.values.hours.days.MO).toEqual(['09:00-17:00']);
      },
    );
  });
}
