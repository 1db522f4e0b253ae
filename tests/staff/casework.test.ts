/**
 * Issue 13, journeys 1–3 over real HTTP on both engines: client-fit search (the public search's
 * results, plus what the public card folds away and who takes referrals through Haven),
 * shortlists (create, add, reorder, note, share, delete — another caseworker or agency gets
 * 404), and the handout (print page, PDF read back with pdftotext, copy-as-text) — public
 * addresses only, no notes, no list name.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { addLocation, createService } from '../helpers/fixtures';
import { createOrganization, createStaff, postForm, signIn } from '../helpers/staff';

const SECRET_STREET = '17 Hidden Lane';

const serviceIdsIn = (html: string) =>
  [...html.matchAll(/<article[^>]* id="result-([0-9a-f-]{36})"/g)].map((m) => m[1]);

describeEachEngine('caseworkers: client-fit search, shortlists, handouts', (t) => {
  let app: RunningApp;
  const ids = { agency: '', other: '', provider: '', legal: '', shelter: '', hidden: '' };
  const cookies: Record<string, string> = {};

  async function get(who: string, pathname: string) {
    return fetch(`${app.baseUrl}${pathname}`, { redirect: 'manual', headers: { Cookie: cookies[who]! } });
  }
  const post = (who: string, pathname: string, fields: Record<string, string>) =>
    postForm(`${app.baseUrl}${pathname}`, fields, cookies[who]);

  beforeAll(async () => {
    app = await startTestApp(t.db);
    const db = t.db;
    ids.agency = await createOrganization(db, 'Northside Survivor Agency');
    ids.other = await createOrganization(db, 'Eastside Agency');
    ids.provider = await createOrganization(db, 'Harbor Legal Aid');
    await createStaff(db, 'owner@agency.example', 'owner', ids.agency);
    await createStaff(db, 'cw1@agency.example', 'caseworker', ids.agency);
    await createStaff(db, 'cw2@agency.example', 'caseworker', ids.agency);
    await createStaff(db, 'cw@other.example', 'caseworker', ids.other);
    // The provider has an active editor: it accepts referrals through Haven.
    await createStaff(db, 'editor@harbor.example', 'editor', ids.provider);

    ids.legal = await createService(db, { organizationId: ids.provider, name: 'Immigration legal clinic' });
    await db
      .updateTable('service')
      .set({
        eligibility_description: 'Survivors of labor or sex trafficking',
        minimum_age: 18,
        application_process: 'Call the intake line; a screening takes 20 minutes',
        wait_time: 'About two weeks',
      })
      .where('id', '=', ids.legal)
      .execute();
    await addLocation(db, ids.legal, {
      latitude: 29.7604,
      longitude: -95.3698,
      address: { address1: '500 Main Street', city: 'Houston', state: 'TX', postalCode: '77002' },
    });
    await db
      .insertInto('phone')
      .values({ service_id: ids.legal, number: '713-555-0142', type: 'voice' })
      .execute();
    await db
      .insertInto('schedule')
      .values({
        service_id: ids.legal,
        freq: 'WEEKLY',
        byday: 'MO,TU,WE,TH,FR',
        opens_at: '09:00',
        closes_at: '17:00',
        timezone_name: 'America/Chicago',
      })
      .execute();
    await db
      .insertInto('required_document')
      .values([
        { service_id: ids.legal, document: 'Photo ID or passport' },
        { service_id: ids.legal, document: 'Any immigration papers' },
      ])
      .execute();
    const contact = await db
      .insertInto('contact')
      .values({ organization_id: ids.provider, name: 'Rosa Díaz', title: 'Intake coordinator' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('phone')
      .values({ contact_id: contact.id, number: '713-555-0199', type: 'voice' })
      .execute();

    // A shelter at a confidential place, run by an organization nobody answers for in Haven.
    ids.shelter = await createService(db, { name: 'Safe house for women' });
    await addLocation(db, ids.shelter, {
      latitude: 29.78,
      longitude: -95.38,
      confidential: true,
      areaLabel: 'Houston, TX area',
      address: { address1: SECRET_STREET, city: 'Houston', state: 'TX', postalCode: '77009' },
    });
    // Not public: cannot be shortlisted.
    ids.hidden = await createService(db, { name: 'Hidden service', status: 'inactive' });

    for (const [who, email] of Object.entries({
      owner: 'owner@agency.example',
      cw1: 'cw1@agency.example',
      cw2: 'cw2@agency.example',
      other: 'cw@other.example',
      editor: 'editor@harbor.example',
    })) {
      const { cookie } = await signIn(app.baseUrl, email);
      expect(cookie, email).toBeTruthy();
      cookies[who] = cookie!;
    }
  });
  afterAll(() => app.stop());

  it('client-fit search: the public results, plus eligibility, intake, documents, contacts and referrals', async () => {
    const query = '?near=77002&radius=10';
    const publicPage = await fetch(`${app.baseUrl}/search${query}`);
    const staffPage = await get('cw1', `/staff/search${query}`);
    expect(staffPage.status).toBe(200);
    expect(staffPage.headers.get('cache-control')).toContain('no-store');
    const html = await staffPage.text();
    const publicIds = serviceIdsIn(await publicPage.text());
    expect(publicIds).toEqual(expect.arrayContaining([ids.legal, ids.shelter]));
    // The same search: same services in the same order.
    expect(serviceIdsIn(html)).toEqual(publicIds);
    for (const text of [
      'Survivors of labor or sex trafficking',
      'Call the intake line; a screening takes 20 minutes',
      'About two weeks',
      'Photo ID or passport',
      'Rosa Díaz',
      '713-555-0199',
      'Accepts referrals through Haven',
    ])
      expect(html).toContain(text);
    expect(html).toContain(`/staff/referrals/new?service=${ids.legal}`);
    expect(html).not.toContain(`/staff/referrals/new?service=${ids.shelter}`);
    expect(html).toContain('Does not take referrals through Haven');
    expect(html).not.toContain(SECRET_STREET);
    // A filter from the registry works the same way (a keyword narrows both pages alike).
    const narrowed = await get('cw1', `/staff/search${query}&q=immigration`);
    expect(serviceIdsIn(await narrowed.text())).toEqual([ids.legal]);
  });

  it('client-fit search is for caseworkers: an editor gets 403, a stranger the sign-in page', async () => {
    expect((await get('editor', '/staff/search?near=77002')).status).toBe(403);
    const anonymous = await fetch(`${app.baseUrl}/staff/search?near=77002`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/staff\/sign-in/);
  });

  it('shortlists: create, add from search and service page, reorder, note; others get 404', async () => {
    expect((await post('cw1', '/staff/shortlists?index', { intent: 'create', name: '  ' })).status).toBe(400);
    const created = await post('cw1', '/staff/shortlists?index', {
      intent: 'create',
      name: 'Maria — legal + housing',
    });
    expect(created.status).toBe(302);
    const listPath = created.headers.get('location')!;
    const listId = listPath.split('/').pop()!;

    // From a search result (the search page's own action) and from a service page.
    const added = await post('cw1', '/staff/search?near=77002', {
      intent: 'add',
      shortlist: listId,
      service: ids.legal,
    });
    expect(added.status).toBe(200);
    expect(await added.text()).toContain('Added Immigration legal clinic');
    const servicePage = await (await get('cw1', `/services/${ids.shelter}`)).text();
    expect(servicePage).toContain('Add to shortlist');
    expect(await (await fetch(`${app.baseUrl}/services/${ids.shelter}`)).text()).not.toContain(
      'Add to shortlist',
    );
    const fromService = await post('cw1', '/staff/shortlists?index', {
      intent: 'add',
      shortlist: listId,
      service: ids.shelter,
    });
    expect(fromService.status).toBe(302);
    expect(fromService.headers.get('location')).toBe(listPath);
    // Not public, not a service, not a uuid: 400 naming the field.
    expect(
      (
        await post('cw1', '/staff/shortlists?index', {
          intent: 'add',
          shortlist: listId,
          service: ids.hidden,
        })
      ).status,
    ).toBe(400);
    expect(
      (await post('cw1', '/staff/shortlists?index', { intent: 'add', shortlist: 'x', service: ids.legal }))
        .status,
    ).toBe(400);

    const order = async () =>
      (
        await t.db
          .selectFrom('shortlist_item')
          .select('service_id')
          .where('shortlist_id', '=', listId)
          .orderBy('position')
          .execute()
      ).map((row) => row.service_id);
    expect(await order()).toEqual([ids.legal, ids.shelter]);
    expect((await post('cw1', listPath, { intent: 'up', service: ids.shelter })).status).toBe(302);
    expect(await order()).toEqual([ids.shelter, ids.legal]);
    await post('cw1', listPath, { intent: 'up', service: ids.shelter }); // already first: no change
    expect(await order()).toEqual([ids.shelter, ids.legal]);
    await post('cw1', listPath, { intent: 'note', service: ids.legal, note: 'Ask for Rosa; bring the I-94' });
    const page = await (await get('cw1', listPath)).text();
    expect(page).toContain('Ask for Rosa; bring the I-94');
    expect(page.indexOf('Safe house for women')).toBeLessThan(page.indexOf('Immigration legal clinic'));
    expect(
      (await post('cw1', listPath, { intent: 'note', service: ids.legal, note: 'x'.repeat(501) })).status,
    ).toBe(400);

    // Another caseworker of the same agency (not shared), of another agency: 404 both ways.
    for (const who of ['cw2', 'other', 'owner']) {
      expect((await get(who, listPath)).status, who).toBe(404);
      expect((await get(who, `${listPath}/handout`)).status, who).toBe(404);
      expect((await get(who, `${listPath}/pdf`)).status, who).toBe(404);
      expect((await post(who, listPath, { intent: 'rename', name: 'Mine now' })).status, who).toBe(404);
      expect(
        (await post(who, '/staff/shortlists?index', { intent: 'add', shortlist: listId, service: ids.legal }))
          .status,
        who,
      ).toBe(404);
    }
    // Only an owner of an agency shares into it.
    expect((await post('cw1', listPath, { intent: 'share', organization: ids.agency })).status).toBe(400);
    const list = await t.db
      .selectFrom('shortlist')
      .select(['name', 'shared_organization_id'])
      .where('id', '=', listId)
      .executeTakeFirstOrThrow();
    expect(list).toEqual({ name: 'Maria — legal + housing', shared_organization_id: null });
  });

  it('an agency owner shares a shortlist with the agency: members read it, others still get 404', async () => {
    const created = await post('owner', '/staff/shortlists?index', {
      intent: 'create',
      name: 'Team — shelters',
    });
    const listPath = created.headers.get('location')!;
    const listId = listPath.split('/').pop()!;
    await post('owner', '/staff/shortlists?index', {
      intent: 'add',
      shortlist: listId,
      service: ids.shelter,
    });
    expect((await get('cw2', listPath)).status).toBe(404);
    expect((await post('owner', listPath, { intent: 'share', organization: ids.agency })).status).toBe(302);
    const shared = await get('cw2', listPath);
    expect(shared.status).toBe(200);
    const html = await shared.text();
    expect(html).toContain('Team — shelters');
    expect(html).toContain('only owner@agency.example can change it');
    expect(html).not.toContain('name="intent" value="rename"');
    // Reading is not changing.
    expect((await post('cw2', listPath, { intent: 'rename', name: 'Taken' })).status).toBe(404);
    expect(
      (await post('cw2', '/staff/shortlists?index', { intent: 'add', shortlist: listId, service: ids.legal }))
        .status,
    ).toBe(404);
    expect((await get('other', listPath)).status).toBe(404);
    expect(await (await get('cw2', '/staff/shortlists')).text()).toContain('Team — shelters');
    expect(await (await get('other', '/staff/shortlists')).text()).not.toContain('Team — shelters');
    // Deleting: gone for everyone.
    expect((await post('cw2', listPath, { intent: 'delete' })).status).toBe(404);
    expect((await post('owner', listPath, { intent: 'delete' })).status).toBe(302);
    expect((await get('owner', listPath)).status).toBe(404);
  });

  it('handout: print page, PDF and text in the chosen language, public addresses only, no notes', async () => {
    const created = await post('cw1', '/staff/shortlists?index', {
      intent: 'create',
      name: 'Client 4471 — legal',
    });
    const listPath = created.headers.get('location')!;
    const listId = listPath.split('/').pop()!;
    for (const service of [ids.legal, ids.shelter])
      await post('cw1', '/staff/shortlists?index', { intent: 'add', shortlist: listId, service });
    await post('cw1', listPath, { intent: 'note', service: ids.legal, note: 'PRIVATE-NOTE-4471' });

    const page = await get('cw1', `${listPath}/handout?lang=es`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('no-store');
    const html = await page.text();
    for (const text of [
      'Servicios para usted',
      'Qué debe traer',
      'Photo ID or passport',
      '713-555-0142',
      'Lunes–Viernes: 9:00',
      '500 Main Street, Houston, TX 77002',
      'Houston, TX area',
      '1-888-373-7888',
    ])
      expect(html).toContain(text);
    for (const secret of [SECRET_STREET, 'PRIVATE-NOTE-4471', 'Client 4471'])
      expect(html).not.toContain(secret);
    const textarea = /<textarea[^>]*id="handout-text"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? '';
    expect(textarea).toContain('1. Immigration legal clinic (Harbor Legal Aid)');
    expect(textarea).toContain('Teléfono: 713-555-0142');
    expect(textarea).toContain('Qué debe traer: Any immigration papers, Photo ID or passport');
    expect(textarea).not.toContain('http');
    expect((await get('cw1', `${listPath}/handout?lang=fr`)).status).toBe(400);
    expect(await (await get('cw1', `${listPath}/handout?lang=en`)).text()).toContain('What to bring');

    const pdf = await get('cw1', `${listPath}/pdf?lang=es`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="handout-es.pdf"');
    expect(pdf.headers.get('cache-control')).toContain('no-store');
    const dir = mkdtempSync(path.join(tmpdir(), 'haven-handout-'));
    const file = path.join(dir, 'handout-es.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    for (const expected of [
      'Servicios para usted',
      'Immigration legal clinic',
      'Qué debe traer: Any immigration papers, Photo ID or passport',
      '713-555-0142',
      'Lunes–Viernes',
      '500 Main Street, Houston, TX 77002',
      'Houston, TX area',
      'Línea Nacional contra la Trata de Personas',
    ])
      expect(text).toContain(expected);
    for (const secret of [SECRET_STREET, 'PRIVATE-NOTE-4471', 'Client 4471', 'http'])
      expect(text).not.toContain(secret);
    expect(Number(/Pages:\s+(\d+)/.exec(pages)?.[1])).toBeLessThanOrEqual(2);
  });
});
