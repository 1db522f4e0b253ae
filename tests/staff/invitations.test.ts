/**
 * Invitations and members (issue 11): an owner invites by email with a role; the hashed,
 * single-use, expiring link; a new person sets a password, an existing account signs in and
 * accepts (its session rotated); owners remove members but never the last owner; editors
 * get 403 and other organizations' people 404.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashToken } from '../../app/accounts/session.server';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { cookieFrom, createOrganization, createStaff, postForm, signIn } from '../helpers/staff';

const NEW_PASSWORD = 'copper lantern orchard 88';

describeEachEngine('invitations and members', (t) => {
  let app: RunningApp;
  let org: string;
  let owner: string | null;
  beforeAll(async () => {
    app = await startTestApp(t.db);
    org = await createOrganization(t.db, 'Casa Segura');
    await createStaff(t.db, 'owner@casa.example', 'owner', org);
    owner = (await signIn(app.baseUrl, 'owner@casa.example')).cookie;
  });
  afterAll(() => app.stop());

  const members = (cookie: string | null, organizationId = org) =>
    fetch(`${app.baseUrl}/staff/organizations/${organizationId}/members`, {
      redirect: 'manual',
      headers: cookie ? { Cookie: cookie } : {},
    });
  const act = (fields: Record<string, string>, cookie = owner, organizationId = org) =>
    postForm(`${app.baseUrl}/staff/organizations/${organizationId}/members`, fields, cookie);
  const invitationLink = async (email: string) => {
    const mail = await t.db
      .selectFrom('mail_outbox')
      .select(['body', 'subject', 'locale'])
      .where('recipient', '=', email)
      .where('kind', '=', 'invitation')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return { ...mail, link: /http:\/\/[^\s]+\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail.body)! };
  };

  it('invites a new editor by email; the link sets a password once and signs them in', async () => {
    expect((await members(owner)).status).toBe(200);
    const bad = await act({ intent: 'invite', email: 'not an email', role: 'editor' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Enter a valid email address.');
    expect((await act({ intent: 'invite', email: 'x@casa.example', role: 'admin' })).status).toBe(400);
    const sent = await postForm(
      `${app.baseUrl}/staff/organizations/${org}/members?hl=es`,
      { intent: 'invite', email: 'Editor@Casa.example', role: 'editor' },
      owner,
    );
    expect(sent.status).toBe(200);
    const { link, subject, locale } = await invitationLink('editor@casa.example');
    expect(locale).toBe('es');
    expect(subject).toBe('Le invitan a Casa Segura en Haven');
    const [url, token] = link;
    // Only the token's hash is stored.
    const row = await t.db
      .selectFrom('invitation')
      .select(['token_hash', 'role'])
      .where('email', '=', 'editor@casa.example')
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(token!));
    expect(row.role).toBe('editor');
    expect(await (await members(owner)).text()).toContain('editor@casa.example');

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Casa Segura');
    const weak = await postForm(url, { password: 'password1234' });
    expect(weak.status).toBe(400);
    const created = await postForm(url, { displayName: 'Eva Editor', password: NEW_PASSWORD });
    expect(created.status).toBe(302);
    expect(created.headers.get('location')).toBe('/staff');
    const home = await fetch(`${app.baseUrl}/staff`, { headers: { Cookie: cookieFrom(created)! } });
    expect(await home.text()).toContain('Casa Segura');
    const membership = await t.db
      .selectFrom('membership')
      .innerJoin('account', 'account.id', 'membership.account_id')
      .select(['membership.role', 'account.email_confirmed_at'])
      .where('account.email', '=', 'editor@casa.example')
      .executeTakeFirstOrThrow();
    expect(membership.role).toBe('editor');
    expect(membership.email_confirmed_at).not.toBeNull();
    // Single use.
    expect((await fetch(url)).status).toBe(404);
    expect((await postForm(url, { password: 'another fine passphrase 7' })).status).toBe(404);
    // An editor cannot manage members; inviting a member again says so.
    expect((await members(cookieFrom(created))).status).toBe(403);
    expect(
      (await act({ intent: 'invite', email: 'x@casa.example', role: 'owner' }, cookieFrom(created))).status,
    ).toBe(403);
    expect((await act({ intent: 'invite', email: 'editor@casa.example', role: 'owner' })).status).toBe(409);
  });

  it('refuses an expired or withdrawn invitation', async () => {
    await act({ intent: 'invite', email: 'late@casa.example', role: 'caseworker' });
    const [url] = (await invitationLink('late@casa.example')).link;
    await t.db
      .updateTable('invitation')
      .set({ expires_at: sql`now() - interval '1 second'` })
      .where('email', '=', 'late@casa.example')
      .execute();
    expect((await fetch(url)).status).toBe(404);
    expect((await postForm(url, { password: NEW_PASSWORD })).status).toBe(404);

    await act({ intent: 'invite', email: 'withdrawn@casa.example', role: 'caseworker' });
    const [withdrawnUrl] = (await invitationLink('withdrawn@casa.example')).link;
    const invitation = await t.db
      .selectFrom('invitation')
      .select('id')
      .where('email', '=', 'withdrawn@casa.example')
      .executeTakeFirstOrThrow();
    expect((await act({ intent: 'revoke', invitationId: invitation.id })).status).toBe(200);
    expect((await fetch(withdrawnUrl)).status).toBe(404);
  });

  it('lets an existing account join after signing in as the invited address, with a new session id', async () => {
    const other = await createOrganization(t.db, 'Other Agency');
    await createStaff(t.db, 'worker@agency.example', 'caseworker', other);
    await act({ intent: 'invite', email: 'worker@agency.example', role: 'caseworker' });
    const [url] = (await invitationLink('worker@agency.example')).link;
    // Signed out: the page offers sign-in; posting sends there.
    const signedOut = await postForm(url, {});
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get('location')).toMatch(/^\/staff\/sign-in\?redirectTo=%2Finvitations%2F/);
    // Signed in as someone else: refused, the invitation stays usable.
    const ownerTry = await postForm(url, {}, owner);
    expect(ownerTry.status).toBe(400);
    const { cookie } = await signIn(app.baseUrl, 'worker@agency.example');
    const joined = await postForm(url, {}, cookie);
    expect(joined.status).toBe(302);
    const rotated = cookieFrom(joined);
    expect(rotated).not.toBe(cookie);
    expect(
      (await fetch(`${app.baseUrl}/staff`, { redirect: 'manual', headers: { Cookie: cookie! } })).status,
    ).toBe(302);
    const home = await fetch(`${app.baseUrl}/staff`, { headers: { Cookie: rotated! } });
    const html = await home.text();
    expect(html).toContain('Casa Segura');
    expect(html).toContain('Other Agency');
  });

  it('sends a newly invited owner to set up two-factor sign-in', async () => {
    await act({ intent: 'invite', email: 'co-owner@casa.example', role: 'owner' });
    const [url] = (await invitationLink('co-owner@casa.example')).link;
    const created = await postForm(url, { password: NEW_PASSWORD });
    expect(created.status).toBe(302);
    expect(created.headers.get('location')).toBe('/staff/security');
    expect(
      (await fetch(`${app.baseUrl}/staff`, { redirect: 'manual', headers: { Cookie: cookieFrom(created)! } }))
        .status,
    ).toBe(302);
  });

  it('removes members but never the last owner, and audits every step', async () => {
    const list = await t.db
      .selectFrom('membership')
      .innerJoin('account', 'account.id', 'membership.account_id')
      .select(['account.id', 'account.email', 'membership.role'])
      .where('membership.organization_id', '=', org)
      .execute();
    const id = (email: string) => list.find((row) => row.email === email)!.id;
    const editorSession = (await signIn(app.baseUrl, 'editor@casa.example', NEW_PASSWORD)).cookie;
    expect((await act({ intent: 'remove', accountId: id('editor@casa.example') })).status).toBe(200);
    // Removal ends the member's sessions.
    expect(
      (await fetch(`${app.baseUrl}/staff`, { redirect: 'manual', headers: { Cookie: editorSession! } }))
        .status,
    ).toBe(302);
    // Two owners: one may go; then the last one cannot.
    expect((await act({ intent: 'remove', accountId: id('co-owner@casa.example') })).status).toBe(200);
    const last = await act({ intent: 'remove', accountId: id('owner@casa.example') });
    expect(last.status).toBe(409);
    expect(await last.text()).toContain('at least one owner');
    const actions = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'like', 'membership.%')
      .execute();
    const counts = actions.reduce<Record<string, number>>((all, row) => {
      all[row.action] = (all[row.action] ?? 0) + 1;
      return all;
    }, {});
    expect(counts).toEqual({ 'membership.invite': 5, 'membership.accept': 3, 'membership.remove': 2 });
  });

  it('answers 404 to an owner of another organization and for an unknown or malformed id', async () => {
    const elsewhere = await createOrganization(t.db, 'Elsewhere');
    await createStaff(t.db, 'owner@elsewhere.example', 'owner', elsewhere);
    const stranger = (await signIn(app.baseUrl, 'owner@elsewhere.example')).cookie;
    const response = await members(stranger);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('Casa Segura');
    expect((await act({ intent: 'invite', email: 'x@y.example', role: 'owner' }, stranger)).status).toBe(404);
    expect((await members(stranger, 'not-a-uuid')).status).toBe(404);
  });
});
