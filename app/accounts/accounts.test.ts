import { expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { AccountError, createAccount } from './accounts.server';
import { verifyPassword } from './password.server';

describeEachEngine('accounts', (t) => {
  it('creates an admin with an argon2id hash, never the password itself, and audits it', async () => {
    const account = await createAccount(t.db, {
      email: ' Admin@Example.org ',
      password: 'violet ferry mountain 2026',
      role: 'admin',
    });
    const row = await t.db
      .selectFrom('account')
      .selectAll()
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(row.email).toBe('admin@example.org');
    expect(row.is_admin).toBe(true);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(row.password_hash, 'violet ferry mountain 2026')).toBe(true);
    expect(await verifyPassword(row.password_hash, 'wrong ferry mountain 2026')).toBe(false);
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'after'])
      .where('entity_id', '=', account.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).not.toContain('ferry');
  });

  it('refuses a duplicate email, a short password and an editor without an organization', async () => {
    await expect(
      createAccount(t.db, { email: 'admin@example.org', password: 'another long password', role: 'admin' }),
    ).rejects.toThrow(AccountError);
    await expect(
      createAccount(t.db, { email: 'b@example.org', password: 'short', role: 'admin' }),
    ).rejects.toThrow(/12 characters/);
    await expect(
      createAccount(t.db, { email: 'c@example.org', password: 'long enough password', role: 'editor' }),
    ).rejects.toThrow(/--org/);
    const unknownOrg = '00000000-0000-4000-8000-000000000000';
    await expect(
      createAccount(t.db, {
        email: 'c@example.org',
        password: 'long enough password',
        role: 'editor',
        organizationId: unknownOrg,
      }),
    ).rejects.toThrow(/No organization/);
    expect(await t.db.selectFrom('account').select('email').execute()).toEqual([
      { email: 'admin@example.org' },
    ]);
  });
});
