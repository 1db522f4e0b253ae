import type { Kysely } from 'kysely';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { pickDatabase, type ReadReplica, ReplicaMonitor } from './routing';
import type { Database } from './types';

const primary = { name: 'primary' } as unknown as Kysely<Database>;
const replicaDb = { name: 'replica' } as unknown as Kysely<Database>;
const replica: ReadReplica = { db: replicaDb, maxLagS: 5, status: () => ({ state: 'healthy', lag_s: 0 }) };

describe('pickDatabase', () => {
  it.each([
    ['GET', '/search', undefined, replicaDb],
    ['HEAD', '/api/v1/services', 'hl=es', replicaDb],
    ['POST', '/language', undefined, primary],
    ['GET', '/staff', undefined, primary],
    ['GET', '/staff/services/1/edit', undefined, primary],
    ['GET', '/staffing-agencies', undefined, replicaDb],
    ['GET', '/join', undefined, primary],
    ['GET', '/invitations/abc', undefined, primary],
    ['GET', '/joinery', undefined, replicaDb],
    ['GET', '/search', 'hl=es; haven_fresh=1', primary],
  ])('%s %s (cookie %s) reads the right database', (method, path, cookie, expected) => {
    expect(pickDatabase(primary, replica, { method, path, cookie })).toBe(expected);
  });

  it('uses the primary for everything when no replica is configured', () => {
    expect(pickDatabase(primary, undefined, { method: 'GET', path: '/search' })).toBe(primary);
  });
});

describe('ReplicaMonitor', () => {
  it('skips a replica that lags beyond the bound or does not answer, with a warning, and uses it again when healthy', async () => {
    const answers: Array<number | Error> = [0.2, 12, new Error('connect ECONNREFUSED'), 0];
    const pool = {
      query: async () => {
        const next = answers.shift()!;
        if (next instanceof Error) throw next;
        return { rows: [{ lag_s: next }] };
      },
    } as unknown as pg.Pool;
    const lines: string[] = [];
    const log = {
      warn: (message: string) => lines.push(`warn ${message}`),
      info: (message: string) => lines.push(`info ${message}`),
    };
    const monitor = new ReplicaMonitor(pool, 5, log, 60_000);
    const check = () => (monitor as unknown as { check(): Promise<void> }).check();
    await monitor.start();
    monitor.stop();
    expect(monitor.status()).toEqual({ state: 'healthy', lag_s: 0.2 });
    await check();
    expect(monitor.usable()).toBe(false);
    expect(monitor.status()).toEqual({ state: 'lagging', lag_s: 12 });
    await check();
    expect(monitor.status()).toEqual({ state: 'down' });
    await check();
    expect(monitor.usable()).toBe(true);
    expect(lines).toEqual([
      'info read replica in use',
      'warn read replica skipped: lagging; reads go to the primary',
      'warn read replica skipped: down; reads go to the primary',
      'info read replica in use',
    ]);
  });
});
