/**
 * Journey 6, freshness (issue 12), over real HTTP on both engines: confirming a listing sets
 * last_verified_at and is audited (and only its organization's owners/editors and admins may);
 * the public page says "Verified by the organization on <date>" and warns past 12 months in
 * both languages; /staff/admin/stale counts stale listings by organization; the reminder job
 * sends each owner one digest per run over a real SMTP server, and nothing on a second run.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../app/config/config.server';
import { listStaleServices, remindStaleOwners } from '../../app/freshness/freshness.server';
import { createLogger } from '../../app/http/logger.server';
import { correctionMessages } from '../../app/i18n/messages/corrections';
import { createMailTransport, deliverDueMail } from '../../app/mail/sender.server';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { createService } from '../helpers/fixtures';
import { createOrganization, createStaff, postForm, signIn } from '../helpers/staff';
import { mailText, startSmtp } from '../helpers/smtp';

const root = path.resolve(import.meta.dirname, '../..');

/** Sets a service's last confirmation to `months` months ago (null: never). */
async function confirmedAgo(
  db: Parameters<typeof createService>[0],
  serviceId: string,
  months: number | null,
) {
  await db
    .updateTable('service')
    .set({ last_verified_at: months === null ? null : sql`now() - make_interval(months => ${months})` })
    .where('id', '=', serviceId)
    .execute();
}

