/**
 * The cross-organization test (issue 11): signed in as an editor of organization A, request
 * every staff URL with organization B's ids (GET and POST) — the route modules are found by
 * listing app/routes, so routes added later are covered — and expect 403/404 for B's URLs,
 * none of B's data in any body, and nothing of B changed.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { makeKeyring } from '../../app/referrals/crypto.server';
import { findReferrableService, sendReferral } from '../../app/referrals/referrals.server';
import { createShortlist } from '../../app/shortlists/shortlists.server';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { createOrganization, createStaff, postForm, signIn } from '../helpers/staff';
import { isStaffRoute, paramsOf, PUBLIC_STAFF_ROUTES, routeFiles, urlOf } from '../helpers/staff-routes';

/** Everything of organization B that must never reach A's editor, and must not change. */
async function snapshotOfB(db: Kysely<Database>, orgB: string) {
  return JSON.stringify({
    organization: await db.selectFrom('organization').selectAll().where('id', '=', orgB).execute(),
    services: await db.selectFrom('service').selectAll().where('organization_id', '=', orgB).execute(),
    memberships: await db.selectFrom('membership').selectAll().where('organization_id', '=', orgB).execute(),
    invitations: await db.selectFrom('invitation').selectAll().where('organization_id', '=', orgB).execute(),
    accounts: await db
      .selectFrom('account')
      .select(['id', 'email', 'status', 'is_admin', 'version'])
      .where('email', 'like', '%@bravo.example')
      .execute(),
  });
}

describeEachEngine('an editor of organization A against every staff URL of organization B', (t) => {
  let app: RunningApp;
  let editorA: string | null;
  const b = { org: '', service: '', owner: '', editor: '', invitation: '', shortlist: '', referral: '' };
  const KEY = randomBytes(32);
  const SECRETS = [
    'Bravo Hidden Shelter',
    'owner@bravo.example',
    'editor@bravo.example',
    'invitee@bravo.example',
    'Bravo Night Service',
    'Bravo Private List',
    'Bravo Client Sentinel',
  ];

  beforeAll(async () => {
    app = await startTestApp(t.db, { env: { DATA_ENCRYPTION_KEY: KEY.toString('base64') } });
    const orgA = await createOrganization(t.db, 'Alpha House');
    b.org = await createOrganization(t.db, 'Bravo Hidden Shelter', 'pending');
    await createStaff(t.db, 'editor@alpha.example', 'editor', orgA);
    b.owner = await createStaff(t.db, 'owner@bravo.example', 'owner', b.org);
    b.editor = await createStaff(t.db, 'editor@bravo.example', 'editor', b.org);
    b.service = (
      await t.db
        .insertInto('service')
        .values({ organization_id: b.org, name: 'Bravo Night Service' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    b.invitation = (
      await t.db
        .insertInto('invitation')
        .values({
          organization_id: b.org,
          email: 'invitee@bravo.example',
          role: 'editor',
          token_hash: 'x'.repeat(64),
          invited_by: b.owner,
          expires_at: new Date(Date.now() + 86_400_000),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    // B's caseworker keeps a shortlist and has sent a referral to a third organization.
    const caseworkerB = await createStaff(t.db, 'caseworker@bravo.example', 'caseworker', b.org);
    b.shortlist = await createShortlist(t.db, { ownerId: caseworkerB, name: 'Bravo Private List' });
    const orgC = await createOrganization(t.db, 'Charlie Clinic');
    await createStaff(t.db, 'owner@charlie.example', 'owner', orgC);
    const serviceC = (
      await t.db
        .insertInto('service')
        .values({ organization_id: orgC, name: 'Charlie Legal Aid' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    b.referral = await sendReferral(
      t.db,
      makeKeyring(KEY),
      {
        service: (await findReferrableService(t.db, serviceC))!,
        senderAccountId: caseworkerB,
        senderOrganizationId: b.org,
        clientLanguage: 'en',
        client: { reference: 'Bravo Client Sentinel', contact: '', notes: 'Bravo Client Sentinel' },
      },
      { siteName: 'Haven', baseUrl: 'http://haven.test' },
    );
    editorA = (await signIn(app.baseUrl, 'editor@alpha.example')).cookie;
  });
  afterAll(() => app.stop());

  it('gets 403/404 for B’s URLs, never B’s data, and changes nothing of B', async () => {
    const files = routeFiles().filter((file) => isStaffRoute(file) && !PUBLIC_STAFF_ROUTES[file]);
    expect(files).toContain('staff.organizations.$id_.members.tsx');
    const before = await snapshotOfB(t.db, b.org);
    const auditBefore = await t.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.max('id').as('last'))
      .executeTakeFirstOrThrow();
    // Every id of B, for every parameter and in every likely form field.
    const ids = [b.org, b.service, b.owner, b.editor, b.invitation, b.shortlist, b.referral];
    const fields = (id: string) => ({
      id,
      organizationId: b.org,
      organization_id: b.org,
      serviceId: b.service,
      accountId: b.owner,
      invitationId: b.invitation,
      shortlistId: b.shortlist,
      referralId: b.referral,
      email: 'owner@bravo.example',
      role: 'owner',
      value: 'on',
    });
    const intents = [
      'invite',
      'remove',
      'revoke',
      'disable',
      'admin',
      'membership',
      'sign_out',
      'save',
      'delete',
      'verify',
    ];
    const problems: string[] = [];
    let requests = 0;
    for (const file of files) {
      const params = paramsOf(file);
      for (const id of params.length > 0 ? ids : [b.org]) {
        const path = urlOf(file, () => id);
        const check = async (method: string, response: Response) => {
          requests += 1;
          const body = await response.text();
          const leaked = SECRETS.filter((secret) => body.includes(secret));
          if (leaked.length > 0) problems.push(`${method} ${file} (${id}) shows ${leaked.join(', ')}`);
          if (response.status >= 500) problems.push(`${method} ${file} (${id}) answered ${response.status}`);
          if (params.length > 0 && ![403, 404, 405].includes(response.status)) {
            // A page for another stage of signing in sends a full session to sign-in: not B's.
            const location = response.headers.get('location') ?? '';
            if (!(response.status === 302 && location.startsWith('/staff/sign-in')))
              problems.push(`${method} ${file} (${id}) answered ${response.status}`);
          }
        };
        await check(
          'GET',
          await fetch(`${app.baseUrl}${path}`, { redirect: 'manual', headers: { Cookie: editorA! } }),
        );
        for (const intent of intents)
          await check('POST', await postForm(`${app.baseUrl}${path}`, { ...fields(id), intent }, editorA));
      }
    }
    expect(problems).toEqual([]);
    expect(requests).toBeGreaterThan(files.length * 10);
    expect(await snapshotOfB(t.db, b.org)).toBe(before);
    const auditAfter = await t.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id'])
      .where('id', '>', Number(auditBefore.last))
      .execute();
    expect(auditAfter.filter((row) => ids.includes(row.entity_id ?? ''))).toEqual([]);
    // The editor was still signed in the whole time (the requests were not refused for that).
    const home = await fetch(`${app.baseUrl}/staff`, { redirect: 'manual', headers: { Cookie: editorA! } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Alpha House');
  });
});
