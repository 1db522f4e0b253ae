/**
 * Sessions (issue 11): a new id at every sign-in, idle and absolute expiry, sign-out deletes
 * the row, the cookie's attributes, and the brute-force limit.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { hashToken } from '../../app/accounts/session.server';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { createStaff, postForm, signIn, STAFF_PASSWORD } from '../helpers/staff';

function token(cookie: string): string {
  // Remix signs the value: base64(JSON string) + '.' + signature.
  const raw = decodeURIComponent(cookie.split('=').slice(1).join('='));
  const encoded = raw.slice(0, raw.lastIndexOf('.'));
  return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as string;
}

describeEachEngine('staff sessions', (t) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp(t.db);
    await createStaff(t.db, 'session@example.org', 'admin');
  });
  afterAll(() => app.stop());
  beforeEach(async () => {
    await t.db.deleteFrom('login_attempt').execute();
  });

  const staffHome = (cookie: string | null) =>
    fetch(`${app.baseUrl}/staff`, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });

  it('signs in with a fresh HttpOnly, SameSite=Lax cookie whose hash is the session id', async () => {
    const { response, cookie } = await signIn(app.baseUrl, 'session@example.org');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/staff');
    const header = response.headers.getSetCookie().find((value) => value.startsWith('haven_session='))!;
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).toMatch(/Path=\//);
    const raw = token(cookie!);
    expect(Buffer.from(raw, 'base64url')).toHaveLength(32);
    const row = await t.db
      .selectFrom('session')
      .select('id')
      .where('id', '=', hashToken(raw))
      .executeTakeFirst();
    expect(row).toBeDefined();
    expect(
      await t.db.selectFrom('session').select('id').where('id', '=', raw).executeTakeFirst(),
    ).toBeUndefined();
    expect((await staffHome(cookie)).status).toBe(200);
  });

  it('rotates the session id at sign-in: the old cookie stops working', async () => {
    const first = await signIn(app.baseUrl, 'session@example.org');
    const second = await signIn(app.baseUrl, 'session@example.org', STAFF_PASSWORD, first.cookie!);
    expect(second.cookie).not.toBe(first.cookie);
    expect(token(second.cookie!)).not.toBe(token(first.cookie!));
    expect((await staffHome(first.cookie)).status).toBe(302);
    expect((await staffHome(second.cookie)).status).toBe(200);
  });

  it('ends a session idle for 30 minutes, and one older than 12 hours even when active', async () => {
    const idle = await signIn(app.baseUrl, 'session@example.org');
    const idleId = hashToken(token(idle.cookie!));
    await t.db
      .updateTable('session')
      .set({ last_seen_at: sql`now() - interval '31 minutes'` })
      .where('id', '=', idleId)
      .execute();
    const response = await staffHome(idle.cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toMatch(/^\/staff\/sign-in\?redirectTo=%2Fstaff/);
    expect(
      await t.db.selectFrom('session').select('id').where('id', '=', idleId).executeTakeFirst(),
    ).toBeUndefined();

    const old = await signIn(app.baseUrl, 'session@example.org');
    const oldId = hashToken(token(old.cookie!));
    await t.db
      .updateTable('session')
      .set({ expires_at: sql`now() - interval '1 second'`, last_seen_at: sql`now()` })
      .where('id', '=', oldId)
      .execute();
    expect((await staffHome(old.cookie)).status).toBe(302);

    const fresh = await signIn(app.baseUrl, 'session@example.org');
    await t.db
      .updateTable('session')
      .set({ last_seen_at: sql`now() - interval '29 minutes'` })
      .where('id', '=', hashToken(token(fresh.cookie!)))
      .execute();
    expect((await staffHome(fresh.cookie)).status).toBe(200);
  });

  it('signs out by deleting the row: the same cookie no longer opens a staff page', async () => {
    const { cookie } = await signIn(app.baseUrl, 'session@example.org');
    const id = hashToken(token(cookie!));
    const out = await postForm(`${app.baseUrl}/staff/sign-out`, {}, cookie);
    expect(out.status).toBe(302);
    expect(out.headers.getSetCookie().join(';')).toMatch(/haven_session=;.*Max-Age=0/i);
    expect(
      await t.db.selectFrom('session').select('id').where('id', '=', id).executeTakeFirst(),
    ).toBeUndefined();
    expect((await staffHome(cookie)).status).toBe(302);
    const audit = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'auth.sign_out')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('refuses a forged or tampered cookie', async () => {
    const { cookie } = await signIn(app.baseUrl, 'session@example.org');
    const tampered = cookie!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await staffHome(tampered)).status).toBe(302);
  });

  it('refuses the 11th attempt within 15 minutes even with the right password', async () => {
    await createStaff(t.db, 'target@example.org', 'admin');
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const { response } = await signIn(
        app.baseUrl,
        'target@example.org',
        `wrong password number ${attempt}`,
      );
      expect(response.status).toBe(400);
    }
    const locked = await signIn(app.baseUrl, 'target@example.org');
    expect(locked.response.status).toBe(429);
    expect(locked.cookie).toBeNull();
    expect(await locked.response.text()).toContain('Too many failed attempts');
    const actions = await t.db.selectFrom('audit_event').select('action').execute();
    expect(actions.filter((row) => row.action === 'auth.sign_in_failed').length).toBeGreaterThanOrEqual(10);
    expect(actions.some((row) => row.action === 'auth.sign_in_locked')).toBe(true);
    // After the window the right password works again.
    await t.db
      .updateTable('login_attempt')
      .set({ attempted_at: sql`now() - interval '16 minutes'` })
      .execute();
    expect((await signIn(app.baseUrl, 'target@example.org')).response.status).toBe(302);
  });

  it('answers an unknown email exactly like a wrong password, and locks it the same way', async () => {
    const wrong = await signIn(app.baseUrl, 'session@example.org', 'not the right password 1');
    const unknown = await signIn(app.baseUrl, 'nobody@example.org', 'not the right password 1');
    expect(unknown.response.status).toBe(wrong.response.status);
    const strip = (html: string) =>
      html
        .replace(/nonce="[^"]+"/g, '')
        .replaceAll('session@example.org', 'EMAIL')
        .replaceAll('nobody@example.org', 'EMAIL');
    expect(strip(await unknown.response.text())).toBe(strip(await wrong.response.text()));
    for (let attempt = 2; attempt <= 10; attempt += 1)
      await signIn(app.baseUrl, 'nobody@example.org', `not the right password ${attempt}`);
    expect((await signIn(app.baseUrl, 'nobody@example.org')).response.status).toBe(429);
  });

  it('throttles per client address across accounts', async () => {
    await t.db.deleteFrom('login_attempt').execute();
    for (let attempt = 1; attempt <= 10; attempt += 1)
      await signIn(app.baseUrl, `spray${attempt}@example.org`, 'a guessed password 1');
    // The 11th failure from this address is refused even for a real account with the right password.
    expect((await signIn(app.baseUrl, 'session@example.org')).response.status).toBe(429);
    await t.db.deleteFrom('login_attempt').execute();
  });
});
