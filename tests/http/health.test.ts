/**
 * GET /healthz under load (app/http/health.server.ts): a probe that waits behind busy
 * connections is answered by any statement that succeeds meanwhile, so a loaded database is not
 * reported down (the cluster's balancer took loaded processes out on that); a database that
 * answers nothing is.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { databaseIsUp, watchAnswers } from '../../app/http/health.server';
import { describeEachEngine } from '../helpers/db';

describeEachEngine('database health check', (t) => {
  // The test database's pool: 5 PostgreSQL connections; PGlite runs one statement at a time.
  const connections = () => (t.engine === 'postgres' ? 5 : 1);
  const sleep = (db: typeof t.db, seconds: number) =>
    sql`select pg_sleep(${seconds})`.execute(db).then(() => undefined);

  /** Every connection busy for `short` s, then again for `long` s: the probe starts after both. */
  const busy = (db: typeof t.db, short: number, long: number) =>
    Promise.all([
      ...Array.from({ length: connections() }, () => sleep(db, short)),
      ...Array.from({ length: connections() }, () => sleep(db, long)),
    ]);

  it('reports a busy database up when another statement succeeds while the probe waits', async () => {
    const db = watchAnswers(t.db);
    const load = busy(db, 0.15, 0.8);
    const started = Date.now();
    expect(await databaseIsUp(db, 500)).toBe(true);
    expect(Date.now() - started).toBeLessThan(500);
    await load;
  });

  // PGlite in this thread runs each statement to its end before the next (and its timers): it
  // cannot be kept busy while a probe waits, so the waiting cases need PostgreSQL's pool.
  const waiting = it.skipIf(t.engine === 'pglite');

  waiting('without the watch, the same probe times out behind the busy connections', async () => {
    const load = busy(t.db, 0.15, 0.8);
    expect(await databaseIsUp(t.db, 500)).toBe(false);
    await load;
  });

  waiting('reports a database that answers nothing within the time down', async () => {
    const db = watchAnswers(t.db);
    const load = busy(db, 0.8, 0.8);
    expect(await databaseIsUp(db, 300)).toBe(false);
    await load;
  });
});
