/**
 * The embedded engine in a worker thread (docs/decisions/003): a statement that never returns —
 * injected here as an endless PL/pgSQL loop, which spins the CPU inside WebAssembly as the PGlite
 * spin does — is cut off at its deadline, the worker is restarted on the same data directory,
 * and the data committed before is still there.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from './index';
import { DatabaseUnavailableError } from './unavailable';

const STALL = sql`do $$ begin loop end loop; end $$`;

let dir: string;
let handle: DatabaseHandle;
const restarts: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'haven-pglite-thread-'));
  handle = await createDatabase({
    pgliteDir: path.join(dir, 'data'),
    pgliteDataDir: new Blob([readFileSync(inject('pgliteTemplatePath'))]),
    pgliteWorker: { statementTimeoutMs: 5000, onRestart: (reason) => restarts.push(reason) },
  });
});
afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('answers queries from a worker thread, with the same types as in this thread', async () => {
  const { rows } = await sql<{ n: number; d: string; t: Date }>`
    select count(*) as n, date '2026-01-02' as d, timestamptz '2026-01-02T03:04:05Z' as t`.execute(handle.db);
  expect(rows).toEqual([{ n: 1, d: '2026-01-02', t: new Date('2026-01-02T03:04:05Z') }]);
});

it('passes PostgreSQL errors through with their code', async () => {
  await expect(sql`select * from no_such_table`.execute(handle.db)).rejects.toMatchObject({ code: '42P01' });
});

it('cuts off a stalled statement, restarts the worker, keeps committed data and the main thread free', async () => {
  await handle.db
    .insertInto('organization')
    .values({
      id: '00000000-0000-4000-8000-00000000f00d',
      name: 'Committed before the stall',
      description: 'x',
    })
    .execute();
  const ticks: number[] = [];
  const ticker = setInterval(() => ticks.push(Date.now()), 100);
  const started = Date.now();
  let stalledError: unknown;
  // The stall happens inside a transaction: its later statements must fail, not run outside it.
  const transaction = handle.db.transaction().execute(async (trx) => {
    await sql`select 1`.execute(trx);
    await STALL.execute(trx).catch((error: unknown) => {
      stalledError = error;
    });
    await sql`select 2`.execute(trx);
  });
  const queued = sql`select 1 as one`.execute(handle.db);
  await expect(transaction).rejects.toBeInstanceOf(DatabaseUnavailableError);
  clearInterval(ticker);
  expect(stalledError).toBeInstanceOf(DatabaseUnavailableError);
  expect(Date.now() - started).toBeLessThan(30_000);
  // The main thread's timers kept running while the worker spun.
  expect(ticks.length).toBeGreaterThanOrEqual(8);
  expect(restarts).toHaveLength(1);
  expect(restarts[0]).toContain('longer than 5000 ms');
  // The statement that was waiting for the connection runs on the new worker (which may take
  // a while to open the directory on a busy machine).
  expect((await queued).rows).toEqual([{ one: 1 }]);
  const found = await handle.db
    .selectFrom('organization')
    .select('name')
    .where('id', '=', '00000000-0000-4000-8000-00000000f00d')
    .execute();
  expect(found).toEqual([{ name: 'Committed before the stall' }]);
}, 150_000);
