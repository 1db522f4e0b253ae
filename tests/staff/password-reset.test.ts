/**
 * Password reset by email (issue 11): the same answer for unknown emails, a single-use token
 * that expires in 30 minutes, the one password schema, and every other session ended.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { createOrganization, createStaff, postForm, signIn } from '../helpers/staff';

const NEW_PASSWORD = 'copper lantern orchard 88';

describeEachEngine('password reset', (t) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp(t.db);
    const id = await createStaff(t.db, 'reset@example.org', 'admin');
    await t.db.updateTable('account').set({ locale: 'es' }).where('id', '=', id).execute();
  });
  afterAll(() => app.stop());

  const latestLink = async () => {
    const mail = await t.db
      .selectFrom('mail_outbox')
      .select(['body', 'subject', 'recipient'])
      .where('kind', '=', 'passwordReset')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return { ...mail, link: /http:\/\/[^\s]+\/staff\/reset-password\/[A-Za-z0-9_-]{43}/.exec(mail.body)![0] };
  };

  it('answers the same for an unknown email and mails only a real account, in its language', async () => {
    const known = await postForm(`${app.baseUrl}/staff/forgot-password`, { email: 'reset@example.org' });
    const unknown = await postForm(`${app.baseUrl}/staff/forgot-password`, { email: 'ghost@example.org' });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const strip = (html: string) => html.replace(/nonce="[^"]+"/g, '');
    expect(strip(await unknown.text())).toBe(strip(await known.text()));
    const mails = await t.db
      .selectFrom('mail_outbox')
      .select('recipient')
      .where('kind', '=', 'passwordReset')
      .execute();
    expect(mails).toEqual([{ recipient: 'reset@example.org' }]);
    expect((await latestLink()).subject).toBe('Restablezca su contraseña de Haven');
    expect((await postForm(`${app.baseUrl}/staff/forgot-password`, { email: 'nope' })).status).toBe(400);
  });

  it('sets a new password once, through the password schema, and ends every session', async () => {
    const before = await signIn(app.baseUrl, 'reset@example.org');
    await postForm(`${app.baseUrl}/staff/forgot-password`, { email: 'reset@example.org' });
    const { link } = await latestLink();
    expect((await fetch(link)).status).toBe(200);
    const weak = await postForm(link, { password: 'qwerty123456' });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('common or breached');
    const done = await postForm(link, { password: NEW_PASSWORD });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/staff/sign-in?reset=1');
    expect(
      (await fetch(`${app.baseUrl}/staff`, { redirect: 'manual', headers: { Cookie: before.cookie! } }))
        .status,
    ).toBe(302);
    expect((await signIn(app.baseUrl, 'reset@example.org')).response.status).toBe(400);
    expect((await signIn(app.baseUrl, 'reset@example.org', NEW_PASSWORD)).response.status).toBe(302);
    // Single use.
    expect((await fetch(link)).status).toBe(404);
    expect((await postForm(link, { password: 'another fine passphrase 7' })).status).toBe(400);
    const actions = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'like', 'auth.password_reset%')
      .execute();
    expect(actions.map((row) => row.action).sort()).toEqual([
      'auth.password_reset',
      'auth.password_reset_requested',
      'auth.password_reset_requested',
    ]);
  });

  it('refuses a link older than 30 minutes, and an earlier link once a new one is sent', async () => {
    await postForm(`${app.baseUrl}/staff/forgot-password`, { email: 'reset@example.org' });
    const first = (await latestLink()).link;
    await postForm(`${app.baseUrl}/staff/forgot-password`, { email: 'reset@example.org' });
    const second = (await latestLink()).link;
    expect(second).not.toBe(first);
    expect((await fetch(first)).status).toBe(404);
    expect((await fetch(second)).status).toBe(200);
    await t.db
      .updateTable('account_token')
      .set({ expires_at: sql`now() - interval '1 second'` })
      .where('purpose', '=', 'password_reset')
      .execute();
    expect((await fetch(second)).status).toBe(404);
    expect((await postForm(second, { password: 'another fine passphrase 7' })).status).toBe(400);
  });

  it('limits reset requests: the 6th for one email in 15 minutes is refused and sends nothing', async () => {
    await createStaff(t.db, 'limit@example.org', 'editor', await createOrganization(t.db, 'Limit Org'));
    for (let request = 0; request < 5; request += 1)
      expect(
        (await postForm(`${app.baseUrl}/staff/forgot-password`, { email: 'limit@example.org' })).status,
      ).toBe(200);
    const refused = await postForm(`${app.baseUrl}/staff/forgot-password`, { email: 'limit@example.org' });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Too many requests for a reset link');
    // An email without an account is counted the same way (the answers never tell them apart).
    for (let request = 0; request < 5; request += 1)
      expect(
        (await postForm(`${app.baseUrl}/staff/forgot-password`, { email: 'ghost2@example.org' })).status,
      ).toBe(200);
    expect(
      (await postForm(`${app.baseUrl}/staff/forgot-password`, { email: 'ghost2@example.org' })).status,
    ).toBe(429);
    const mails = await t.db
      .selectFrom('mail_outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('recipient', '=', 'limit@example.org')
      .executeTakeFirstOrThrow();
    expect(Number(mails.n)).toBe(5);
  });
});
