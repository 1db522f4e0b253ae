/**
 * [cluster] Faults survived (issue 16, point 3), on the scripted cluster of scripts/lib/cluster.ts:
 * a PostgreSQL primary and streaming replica, two Haven processes, HAProxy in front.
 *   (a) the primary restarts under reads and writes: the apps recover without a restart, every
 *       acknowledged write is there afterwards, errors during the outage are 503 + Retry-After;
 *   (b) the replica stops: public reads continue on the primary with no error;
 *   (c) one Haven process is killed: the balancer keeps serving;
 *   (d) PGlite: the import process is killed mid-import: the data directory opens and holds all
 *       of the import or none of it.
 * Each load runs a bounded number of seconds; what was sent and seen is printed at the end.
 * Writes go through Haven's database layer (db/index.ts, the same pool code the app uses) from
 * this process: no public HTTP endpoint writes to the database yet.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../db/index';
import { type Cluster, clusterTools, startCluster } from '../../scripts/lib/cluster';

const tools = clusterTools();
if (!tools.ok && process.env.CI === 'true')
  throw new Error(`The cluster tests are required under CI; missing: ${tools.missing.join(', ')}`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Tally {
  sent: number;
  byKind: Record<string, number>;
  /** 503 responses without a Retry-After header (must stay 0). */
  without503Hint: number;
}

const report: Record<string, unknown> = {};
afterAll(() => {
  process.stdout.write(`\n[cluster] fault test figures: ${JSON.stringify(report, null, 2)}\n`);
});

/** Sends GETs from `concurrency` loops until `stop()` says so (and at most `seconds`). */
async function load(
  urls: string[],
  options: { seconds: number; concurrency?: number; headers?: Record<string, string>; until?: () => boolean },
): Promise<Tally> {
  const tally: Tally = { sent: 0, byKind: {}, without503Hint: 0 };
  const deadline = Date.now() + options.seconds * 1000;
  const count = (kind: string) => (tally.byKind[kind] = (tally.byKind[kind] ?? 0) + 1);
  await Promise.all(
    Array.from({ length: options.concurrency ?? 4 }, async (_, worker) => {
      for (let i = worker; Date.now() < deadline && !(options.until?.() ?? false); i += 1) {
        tally.sent += 1;
        try {
          const response = await fetch(urls[i % urls.length]!, {
            headers: options.headers,
            signal: AbortSignal.timeout(10_000),
          });
          await response.arrayBuffer();
          count(String(response.status));
          if (response.status === 503 && !response.headers.get('retry-after')) tally.without503Hint += 1;
        } catch (error) {
          count(`network:${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name}`);
        }
      }
    }),
  );
  return tally;
}

