/**
 * Referrals over real HTTP on both engines (issue 13): sending through the form, the mail that
 * carries no client data, who reads client fields (and that every read is audited), the
 * status rules, the overdue flag, reports with small cells suppressed, the 503 without a key,
 * key rotation and the retention purge with a clock the test controls.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../app/config/config.server';
import { decrypt, makeKeyring } from '../../app/referrals/crypto.server';
import {
  addMessage,
  changeStatus,
  findReferral,
  findReferrableService,
  readClientData,
  sendReferral,
} from '../../app/referrals/referrals.server';
import { referralReport } from '../../app/referrals/reports.server';
import { purgeClientData } from '../../app/referrals/retention.server';
import { rotateKeys } from '../../app/referrals/rotation.server';
import type { Database } from '../../db/types';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { createOrganization, createStaff, postForm, signIn } from '../helpers/staff';

const KEY = randomBytes(32);
const SENTINEL = 'SENTINEL-7f3a-Maria';
const MAIL = { siteName: 'Haven', baseUrl: 'http://haven.test' };

async function createService(db: Kysely<Database>, organizationId: string, name: string) {
  const service = await db
    .insertInto('service')
    .values({ organization_id: organizationId, name })
    .returning('id')
    .executeTakeFirstOrThrow();
  const term = await db
    .selectFrom('taxonomy_term')
    .select('id')
    .where('taxonomy', '=', 'haven')
    .where('code', '=', 'immigration-relief')
    .executeTakeFirst();
  if (term)
    await db
      .insertInto('attribute')
      .values({ link_id: service.id, link_entity: 'service', taxonomy_term_id: term.id })
      .execute();
  return service.id;
}

describeEachEngine('referrals', (t) => {
  let app: RunningApp;
  const ids = {} as Record<'agency' | 'shelter' | 'other' | 'agencyB' | 'service' | 'otherService', string>;
  const cookies = {} as Record<
    'caseworker' | 'owner' | 'shelter' | 'editorOther' | 'caseworkerB' | 'admin',
    string
  >;
  const accounts = {} as Record<keyof typeof cookies, string>;
  const keyring = makeKeyring(KEY);

  beforeAll(async () => {
    const db = t.db;
    ids.agency = await createOrganization(db, 'Agency A');
    ids.shelter = await createOrganization(db, 'Casa Segura');
    ids.other = await createOrganization(db, 'Other Org');
    ids.agencyB = await createOrganization(db, 'Agency B');
    ids.service = await createService(db, ids.shelter, 'Legal clinic');
    ids.otherService = await createService(db, ids.other, 'Other clinic');
    const people: Array<
      [keyof typeof cookies, string, 'admin' | 'owner' | 'editor' | 'caseworker', string?]
    > = [
      ['caseworker', 'cw@agency.test', 'caseworker', ids.agency],
      ['owner', 'owner@agency.test', 'owner', ids.agency],
      ['shelter', 'editor@shelter.test', 'editor', ids.shelter],
      ['editorOther', 'editor@other.test', 'editor', ids.other],
      ['caseworkerB', 'cw@agencyb.test', 'caseworker', ids.agencyB],
      ['admin', 'admin@haven.test', 'admin'],
    ];
    app = await startTestApp(db, { env: { DATA_ENCRYPTION_KEY: KEY.toString('base64') } });
    for (const [name, email, role, org] of people) {
      accounts[name] = await createStaff(db, email, role, org);
      cookies[name] = (await signIn(app.baseUrl, email)).cookie!;
    }
    // The shelter answers in Spanish: its mail comes in Spanish.
    await db.updateTable('account').set({ locale: 'es' }).where('id', '=', accounts.shelter).execute();
  });
  afterAll(() => app?.stop());

  const get = (path: string, who: keyof typeof cookies) =>
    fetch(`${app.baseUrl}${path}`, { headers: { Cookie: cookies[who] }, redirect: 'manual' });

  let referralId = '';

  it('a caseworker sends a referral through the form; the organization is mailed a link only', async () => {
    const form = await get(`/staff/referrals/new?service=${ids.service}`, 'caseworker');
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('no-store');
    const html = await form.text();
    expect(html).toContain('The client agreed to this referral');
    expect(html).toContain('/privacy/referrals');

    const url = `${app.baseUrl}/staff/referrals/new?service=${ids.service}`;
    const fields = {
      client_reference: `${SENTINEL} ref`,
      client_contact: `${SENTINEL} +1 713 555 0100`,
      client_language: 'es',
      notes: `${SENTINEL} needs a T-visa consultation`,
    };
    const refused = await postForm(url, fields, cookies.caseworker);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Consent: confirm that the client agreed.');

    const sent = await postForm(url, { ...fields, consent: 'on' }, cookies.caseworker);
    expect(sent.status).toBe(302);
    const location = sent.headers.get('location')!;
    expect(location).toMatch(/^\/staff\/referrals\/[0-9a-f-]{36}\?sent=1$/);
    referralId = location.split('/')[3]!.split('?')[0]!;

    const row = await t.db
      .selectFrom('referral')
      .select(['consent_by', 'consent_at', 'key_id', 'client_data', 'categories', 'status'])
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow();
    expect(row.consent_by).toBe(accounts.caseworker);
    expect(row.consent_at).toBeTruthy();
    expect(row.key_id).toBe(keyring.current.id);
    expect(Buffer.from(row.client_data!).includes(SENTINEL)).toBe(false);
    expect(
      JSON.parse(decrypt(keyring, { keyId: row.key_id!, data: row.client_data! }, referralId)),
    ).toMatchObject({
      reference: `${SENTINEL} ref`,
    });
    // A subcategory counts under its top-level category.
    expect(row.categories).toEqual(['legal-aid']);

    const mail = await t.db
      .selectFrom('mail_outbox')
      .select(['subject', 'body', 'locale'])
      .where('recipient', '=', 'editor@shelter.test')
      .executeTakeFirstOrThrow();
    expect(mail.locale).toBe('es');
    expect(mail.subject).toContain('Nueva derivación');
    expect(mail.body).toContain(`/staff/referrals/${referralId}`);
    expect(`${mail.subject}${mail.body}`).not.toContain('SENTINEL');
  });

  it('the sender, their agency owner and the receiving organization read client fields, each read audited', async () => {
    const reads = () =>
      t.db
        .selectFrom('audit_event')
        .select(['actor_id'])
        .where('action', '=', 'referral.read_client_data')
        .where('entity_id', '=', referralId)
        .execute();
    const before = (await reads()).length;
    for (const who of ['caseworker', 'owner', 'shelter'] as const) {
      const response = await get(`/staff/referrals/${referralId}`, who);
      expect(response.status, who).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const html = await response.text();
      expect(html, who).toContain(`${SENTINEL} needs a T-visa consultation`);
      expect(html.match(/<title>([^<]*)<\/title>/)![1]).not.toContain('SENTINEL');
    }
    const after = await reads();
    expect(after.length - before).toBe(3);
    expect(after.slice(-3).map((row) => row.actor_id)).toEqual([
      accounts.caseworker,
      accounts.owner,
      accounts.shelter,
    ]);
    const received = await (await get('/staff/referrals?box=received', 'shelter')).text();
    expect(received).toContain('Legal clinic');
    expect(received).not.toContain('SENTINEL');
  });

  it('an editor of another organization, a caseworker of another agency and an admin get no client field', async () => {
    await addMessage(
      t.db,
      keyring,
      {
        referral: (await findReferral(t.db, referralId))!,
        actorId: accounts.caseworker,
        side: 'sender',
        text: `${SENTINEL} message`,
      },
      MAIL,
    );
    const paths = [
      '/staff/referrals',
      '/staff/referrals?box=sent',
      '/staff/referrals?box=received',
      `/staff/referrals/${referralId}`,
      `/staff/referrals/new?service=${ids.service}`,
      '/staff/reports',
      '/staff/reports.csv',
    ];
    const auditBefore = await t.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'referral.read_client_data')
      .executeTakeFirstOrThrow();
    for (const who of ['editorOther', 'caseworkerB', 'admin'] as const) {
      for (const path of paths) {
        const response = await get(path, who);
        const body = await response.text();
        expect(body, `${who} GET ${path}`).not.toContain('SENTINEL');
        expect([200, 404], `${who} GET ${path}`).toContain(response.status);
      }
      const detail = await get(`/staff/referrals/${referralId}`, who);
      expect(detail.status, who).toBe(who === 'admin' ? 200 : 404);
      for (const fields of <Array<Record<string, string>>>[
        { intent: 'message', message: 'hello' },
        { intent: 'status', status: 'accepted' },
      ]) {
        const post = await postForm(`${app.baseUrl}/staff/referrals/${referralId}`, fields, cookies[who]);
        expect(await post.text()).not.toContain('SENTINEL');
        expect(post.status, `${who} POST ${fields.intent}`).toBe(who === 'admin' ? 403 : 404);
      }
    }
    // The admin sees the metadata and the timeline's steps, without the message text.
    const admin = await (await get(`/staff/referrals/${referralId}`, 'admin')).text();
    expect(admin).toContain('Legal clinic');
    expect(admin).toContain('Client details are visible only to');
    const auditAfter = await t.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'referral.read_client_data')
      .executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
    const events = await t.db
      .selectFrom('referral_event')
      .select('status')
      .where('referral_id', '=', referralId)
      .execute();
    expect(events.map((event) => event.status)).toEqual(['sent', null]);
  });

  it('only the receiving organization changes the status, along the allowed steps; the sender is notified', async () => {
    const url = `${app.baseUrl}/staff/referrals/${referralId}`;
    expect((await postForm(url, { intent: 'status', status: 'accepted' }, cookies.caseworker)).status).toBe(
      403,
    );
    const noReason = await postForm(url, { intent: 'status', status: 'declined' }, cookies.shelter);
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Reason: choose why');
    expect((await postForm(url, { intent: 'status', status: 'completed' }, cookies.shelter)).status).toBe(
      409,
    );
    expect((await postForm(url, { intent: 'status', status: 'bogus' }, cookies.shelter)).status).toBe(400);
    expect(
      (
        await postForm(
          url,
          { intent: 'status', status: 'accepted', reason: '', reason_text: '' },
          cookies.shelter,
        )
      ).status,
    ).toBe(200);
    expect(
      (await postForm(url, { intent: 'message', message: `${SENTINEL} reply` }, cookies.shelter)).status,
    ).toBe(200);
    const row = await t.db
      .selectFrom('referral')
      .select(['status', 'accepted_at', 'closed_at'])
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('accepted');
    expect(row.accepted_at).toBeTruthy();
    expect(row.closed_at).toBeNull();
    const mails = await t.db
      .selectFrom('mail_outbox')
      .select(['subject', 'body'])
      .where('recipient', '=', 'cw@agency.test')
      .execute();
    expect(mails.map((mail) => mail.subject)).toEqual([
      'Referral update on Haven: Accepted',
      'New message about a referral on Haven',
    ]);
    expect(JSON.stringify(mails)).not.toContain('SENTINEL');
    const html = await (await get(`/staff/referrals/${referralId}`, 'caseworker')).text();
    expect(html).toContain(`${SENTINEL} reply`);
    expect(html).toContain('Accepted');
  });

  it('refuses an organization that does not accept referrals, and a person who is not a sender', async () => {
    const pending = await createOrganization(t.db, 'Pending Org', 'pending');
    const service = await createService(t.db, pending, 'Pending service');
    const form = await (await get(`/staff/referrals/new?service=${service}`, 'caseworker')).text();
    expect(form).toContain('does not accept referrals through');
    const post = await postForm(
      `${app.baseUrl}/staff/referrals/new?service=${service}`,
      { client_reference: 'x', client_language: 'en', consent: 'on' },
      cookies.caseworker,
    );
    expect(post.status).toBe(409);
    const editor = await postForm(
      `${app.baseUrl}/staff/referrals/new?service=${ids.service}`,
      { client_reference: 'x', client_language: 'en', consent: 'on' },
      cookies.editorOther,
    );
    expect(editor.status).toBe(403);
    expect((await get('/staff/referrals/new?service=nope', 'caseworker')).status).toBe(400);
  });

  it('flags a referral not acted on within REFERRAL_ACTION_DAYS to both sides', async () => {
    const service = (await findReferrableService(t.db, ids.service))!;
    const old = await sendReferral(
      t.db,
      keyring,
      {
        service,
        senderAccountId: accounts.caseworker,
        senderOrganizationId: ids.agency,
        clientLanguage: 'en',
        client: { reference: 'old', contact: '', notes: '' },
        now: new Date(Date.now() - 4 * 86_400_000),
      },
      MAIL,
    );
    for (const [who, box] of [
      ['caseworker', 'sent'],
      ['shelter', 'received'],
    ] as const) {
      const html = await (await get(`/staff/referrals?box=${box}`, who)).text();
      const item = html.slice(html.indexOf(`referral-${old}`));
      expect(item.slice(0, item.indexOf('</article>')), `${who}`).toMatch(
        /Not acted on within 3 days|Sin respuesta en 3 días/,
      );
    }
  });

  it('reports count without people: cells under 5 suppressed, CSV too; agency scope only for non-admins', async () => {
    const shelterService = (await findReferrableService(t.db, ids.service))!;
    for (let index = 0; index < 5; index += 1)
      await sendReferral(
        t.db,
        keyring,
        {
          service: shelterService,
          senderAccountId: accounts.caseworkerB,
          senderOrganizationId: ids.agencyB,
          clientLanguage: 'en',
          client: { reference: `r${index}`, contact: '', notes: '' },
        },
        MAIL,
      );
    const today = new Date().toISOString().slice(0, 10);
    const whole = await referralReport(t.db, { organizationIds: null, from: '2020-01-01', to: today });
    expect(whole.byOrganization.find((row) => row.key === 'Casa Segura')!.count).toBe(7);
    const agencyB = await referralReport(t.db, {
      organizationIds: [ids.agencyB],
      from: '2020-01-01',
      to: today,
    });
    expect(agencyB.total).toBe(5);
    expect(agencyB.byStatus.find((row) => row.key === 'sent')!.count).toBe(5);
    const agencyA = await referralReport(t.db, {
      organizationIds: [ids.agency],
      from: '2020-01-01',
      to: today,
    });
    expect(agencyA.total).toBeNull();
    expect(agencyA.byStatus.find((row) => row.key === 'accepted')!.count).toBeNull();
    expect(agencyA.byStatus.find((row) => row.key === 'completed')!.count).toBe(0);

    const csv = await (await get(`/staff/reports.csv?from=2020-01-01&to=${today}`, 'caseworker')).text();
    expect(csv).toContain('total,,<5');
    expect((await get('/staff/reports?scope=all', 'caseworker')).status).toBe(403);
    const all = await get(`/staff/reports.csv?scope=all&from=2020-01-01&to=${today}`, 'admin');
    expect(all.headers.get('content-type')).toContain('text/csv');
    expect(await all.text()).toContain('organization,Casa Segura,7');
    expect((await get('/staff/reports?from=2026-13-45', 'admin')).status).toBe(400);
  });

  it('keys:rotate re-encrypts every envelope under the new key; the old key can then go', async () => {
    const newKey = randomBytes(32);
    const rotated = makeKeyring(newKey, [KEY]);
    const done = await rotateKeys(t.db, rotated);
    expect(done.referrals).toBeGreaterThanOrEqual(7);
    expect(done.events).toBeGreaterThanOrEqual(2);
    const keys = await t.db
      .selectFrom('referral')
      .select('key_id')
      .distinct()
      .where('key_id', 'is not', null)
      .execute();
    expect(keys).toEqual([{ key_id: rotated.current.id }]);
    const onlyNew = makeKeyring(newKey);
    const read = await readClientData(t.db, onlyNew, referralId, accounts.caseworker);
    expect(read.client!.reference).toBe(`${SENTINEL} ref`);
    expect(read.timeline.map((entry) => entry.text).filter(Boolean)).toEqual([
      `${SENTINEL} message`,
      `${SENTINEL} reply`,
    ]);
    expect(await rotateKeys(t.db, rotated)).toEqual({ referrals: 0, events: 0 });
  });

  it('purges client data 90 days after closing and 180 days after sending, with a clock the test controls', async () => {
    const ring = makeKeyring(randomBytes(32));
    const service = (await findReferrableService(t.db, ids.otherService))!;
    // Long ago, so that the clock the test passes in never reaches the other tests' referrals.
    const base = Date.UTC(2020, 0, 1);
    const day = (n: number) => new Date(base + n * 86_400_000);
    const send = (at: Date, reference: string) =>
      sendReferral(
        t.db,
        ring,
        {
          service,
          senderAccountId: accounts.caseworker,
          senderOrganizationId: ids.agency,
          clientLanguage: 'en',
          client: { reference, contact: '', notes: '' },
          now: at,
        },
        MAIL,
      );
    const closed = await send(day(0), 'closed');
    await changeStatus(
      t.db,
      ring,
      {
        referral: (await findReferral(t.db, closed))!,
        actorId: accounts.editorOther,
        status: 'declined',
        reason: 'no_capacity',
        reasonText: 'full this week',
        now: day(1),
      },
      MAIL,
    );
    const open = await send(day(0), 'open');
    const recent = await send(day(100), 'recent');
    const policy = { closedDays: 90, openDays: 180 };
    const state = async () =>
      Object.fromEntries(
        (
          await t.db
            .selectFrom('referral')
            .select(['id', 'client_data', 'purged_at'])
            .where('id', 'in', [closed, open, recent])
            .execute()
        ).map((row) => [
          row.id === closed ? 'closed' : row.id === open ? 'open' : 'recent',
          row.client_data !== null,
        ]),
      );
    expect(await purgeClientData(t.db, policy, day(90))).toEqual({ referrals: 0 });
    expect(await state()).toEqual({ closed: true, open: true, recent: true });
    expect(await purgeClientData(t.db, policy, day(91))).toEqual({ referrals: 1 });
    expect(await state()).toEqual({ closed: false, open: true, recent: true });
    const declineText = await t.db
      .selectFrom('referral_event')
      .select('body_data')
      .where('referral_id', '=', closed)
      .where('status', '=', 'declined')
      .executeTakeFirstOrThrow();
    expect(declineText.body_data).toBeNull();
    expect(await purgeClientData(t.db, policy, day(180))).toEqual({ referrals: 1 });
    expect(await state()).toEqual({ closed: false, open: false, recent: true });
    // Again: nothing more to do (safe from cron).
    expect(await purgeClientData(t.db, policy, day(180))).toEqual({ referrals: 0 });
    const read = await readClientData(t.db, ring, closed, accounts.caseworker);
    expect(read.client).toBeNull();
    expect(read.timeline.map((entry) => entry.status)).toEqual(['sent', 'declined']);
    // The purged referrals still count in the reports.
    const report = await referralReport(t.db, {
      organizationIds: [ids.other],
      from: '2020-01-01',
      to: '2020-12-31',
    });
    expect(report.total).toBeNull();
    expect(report.byStatus.find((row) => row.key === 'declined')!.count).toBeNull();
  });
});

describeEachEngine('referrals without DATA_ENCRYPTION_KEY', (t) => {
  let app: RunningApp;
  beforeAll(async () => {
    const org = await createOrganization(t.db, 'Agency');
    await createStaff(t.db, 'cw@nokey.test', 'caseworker', org);
    app = await startTestApp(t.db);
  });
  afterAll(() => app?.stop());

  it('staff referral pages answer 503 with a clear message; public pages keep working', async () => {
    expect(loadConfig({}).DATA_ENCRYPTION_KEY).toBeUndefined();
    const { cookie } = await signIn(app.baseUrl, 'cw@nokey.test');
    for (const path of ['/staff/referrals', '/staff/referrals/00000000-0000-4000-8000-000000000000']) {
      const response = await fetch(`${app.baseUrl}${path}`, { headers: { Cookie: cookie! } });
      expect(response.status, path).toBe(503);
      expect(await response.text()).toContain('the data encryption key is not configured');
    }
    for (const path of ['/', '/search', '/privacy/referrals', '/staff']) {
      const response = await fetch(`${app.baseUrl}${path}`, { headers: { Cookie: cookie! } });
      expect(response.status, path).toBe(200);
    }
  });
});
