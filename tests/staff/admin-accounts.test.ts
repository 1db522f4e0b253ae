/**
 * /staff/admin/accounts (issue 11): search, disable/enable, admin flag, organization roles,
 * force sign-out — each audited, each ending the account's sessions where privileges change;
 * the last active admin can be neither disabled nor demoted; non-admins get 403.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { createOrganization, createStaff, postForm, signIn } from '../helpers/staff';

describeEachEngine('admin accounts page', (t) => {
  let app: RunningApp;
  let admin: string | null;
  let adminId: string;
  let org: string;
  beforeAll(async () => {
    app = await startTestApp(t.db);
    adminId = await createStaff(t.db, 'root@haven.example', 'admin');
    org = await createOrganization(t.db, 'Puerto Seguro');
    await createStaff(t.db, 'owner@puerto.example', 'owner', org);
    await createStaff(t.db, 'editor@puerto.example', 'editor', org);
    admin = (await signIn(app.baseUrl, 'root@haven.example')).cookie;
  });
  afterAll(() => app.stop());

  const page = (query = '', cookie = admin) =>
    fetch(`${app.baseUrl}/staff/admin/accounts${query}`, {
      redirect: 'manual',
      headers: cookie ? { Cookie: cookie } : {},
    });
  const act = (fields: Record<string, string>) =>
    postForm(`${app.baseUrl}/staff/admin/accounts`, fields, admin);
  const idOf = async (email: string) =>
    (await t.db.selectFrom('account').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const opens = async (cookie: string | null) =>
    (await fetch(`${app.baseUrl}/staff`, { redirect: 'manual', headers: { Cookie: cookie ?? '' } }))
      .status === 200;

  it('lists and searches accounts; only admins may open it', async () => {
    const all = await (await page()).text();
    for (const email of ['root@haven.example', 'owner@puerto.example', 'editor@puerto.example'])
      expect(all).toContain(email);
    const found = await (await page('?q=EDITOR')).text();
    expect(found).toContain('editor@puerto.example');
    expect(found).not.toContain('owner@puerto.example');
    expect(await (await page('?q=%25')).text()).toContain('No accounts match.');
    expect((await page(`?q=${'x'.repeat(201)}`)).status).toBe(400);
    const editor = (await signIn(app.baseUrl, 'editor@puerto.example')).cookie;
    expect((await page('', editor)).status).toBe(403);
    expect(
      (
        await postForm(
          `${app.baseUrl}/staff/admin/accounts`,
          { intent: 'disable', accountId: adminId },
          editor,
        )
      ).status,
    ).toBe(403);
    expect((await act({ intent: 'disable', accountId: 'nope' })).status).toBe(400);
  });

  it('disables (signing out) and enables an account; forces sign-out', async () => {
    const editorId = await idOf('editor@puerto.example');
    const session = (await signIn(app.baseUrl, 'editor@puerto.example')).cookie;
    expect(await opens(session)).toBe(true);
    expect((await act({ intent: 'disable', accountId: editorId })).status).toBe(200);
    expect(await opens(session)).toBe(false);
    expect((await signIn(app.baseUrl, 'editor@puerto.example')).response.status).toBe(400);
    expect((await act({ intent: 'enable', accountId: editorId })).status).toBe(200);
    const again = (await signIn(app.baseUrl, 'editor@puerto.example')).cookie;
    expect(await opens(again)).toBe(true);
    expect((await act({ intent: 'sign_out', accountId: editorId })).status).toBe(200);
    expect(await opens(again)).toBe(false);
  });

  it('changes roles, ending the sessions; never the last admin or the last owner', async () => {
    const ownerId = await idOf('owner@puerto.example');
    const editorId = await idOf('editor@puerto.example');
    // The only admin can be neither disabled nor demoted.
    const lastDisable = await act({ intent: 'disable', accountId: adminId });
    expect(lastDisable.status).toBe(409);
    expect(await lastDisable.text()).toContain('at least one active administrator');
    expect((await act({ intent: 'admin', accountId: adminId, value: 'off' })).status).toBe(409);
    // The only owner cannot be demoted either.
    expect(
      (await act({ intent: 'membership', accountId: ownerId, organizationId: org, role: 'editor' })).status,
    ).toBe(409);
    // Promote the editor to owner (their session ends), then the first owner may become an editor.
    const session = (await signIn(app.baseUrl, 'editor@puerto.example')).cookie;
    expect(
      (await act({ intent: 'membership', accountId: editorId, organizationId: org, role: 'owner' })).status,
    ).toBe(200);
    expect(await opens(session)).toBe(false);
    expect(
      (await act({ intent: 'membership', accountId: ownerId, organizationId: org, role: 'editor' })).status,
    ).toBe(200);
    // A second admin: now the first may step down (and is signed out by it).
    expect((await act({ intent: 'admin', accountId: ownerId, value: 'on' })).status).toBe(200);
    // Stepping down ends one's own sessions too: the page answers with the way to sign-in.
    const stepDown = await act({ intent: 'admin', accountId: adminId, value: 'off' });
    expect(stepDown.status).toBe(302);
    expect(stepDown.headers.get('location')).toMatch(/^\/staff\/sign-in/);
    expect(await opens(admin)).toBe(false);
    const roles = await t.db
      .selectFrom('membership')
      .innerJoin('account', 'account.id', 'membership.account_id')
      .select(['account.email', 'account.is_admin', 'membership.role'])
      .where('organization_id', '=', org)
      .orderBy('account.email')
      .execute();
    expect(roles).toEqual([
      { email: 'editor@puerto.example', is_admin: false, role: 'owner' },
      { email: 'owner@puerto.example', is_admin: true, role: 'editor' },
    ]);
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'actor_id'])
      .where('action', 'in', [
        'account.disable',
        'account.enable',
        'account.sessions_revoked',
        'account.role_change',
        'membership.role_change',
      ])
      .execute();
    expect(audit.map((row) => row.action).sort()).toEqual([
      'account.disable',
      'account.enable',
      'account.role_change',
      'account.role_change',
      'account.sessions_revoked',
      'membership.role_change',
      'membership.role_change',
    ]);
    expect(audit.every((row) => row.actor_id === adminId)).toBe(true);
  });
});
