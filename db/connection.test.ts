/**
 * PostgreSQL connections that die while idle in the pool (a server restart, an administrator's
 * pg_terminate_backend) must not crash the process: the pool reports them and reconnects.
 * PostgreSQL only — PGlite has no connections to lose.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { adminUrl, createDatabaseNamed, dropDatabaseNamed } from '../tests/helpers/postgres';
import { createDatabase } from './index';

const template = inject('postgresTemplate');

describe.skipIf(!template)('PostgreSQL pool [postgres]', () => {
  it('survives an idle connection being terminated, and reconnects', async () => {
    const name = `haven_test_${randomBytes(6).toString('hex')}`;
    await createDatabaseNamed(template!.url, name, template!.name);
    const errors: Error[] = [];
    const handle = await createDatabase({
      databaseUrl: adminUrl(template!.url, name),
      maxConnections: 1,
      onIdleConnectionError: (error) => errors.push(error),
    });
    try {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db);
      const pid = rows[0]!.pid;
      await createDatabase({ databaseUrl: template!.url, maxConnections: 1 }).then(async (admin) => {
        await sql`select pg_terminate_backend(${pid})`.execute(admin.db);
        await admin.close();
      });
      await expect.poll(() => errors.length).toBe(1);
      expect(errors[0]!.message).toMatch(/terminat/);
      const again = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db);
      expect(again.rows[0]!.pid).not.toBe(pid);
    } finally {
      await handle.close();
      await dropDatabaseNamed(template!.url, name);
    }
  });
});