describe.skipIf(!tools.ok)(
  '[cluster] faults survived: primary + replica + 2 Haven processes + HAProxy',
  () => {
    let cluster: Cluster;
    let primary: DatabaseHandle;
    const reads = (base: string) => [
      `${base}/api/v1/services?per_page=5`,
      `${base}/api/v1/services?q=legal`,
      `${base}/api/v1/taxonomy_terms`,
      `${base}/api/v1/organizations?per_page=3`,
    ];

    beforeAll(async () => {
      cluster = await startCluster({ apps: 2, log: (line) => process.stdout.write(`[cluster] ${line}\n`) });
      primary = await createDatabase({
        databaseUrl: cluster.primary.url,
        maxConnections: 2,
        onIdleConnectionError: () => {},
      });
    }, 240_000);
    afterAll(async () => {
      await primary?.close();
      await cluster?.stop();
      process.stdout.write(`\n[cluster] fault test figures: ${JSON.stringify(report, null, 2)}\n`);
    }, 60_000);

    const replicaState = async () =>
      ((await (await fetch(`${cluster.balancerUrl}/healthz`)).json()) as { replica?: { state: string } })
        .replica?.state;

    it('read-your-writes: a successful staff write leaves a short-lived marker that sends the next reads to the primary', async () => {
      // An anonymous visitor's write (the language choice) leaves no marker: no cookie but hl.
      const visitor = await fetch(`${cluster.balancerUrl}/language`, {
        method: 'POST',
        body: new URLSearchParams({ hl: 'es', redirectTo: '/' }),
        headers: { Origin: cluster.balancerUrl },
        redirect: 'manual',
      });
      expect(visitor.status).toBeLessThan(400);
      expect(visitor.headers.getSetCookie().filter((cookie) => cookie.startsWith('haven_fresh='))).toEqual(
        [],
      );

      const response = await fetch(`${cluster.balancerUrl}/staff/sign-out`, {
        method: 'POST',
        headers: { Origin: cluster.balancerUrl },
        redirect: 'manual',
      });
      expect(response.status).toBeLessThan(400);
      const cookies = response.headers.getSetCookie();
      // Max-Age: READ_MAX_LAG_S (5) + 1; `Secure` only under NODE_ENV=production (not in tests).
      expect(cookies.filter((cookie) => cookie.startsWith('haven_fresh='))).toEqual([
        expect.stringMatching(/^haven_fresh=1; Max-Age=6; Path=\/; HttpOnly; SameSite=Lax(; Secure)?$/),
      ]);
    });

    it('(b) stopping the replica: public reads continue on the primary with no error, and it is used again once back', async () => {
      expect(await replicaState()).toBe('healthy');
      const loading = load(reads(cluster.balancerUrl), { seconds: 4 });
      await sleep(800);
      await cluster.replica!.stop('fast');
      const tally = await loading;
      report.b_replica_stopped = tally;
      expect(tally.byKind).toEqual({ '200': tally.sent });
      expect(await replicaState()).toBe('down');

      await cluster.replica!.start();
      let state = await replicaState();
      for (let i = 0; state !== 'healthy' && i < 40; i += 1) {
        await sleep(250);
        state = await replicaState();
      }
      expect(state).toBe('healthy');
    }, 60_000);

    it('(a) restarting the primary under reads and writes: no crash, 503 + Retry-After meanwhile, every acknowledged write kept', async () => {
      const acknowledged: string[] = [];
      const writeErrors: Record<string, number> = {};
      let writing = true;
      const writer = (async () => {
        let attempts = 0;
        while (writing && attempts < 2000) {
          attempts += 1;
          const id = randomUUID();
          try {
            await primary.db
              .insertInto('organization')
              .values({ id, name: `Fault test ${id}`, description: 'x' })
              .execute();
            acknowledged.push(id);
          } catch (error) {
            const kind = (error as { code?: string }).code ?? (error as Error).message.slice(0, 40);
            writeErrors[kind] = (writeErrors[kind] ?? 0) + 1;
            await sleep(50);
          }
        }
        return attempts;
      })();
      // Public reads (replica) and fresh reads (the read-your-writes marker sends them to the primary).
      const publicLoad = load(reads(cluster.balancerUrl), { seconds: 6, concurrency: 2 });
      const freshLoad = load(reads(cluster.balancerUrl), {
        seconds: 6,
        concurrency: 2,
        headers: { Cookie: 'haven_fresh=1' },
      });
      await sleep(1000);
      await cluster.primary.restart();
      const [publicTally, freshTally] = await Promise.all([publicLoad, freshLoad]);
      writing = false;
      const writeAttempts = await writer;

      // Recovery without restarting anything: fresh reads answer 200 again within a bounded time.
      let recovered = 0;
      for (let i = 0; recovered !== 200 && i < 40; i += 1) {
        recovered = (
          await fetch(`${cluster.balancerUrl}/api/v1/services?per_page=1`, {
            headers: { Cookie: 'haven_fresh=1' },
          })
        ).status;
        if (recovered !== 200) await sleep(250);
      }
      const found = await primary.db
        .selectFrom('organization')
        .select('id')
        .where('id', 'in', acknowledged.length ? acknowledged : [randomUUID()])
        .execute();
      report.a_primary_restarted = {
        public_reads: publicTally,
        fresh_reads: freshTally,
        writes: {
          attempted: writeAttempts,
          acknowledged: acknowledged.length,
          found_afterwards: found.length,
          errors: writeErrors,
        },
      };

      for (const app of cluster.apps) {
        // A crash is the failure this test exists for: show why, not only that it happened.
        if (app.child.exitCode !== null)
          process.stderr.write(`[cluster] a Haven process exited:\n${app.output().slice(-4000)}\n`);
      }
      expect(recovered).toBe(200);
      for (const app of cluster.apps) expect(app.child.exitCode).toBeNull();
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(found.length).toBe(acknowledged.length);
      for (const tally of [publicTally, freshTally]) {
        expect(Object.keys(tally.byKind).filter((kind) => kind !== '200' && kind !== '503')).toEqual([]);
        expect(tally.without503Hint).toBe(0);
      }
      expect(publicTally.byKind['503'] ?? 0).toBe(0);
    }, 90_000);

    it('(c) killing one Haven process: the balancer keeps serving', async () => {
      const loading = load(reads(cluster.balancerUrl), { seconds: 4 });
      await sleep(800);
      await cluster.apps[0]!.kill();
      const tally = await loading;
      report.c_app_killed = tally;
      // A response cut off mid-way by the kill cannot be retried by the balancer: at most the
      // requests in flight on that process (one per load loop) may fail, and only as a cut
      // connection; every other request is served.
      const failed = Object.entries(tally.byKind).filter(([kind]) => kind !== '200');
      for (const [kind] of failed) expect(kind).toMatch(/^network:/);
      expect(failed.reduce((sum, [, n]) => sum + n, 0)).toBeLessThanOrEqual(4);
    }, 60_000);
  },
);

describe('(d) PGlite: the import process killed mid-import', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'haven-import-kill-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves a data directory that opens and holds all of the import or none of it', async () => {
    const pgliteDir = path.join(dir, 'data');
    // A migrated, empty data directory to import into.
    const template = await createDatabase({
      pgliteDir,
      pgliteDataDir: new Blob([readFileSync(inject('pgliteTemplatePath'))]),
    });
    await template.close();

    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', 'db/seed'], {
      env: { ...process.env, PGLITE_DIR: pgliteDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? code)),
    );
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // Inside the import's transaction: services are written, their locations not yet.
      if (/wrote \d+ service rows/.test(output)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const how = await exited;
    clearTimeout(killTimer);
    expect(how).toBe('SIGKILL');

    const reopened = await createDatabase({ pgliteDir });
    try {
      const services = await reopened.db
        .selectFrom('service')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const organizations = await reopened.db
        .selectFrom('organization')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      report.d_import_killed = { services: services.n, organizations: organizations.n };
      // The demo package holds 242 services: all or nothing.
      expect([0, 242]).toContain(services.n);
      expect(organizations.n === 0).toBe(services.n === 0);
    } finally {
      await reopened.close();
    }
  }, 120_000);
});
