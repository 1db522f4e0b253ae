/**
 * Two-factor sign-in (issue 11): forced set-up for admins and owners, the code step, the
 * encrypted secret, single-use codes and recovery codes, rotation, and the throttle.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createAccount } from '../../app/accounts/accounts.server';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import {
  cookieFrom,
  createOrganization,
  createStaff,
  postForm,
  signIn,
  STAFF_PASSWORD,
  totpCode,
  totpCodeFor,
} from '../helpers/staff';

describeEachEngine('two-factor sign-in', (t) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp(t.db);
  });
  afterAll(() => app.stop());
  beforeEach(async () => {
    await t.db.deleteFrom('login_attempt').execute();
  });

  const get = (path: string, cookie: string | null) =>
    fetch(`${app.baseUrl}${path}`, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });

  /** The secret shown on the set-up page (in the otpauth:// link). */
  const setupSecret = async (cookie: string) => {
    const page = await get('/staff/security', cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    return /secret=([A-Z2-7]+)/.exec(html)![1]!;
  };

  it('sends an admin without two-factor to set it up, and nowhere else, until it is on', async () => {
    // As `npm run user:create` makes the first admin: no second factor yet.
    await createAccount(t.db, { email: 'first-admin@example.org', password: STAFF_PASSWORD, role: 'admin' });
    const { response, cookie } = await signIn(app.baseUrl, 'first-admin@example.org');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/staff/security');
    // The enrolment session opens no other staff page.
    const home = await get('/staff', cookie);
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toMatch(/^\/staff\/sign-in/);
    const signInPage = await get('/staff/sign-in', cookie);
    expect(signInPage.headers.get('location')).toBe('/staff/security');
    expect((await get('/staff/admin/accounts', cookie)).status).toBe(302);
    // Nor can it skip the step by turning anything else on or off.
    expect(
      (await postForm(`${app.baseUrl}/staff/security`, { intent: 'disable', code: '123456' }, cookie)).status,
    ).toBe(403);

    const secret = await setupSecret(cookie!);
    expect(await setupSecret(cookie!)).toBe(secret); // the same secret until confirmed
    const stored = await t.db
      .selectFrom('account')
      .select(['totp_secret', 'totp_enabled_at'])
      .where('email', '=', 'first-admin@example.org')
      .executeTakeFirstOrThrow();
    expect(stored.totp_enabled_at).toBeNull();
    expect(stored.totp_secret).toMatch(/^v1\./);
    expect(stored.totp_secret).not.toContain(secret);

    const wrong = await postForm(
      `${app.baseUrl}/staff/security`,
      { intent: 'enable', code: '000000' },
      cookie,
    );
    expect(wrong.status).toBe(400);
    const enabled = await postForm(
      `${app.baseUrl}/staff/security`,
      { intent: 'enable', code: await totpCodeFor(secret) },
      cookie,
    );
    expect(enabled.status).toBe(200);
    const html = await enabled.text();
    const codes = [...html.matchAll(/<code>([a-z2-7]{5}-[a-z2-7]{5})<\/code>/g)].map((match) => match[1]!);
    expect(codes).toHaveLength(10);
    // The page with the codes still needs its session; "continue" rotates it into a full one.
    expect((await get('/staff', cookie)).status).toBe(302);
    const next = await postForm(`${app.baseUrl}/staff/security`, { intent: 'continue' }, cookie);
    expect(next.status).toBe(302);
    expect(next.headers.get('location')).toBe('/staff');
    const full = cookieFrom(next);
    expect(full).not.toBe(cookie);
    expect((await get('/staff', cookie)).status).toBe(302);
    expect((await get('/staff', full)).status).toBe(200);
    // Recovery codes are stored only as hashes.
    const hashes = await t.db.selectFrom('recovery_code').select('code_hash').execute();
    expect(hashes).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(hashes)).not.toContain(code.replace('-', ''));
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'after'])
      .where('action', '=', 'auth.two_factor_enabled')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(secret);

    // Next sign-in: the password leads to the code step; a code works once; a recovery code once.
    const partial = await signIn(app.baseUrl, 'first-admin@example.org');
    expect(partial.response.headers.get('location')).toBe('/staff/two-factor?redirectTo=%2Fstaff');
    expect((await get('/staff', partial.cookie)).status).toBe(302);
    // The step of the code that turned it on is spent; act as if 30 seconds had passed.
    await t.db
      .updateTable('account')
      .set({ totp_last_step: null })
      .where('email', '=', 'first-admin@example.org')
      .execute();
    const code = await totpCodeFor(secret);
    const second = await postForm(`${app.baseUrl}/staff/two-factor`, { code }, partial.cookie);
    expect(second.status).toBe(302);
    expect(second.headers.get('location')).toBe('/staff');
    expect(cookieFrom(second)).not.toBe(partial.cookie);
    expect((await get('/staff', cookieFrom(second))).status).toBe(200);
    expect((await get('/staff', partial.cookie)).status).toBe(302); // rotated away

    const replay = await signIn(app.baseUrl, 'first-admin@example.org');
    expect((await postForm(`${app.baseUrl}/staff/two-factor`, { code }, replay.cookie)).status).toBe(400);
    const recovery = await postForm(
      `${app.baseUrl}/staff/two-factor`,
      { code: codes[0]!.toUpperCase() },
      replay.cookie,
    );
    expect(recovery.status).toBe(302);
    expect(recovery.headers.get('location')).toBe('/staff/security?recovery=used');
    const again = await signIn(app.baseUrl, 'first-admin@example.org');
    expect(
      (await postForm(`${app.baseUrl}/staff/two-factor`, { code: codes[0]! }, again.cookie)).status,
    ).toBe(400);
    // An admin cannot turn it off.
    const off = await postForm(
      `${app.baseUrl}/staff/security`,
      { intent: 'disable', code: codes[1]! },
      cookieFrom(recovery),
    );
    expect(off.status).toBe(403);
  });

  it('refuses the 11th wrong code within 15 minutes even when right, and audits the failures', async () => {
    const id = await createStaff(t.db, 'locked@example.org', 'admin');
    const { cookie } = await signIn(app.baseUrl, 'locked@example.org', STAFF_PASSWORD, undefined, {
      secondFactor: false,
    });
    for (let attempt = 0; attempt < 10; attempt += 1)
      expect((await postForm(`${app.baseUrl}/staff/two-factor`, { code: '000000' }, cookie)).status).toBe(
        400,
      );
    const refused = await postForm(
      `${app.baseUrl}/staff/two-factor`,
      { code: await totpCode('locked@example.org') },
      cookie,
    );
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Too many wrong codes');
    const failures = await t.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'auth.two_factor_failed')
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(failures.n)).toBe(10);
  });

  it('leaves two-factor optional for an editor, who may turn it on and off', async () => {
    const org = await createOrganization(t.db, 'Optional Org');
    await createStaff(t.db, 'editor@example.org', 'editor', org);
    const { response, cookie } = await signIn(app.baseUrl, 'editor@example.org');
    expect(response.headers.get('location')).toBe('/staff');
    const secret = await setupSecret(cookie!);
    const on = await postForm(
      `${app.baseUrl}/staff/security`,
      { intent: 'enable', code: await totpCodeFor(secret) },
      cookie,
    );
    expect(on.status).toBe(200);
    const full = cookieFrom(await postForm(`${app.baseUrl}/staff/security`, { intent: 'continue' }, cookie));
    // A fresh code of a later step is needed to turn it off (the same step was used).
    await t.db
      .updateTable('account')
      .set({ totp_last_step: null })
      .where('email', '=', 'editor@example.org')
      .execute();
    const off = await postForm(
      `${app.baseUrl}/staff/security`,
      { intent: 'disable', code: await totpCodeFor(secret) },
      full,
    );
    expect(off.status).toBe(200);
    expect((await signIn(app.baseUrl, 'editor@example.org')).response.headers.get('location')).toBe('/staff');
  });
});
