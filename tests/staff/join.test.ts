/**
 * Journey 1 and 2 over real HTTP on both engines: "List your organization" (pending, owner
 * with an unconfirmed email, confirmation mail in the outbox) and the admin verification
 * queue (likely duplicates, checklist, verify makes services public at once, reject mails the
 * reason, every decision audited).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { createOrganization, createStaff, postForm, signIn, STAFF_PASSWORD } from '../helpers/staff';

const REQUEST = {
  organizationName: 'Houston Freedom Centre',
  website: 'https://www.houstonfreedom.example/about',
  ein: '12-3456789',
  contactName: 'Rosa Díaz',
  email: 'rosa@houstonfreedom.example',
  phone: '(713) 555-0142',
  serviceArea: 'Harris County, TX',
  statement: 'We offer legal aid and counseling to survivors.',
  password: STAFF_PASSWORD,
};

function join(app: RunningApp, fields: Record<string, string>, categories: string[] = [], query = '') {
  const body = new URLSearchParams(fields);
  for (const category of categories) body.append('categories', category);
  return fetch(`${app.baseUrl}/join${query}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: app.baseUrl },
    body,
  });
}

describeEachEngine('organization sign-up and verification', (t) => {
  let app: RunningApp;
  let adminCookie: string;
  let existingId: string;
  beforeAll(async () => {
    app = await startTestApp(t.db);
    existingId = await createOrganization(t.db, 'Houston Freedom Center');
    await t.db.insertInto('phone').values({ organization_id: existingId, number: '713-555-0142' }).execute();
    await createStaff(t.db, 'admin@haven.example', 'admin');
    adminCookie = (await signIn(app.baseUrl, 'admin@haven.example')).cookie!;
  });
  afterAll(() => app.stop());

  it('refuses a bad request with 400 naming each field, and never echoes the password', async () => {
    const response = await join(app, {
      ...REQUEST,
      email: 'not an email',
      ein: '123',
      password: 'Password1234!',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Enter a valid email address.');
    expect(html).toContain('An EIN has 9 digits');
    expect(html).toContain('too easy to guess');
    expect(html).not.toContain('Password1234!');
    expect(
      await t.db
        .selectFrom('organization')
        .select('id')
        .where('name', '=', REQUEST.organizationName)
        .execute(),
    ).toEqual([]);
  });

  it('creates a pending organization, an unconfirmed owner and the confirmation mail in Spanish', async () => {
    const response = await join(app, REQUEST, ['legal-aid', 'counseling', 'not-a-category'], '?hl=es');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/join?sent=1&hl=es');
    const organization = await t.db
      .selectFrom('organization')
      .select(['id', 'verification_status', 'tax_id'])
      .where('name', '=', REQUEST.organizationName)
      .executeTakeFirstOrThrow();
    expect(organization).toMatchObject({ verification_status: 'pending', tax_id: '12-3456789' });
    expect((await fetch(`${app.baseUrl}/organizations/${organization.id}`)).status).toBe(404);
    const account = await t.db
      .selectFrom('account')
      .innerJoin('membership', 'membership.account_id', 'account.id')
      .select(['account.email_confirmed_at', 'account.locale', 'membership.role', 'account.password_hash'])
      .where('account.email', '=', REQUEST.email)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ email_confirmed_at: null, locale: 'es', role: 'owner' });
    expect(account.password_hash).toMatch(/^\$argon2id\$/);
    const request = await t.db
      .selectFrom('organization_request')
      .select('categories')
      .where('organization_id', '=', organization.id)
      .executeTakeFirstOrThrow();
    expect(request.categories.sort()).toEqual(['counseling', 'legal-aid']);
    const mail = await t.db
      .selectFrom('mail_outbox')
      .select(['recipient', 'subject', 'body', 'status'])
      .where('kind', '=', 'confirmEmail')
      .executeTakeFirstOrThrow();
    expect(mail.recipient).toBe(REQUEST.email);
    expect(mail.subject).toBe('Confirme su correo para Haven');
    const link = /http:\/\/127\.0\.0\.1:\d+\/join\/confirm\/[A-Za-z0-9_-]{43}/.exec(mail.body)?.[0];
    expect(link).toBeDefined();
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'after'])
      .where('entity_id', '=', organization.id)
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['organization.join_request']);
    expect(JSON.stringify(audit)).not.toContain(STAFF_PASSWORD);

    // The link shows a button (a mail scanner's GET uses nothing); the POST confirms once.
    expect((await fetch(link!)).status).toBe(200);
    expect(
      (
        await t.db
          .selectFrom('account')
          .select('email_confirmed_at')
          .where('email', '=', REQUEST.email)
          .executeTakeFirstOrThrow()
      ).email_confirmed_at,
    ).toBeNull();
    expect((await postForm(link!, {})).status).toBe(200);
    expect(
      (
        await t.db
          .selectFrom('account')
          .select('email_confirmed_at')
          .where('email', '=', REQUEST.email)
          .executeTakeFirstOrThrow()
      ).email_confirmed_at,
    ).not.toBeNull();
    expect((await postForm(link!, {})).status).toBe(400);
  });

  it('answers an email that already has an account the same way, creating nothing', async () => {
    const before = await t.db.selectFrom('organization').select('id').execute();
    const response = await join(app, { ...REQUEST, organizationName: 'Another name' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/join?sent=1');
    expect(await t.db.selectFrom('organization').select('id').execute()).toHaveLength(before.length);
  });

  it('shows the request to admins only, with likely duplicates by name and phone', async () => {
    await createStaff(t.db, 'editor@other.example', 'editor', existingId);
    const editor = (await signIn(app.baseUrl, 'editor@other.example')).cookie!;
    const denied = await fetch(`${app.baseUrl}/staff/admin/organizations?status=pending`, {
      headers: { Cookie: editor },
    });
    expect(denied.status).toBe(403);
    expect(await denied.text()).not.toContain(REQUEST.organizationName);
    const page = await fetch(`${app.baseUrl}/staff/admin/organizations?status=pending`, {
      headers: { Cookie: adminCookie },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(REQUEST.organizationName);
    expect(html.replace(/<!-- -->/g, '')).toMatch(/Houston Freedom Center \(similar name, same phone\)/);
    expect(html).toContain('Legal help');
    const bad = await fetch(`${app.baseUrl}/staff/admin/organizations?status=everything`, {
      headers: { Cookie: adminCookie },
    });
    expect(bad.status).toBe(400);
  });

  it('verifies only after the checklist, and the organization’s active services are public at once', async () => {
    const organization = await t.db
      .selectFrom('organization')
      .select('id')
      .where('name', '=', REQUEST.organizationName)
      .executeTakeFirstOrThrow();
    const service = await t.db
      .insertInto('service')
      .values({ organization_id: organization.id, name: 'Immigration legal clinic' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await fetch(`${app.baseUrl}/services/${service.id}`)).status).toBe(404);
    const url = `${app.baseUrl}/staff/admin/organizations?status=pending`;
    const unchecked = await postForm(
      url,
      { organizationId: organization.id, decision: 'verify' },
      adminCookie,
    );
    expect(unchecked.status).toBe(400);
    const verified = await postForm(
      url,
      {
        organizationId: organization.id,
        decision: 'verify',
        checkWebsite: 'on',
        checkPhone: 'on',
        checkDuplicate: 'on',
      },
      adminCookie,
    );
    expect(verified.status).toBe(200);
    expect((await fetch(`${app.baseUrl}/services/${service.id}`)).status).toBe(200);
    const mail = await t.db
      .selectFrom('mail_outbox')
      .select(['recipient', 'subject'])
      .where('kind', '=', 'verified')
      .executeTakeFirstOrThrow();
    expect(mail).toEqual({
      recipient: REQUEST.email,
      subject: 'Houston Freedom Centre ya está verificada en Haven',
    });
    const again = await postForm(
      url,
      { organizationId: organization.id, decision: 'reject', reason: 'x' },
      adminCookie,
    );
    expect(again.status).toBe(409);
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', organization.id)
      .where('action', '=', 'organization.verify')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).not.toBeNull();
  });

  it('rejects with a reason that is mailed to the requester; asks for more information', async () => {
    await join(app, { ...REQUEST, organizationName: 'Fly-by-night Rescue', email: 'x@flyby.example' });
    await join(app, { ...REQUEST, organizationName: 'Quiet Harbor', email: 'q@harbor.example', website: '' });
    const [flyBy, harbor] = await Promise.all(
      ['Fly-by-night Rescue', 'Quiet Harbor'].map((name) =>
        t.db.selectFrom('organization').select('id').where('name', '=', name).executeTakeFirstOrThrow(),
      ),
    );
    const url = `${app.baseUrl}/staff/admin/organizations`;
    expect((await postForm(url, { organizationId: flyBy!.id, decision: 'reject' }, adminCookie)).status).toBe(
      400,
    );
    expect(
      (
        await postForm(
          url,
          { organizationId: flyBy!.id, decision: 'reject', reason: 'The phone number is not in service.' },
          adminCookie,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await postForm(
          url,
          { organizationId: harbor!.id, decision: 'request_info', reason: 'Which counties do you serve?' },
          adminCookie,
        )
      ).status,
    ).toBe(200);
    const mails = await t.db
      .selectFrom('mail_outbox')
      .select(['recipient', 'kind', 'body'])
      .where('kind', 'in', ['rejected', 'infoRequested'])
      .orderBy('id')
      .execute();
    expect(mails.map((mail) => [mail.recipient, mail.kind])).toEqual([
      ['x@flyby.example', 'rejected'],
      ['q@harbor.example', 'infoRequested'],
    ]);
    expect(mails[0]!.body).toContain('The phone number is not in service.');
    const statuses = await t.db
      .selectFrom('organization')
      .select(['name', 'verification_status'])
      .where('id', 'in', [flyBy!.id, harbor!.id])
      .orderBy('name')
      .execute();
    expect(statuses).toEqual([
      { name: 'Fly-by-night Rescue', verification_status: 'rejected' },
      { name: 'Quiet Harbor', verification_status: 'pending' },
    ]);
    const actions = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', 'in', [flyBy!.id, harbor!.id])
      .execute();
    expect(actions.map((row) => row.action).sort()).toEqual([
      'organization.join_request',
      'organization.join_request',
      'organization.reject',
      'organization.request_info',
    ]);
  });
});