function runRemind(env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'scripts/listings-remind.ts'), '--months', '6'],
      { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describeEachEngine('freshness', (t) => {
  let app: RunningApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    [app, smtp] = await Promise.all([startTestApp(t.db), startSmtp()]);
  });
  afterAll(async () => {
    await Promise.all([app.stop(), smtp.close()]);
  });

  const auditCount = async () =>
    (
      await t.db
        .selectFrom('audit_event')
        .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  it('confirming sets last_verified_at (not the version) and is audited; others get 404/403', async () => {
    const orgId = await createOrganization(t.db, 'Confirm Org');
    const otherOrg = await createOrganization(t.db, 'Other Confirm Org');
    const serviceId = await createService(t.db, { organizationId: orgId, name: 'Legal clinic' });
    await confirmedAgo(t.db, serviceId, 20);
    const ownerId = await createStaff(t.db, 'owner@confirm.example', 'owner', orgId);
    await createStaff(t.db, 'editor@other-confirm.example', 'editor', otherOrg);
    await createStaff(t.db, 'caseworker@confirm.example', 'caseworker', orgId);
    const url = `${app.baseUrl}/staff/services/${serviceId}/confirm`;
    const before = await t.db
      .selectFrom('service')
      .select(['version', 'last_verified_at'])
      .where('id', '=', serviceId)
      .executeTakeFirstOrThrow();
    const audits = await auditCount();

    // Another organization's editor: not found. A caseworker of the same organization: forbidden.
    const other = (await signIn(app.baseUrl, 'editor@other-confirm.example')).cookie;
    expect((await fetch(url, { headers: { Cookie: other! } })).status).toBe(404);
    expect((await postForm(url, {}, other)).status).toBe(404);
    const caseworker = (await signIn(app.baseUrl, 'caseworker@confirm.example')).cookie;
    expect((await postForm(url, {}, caseworker)).status).toBe(403);
    // Signed out: to sign-in.
    expect((await postForm(url, {})).status).toBe(302);
    // Only the sign-ins were audited; nothing changed.
    expect(await auditCount()).toBe(audits + 2);

    const owner = (await signIn(app.baseUrl, 'owner@confirm.example')).cookie;
    const page = await fetch(url, { headers: { Cookie: owner! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain(correctionMessages.en.confirmButton);
    expect(html).toContain('Legal clinic');

    const response = await postForm(url, {}, owner);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(correctionMessages.en.confirmed);
    const after = await t.db
      .selectFrom('service')
      .select([
        'version',
        'last_verified_at',
        sql<boolean>`last_verified_at > now() - interval '1 minute'`.as('recent'),
      ])
      .where('id', '=', serviceId)
      .executeTakeFirstOrThrow();
    expect(after.recent).toBe(true);
    expect(after.version).toBe(before.version);
    const event = await t.db
      .selectFrom('audit_event')
      .select(['actor_id', 'entity_type', 'before', 'after'])
      .where('action', '=', 'service.confirm')
      .where('entity_id', '=', serviceId)
      .executeTakeFirstOrThrow();
    expect(event.actor_id).toBe(ownerId);
    expect(event.entity_type).toBe('service');
    expect((event.before as { last_verified_at: string }).last_verified_at).toBe(
      new Date(before.last_verified_at!).toISOString(),
    );
    expect((event.after as { last_verified_at: string }).last_verified_at).toBe(
      new Date(after.last_verified_at!).toISOString(),
    );
  });

  it('the public page shows the confirmation date and warns after 12 months, in English and Spanish', async () => {
    const orgId = await createOrganization(t.db, 'Notice Org');
    const serviceId = await createService(t.db, { organizationId: orgId, name: 'Counseling' });
    await t.db
      .updateTable('service')
      .set({ last_verified_at: '2025-01-15T12:00:00Z' })
      .where('id', '=', serviceId)
      .execute();
    const en = await (await fetch(`${app.baseUrl}/services/${serviceId}?hl=en`)).text();
    expect(en).toContain('Verified by the organization on January 15, 2025');
    expect(en).toContain(correctionMessages.en.staleNotice);
    const es = await (await fetch(`${app.baseUrl}/services/${serviceId}?hl=es`)).text();
    expect(es).toContain('Verificado por la organización el 15 de enero de 2025');
    expect(es).toContain(correctionMessages.es.staleNotice);

    // Eleven months ago: the date, and no notice.
    await confirmedAgo(t.db, serviceId, 11);
    const fresh = await (await fetch(`${app.baseUrl}/services/${serviceId}?hl=en`)).text();
    expect(fresh).toContain('Verified by the organization on');
    expect(fresh).not.toContain(correctionMessages.en.staleNotice);
    // Never confirmed: says so, without the 12-month notice.
    await confirmedAgo(t.db, serviceId, null);
    const never = await (await fetch(`${app.baseUrl}/services/${serviceId}?hl=en`)).text();
    expect(never).toContain('Not yet confirmed by the organization');
    expect(never).not.toContain(correctionMessages.en.staleNotice);
  });

  it('/staff/admin/stale lists unconfirmed services by organization with counts (admins only)', async () => {
    await t.db.deleteFrom('organization').execute();
    const alpha = await createOrganization(t.db, 'Alpha Stale');
    const beta = await createOrganization(t.db, 'Beta Stale');
    const pending = await createOrganization(t.db, 'Pending Stale', 'pending');
    const a1 = await createService(t.db, { organizationId: alpha, name: 'A never' });
    const a2 = await createService(t.db, { organizationId: alpha, name: 'A eight months' });
    const a3 = await createService(t.db, { organizationId: alpha, name: 'A fresh' });
    const b1 = await createService(t.db, { organizationId: beta, name: 'B thirteen months' });
    const b2 = await createService(t.db, { organizationId: beta, name: 'B closed', status: 'defunct' });
    const p1 = await createService(t.db, { organizationId: pending, name: 'P never' });
    await confirmedAgo(t.db, a1, null);
    await confirmedAgo(t.db, a2, 8);
    await confirmedAgo(t.db, a3, 1);
    await confirmedAgo(t.db, b1, 13);
    await confirmedAgo(t.db, b2, 30);
    await confirmedAgo(t.db, p1, null);

    const six = await listStaleServices(t.db, { months: 6 });
    expect(six.map((org) => [org.name, org.count, org.services.map((s) => s.name)])).toEqual([
      ['Alpha Stale', 2, ['A never', 'A eight months']],
      ['Beta Stale', 1, ['B thirteen months']],
    ]);
    const twelve = await listStaleServices(t.db, { months: 12 });
    expect(twelve.map((org) => [org.name, org.count])).toEqual([
      ['Alpha Stale', 1],
      ['Beta Stale', 1],
    ]);

    await createStaff(t.db, 'admin@stale.example', 'admin');
    await createStaff(t.db, 'owner@alpha-stale.example', 'owner', alpha);
    const admin = (await signIn(app.baseUrl, 'admin@stale.example')).cookie!;
    const page = await fetch(`${app.baseUrl}/staff/admin/stale`, { headers: { Cookie: admin } });
    expect(page.status).toBe(200);
    // React separates adjacent text with <!-- --> in server HTML.
    const html = (await page.text()).replace(/<!-- -->/g, '');
    expect(html).toContain('Listings not confirmed: 3. Organizations: 2.');
    expect(html).toContain('Alpha Stale — not confirmed: 2');
    expect(html).toContain('Beta Stale — not confirmed: 1');
    expect(html).not.toContain('A fresh');
    expect(html).not.toContain('P never');
    const year = await (
      await fetch(`${app.baseUrl}/staff/admin/stale?months=12&hl=es`, { headers: { Cookie: admin } })
    ).text();
    expect(year).toContain('Servicios sin confirmar: 2. Organizaciones: 2.');
    const bad = await fetch(`${app.baseUrl}/staff/admin/stale?months=0`, { headers: { Cookie: admin } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain(correctionMessages.en.monthsInvalid);
    const owner = (await signIn(app.baseUrl, 'owner@alpha-stale.example')).cookie!;
    expect((await fetch(`${app.baseUrl}/staff/admin/stale`, { headers: { Cookie: owner } })).status).toBe(
      403,
    );
    // The owner's staff home lists their own stale listings, each with a one-click confirm.
    const home = await (await fetch(`${app.baseUrl}/staff`, { headers: { Cookie: owner } })).text();
    expect(home).toContain(correctionMessages.en.homeStaleTitle);
    expect(home).toContain('A never');
    expect(home).toContain('A eight months');
    expect(home).not.toContain('B thirteen months');
    expect(home).toContain(`action="/staff/services/${a1}/confirm"`);
  });

  it('listings:remind sends each owner one digest per run in their language over SMTP, then none', async () => {
    // Data from the previous test: Alpha (2 stale), Beta (1 stale). Owners below.
    const orgs = await t.db.selectFrom('organization').select(['id', 'name']).execute();
    const alpha = orgs.find((org) => org.name === 'Alpha Stale')!.id;
    const beta = orgs.find((org) => org.name === 'Beta Stale')!.id;
    const pending = orgs.find((org) => org.name === 'Pending Stale')!.id;
    // owner@alpha-stale (en) owns Alpha; ana (es) owns Alpha and Beta: one digest with both.
    const ana = await createStaff(t.db, 'ana@beta-stale.example', 'owner', beta);
    await t.db
      .insertInto('membership')
      .values({ account_id: ana, organization_id: alpha, role: 'owner' })
      .execute();
    await t.db.updateTable('account').set({ locale: 'es' }).where('id', '=', ana).execute();
    await createStaff(t.db, 'editor@alpha-stale.example', 'editor', alpha);
    await createStaff(t.db, 'owner@pending-stale.example', 'owner', pending);
    await t.db.deleteFrom('mail_outbox').execute();
    smtp.received.length = 0;

    const config = loadConfig({ NODE_ENV: 'test', SMTP_URL: smtp.url, MAIL_FROM: 'haven@example.org' });
    const transport = createMailTransport(config, createLogger('silent'))!;
    const input = { months: 6, baseUrl: 'https://haven.example', siteName: 'Haven' };

    const first = await remindStaleOwners(t.db, input);
    expect(first).toMatchObject({ owners: 2, queued: 2, alreadyReminded: 0 });
    expect(await deliverDueMail(t.db, transport, 'haven@example.org')).toMatchObject({ sent: 2 });
    expect(smtp.received.map((mail) => mail.to).sort()).toEqual([
      ['ana@beta-stale.example'],
      ['owner@alpha-stale.example'],
    ]);
    const english = mailText(smtp.received.find((mail) => mail.to[0] === 'owner@alpha-stale.example')!.raw);
    expect(english).toContain('2 listings to confirm on Haven');
    expect(english).toContain('A never');
    expect(english).toContain('never confirmed');
    expect(english).toContain('A eight months');
    expect(english).not.toContain('B thirteen months');
    expect(english).toMatch(/https:\/\/haven\.example\/staff\/services\/[0-9a-f-]{36}\/confirm\?hl=en/);
    const spanish = mailText(smtp.received.find((mail) => mail.to[0] === 'ana@beta-stale.example')!.raw);
    expect(spanish).toContain('Alpha Stale (2)');
    expect(spanish).toContain('Beta Stale (1)');
    expect(spanish).toContain('nunca confirmado');
    expect(spanish).toContain('confirmado por última vez el');

    // A second run in the same period: nothing queued, nothing sent.
    const second = await remindStaleOwners(t.db, input);
    expect(second).toMatchObject({ owners: 2, queued: 0, alreadyReminded: 2 });
    expect(await deliverDueMail(t.db, transport, 'haven@example.org')).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(2);

    // The CLI itself, as cron runs it (PostgreSQL: a second process can open the database).
    if (t.engine !== 'postgres') return;
    await t.db.deleteFrom('freshness_reminder').execute();
    smtp.received.length = 0;
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: t.handle.url!,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'haven@example.org',
      PUBLIC_URL: 'https://haven.example',
      LOG_LEVEL: 'silent',
    };
    const cli = await runRemind(env);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(
      /2 owners with stale listings, 2 digests queued, 0 already reminded this month, 2 sent now/,
    );
    expect(smtp.received).toHaveLength(2);
    const again = await runRemind(env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 digests queued, 2 already reminded this month, 0 sent now');
    expect(smtp.received).toHaveLength(2);
  }, 90_000);
});
