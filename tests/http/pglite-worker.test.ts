/**
 * The embedded engine never wedges the server (issue 16, 3e; docs/decisions/003). A statement
 * that never returns is injected into the database worker — an endless PL/pgSQL loop spins the
 * CPU inside WebAssembly as the PGlite spin does — while the server is serving: `/healthz` keeps
 * answering, the request caught in flight gets 503 with Retry-After, the worker is restarted on
 * the same data directory, and the server answers normally again with the data intact.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createLogger } from '../../app/http/logger.server';
import { seedDemoData } from '../../app/hsds/seed.server';
import { createDatabase, type DatabaseHandle } from '../../db/index';
import { type RunningApp, startTestApp } from '../helpers/app';

let dir: string;
let handle: DatabaseHandle;
let app: RunningApp;
const logged: string[] = [];
const log = createLogger('info', (line) => logged.push(line));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'haven-worker-http-'));
  // The demo data is loaded in this thread: a bulk load may take longer than the short deadline below.
  const loader = await createDatabase({
    pgliteDir: path.join(dir, 'data'),
    pgliteDataDir: new Blob([readFileSync(inject('pgliteTemplatePath'))]),
  });
  await seedDemoData(loader.db);
  await loader.close();
  handle = await createDatabase({
    pgliteDir: path.join(dir, 'data'),
    pgliteWorker: {
      statementTimeoutMs: 5000,
      onRestart: (reason) => log.error('embedded database restarted', { reason }),
    },
  });
  app = await startTestApp(handle.db);
});
afterAll(async () => {
  await app?.stop();
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

const timed = async (url: string) => {
  const started = Date.now();
  const response = await fetch(url);
  await response.text();
  return {
    status: response.status,
    ms: Date.now() - started,
    retryAfter: response.headers.get('retry-after'),
  };
};

it('keeps /healthz answering through a stalled statement, fails the request in flight with 503, then recovers', async () => {
  const before = await timed(`${app.baseUrl}/api/v1/services?q=legal`);
  expect(before.status).toBe(200);

  const stall = handle.pgliteThread!.query('do $$ begin loop end loop; end $$', []);
  const stalled = expect(stall).rejects.toThrow(/restarted/);
  const [api, health] = await Promise.all([
    timed(`${app.baseUrl}/api/v1/services?q=legal`),
    timed(`${app.baseUrl}/healthz`),
  ]);
  await stalled;
  expect(api).toMatchObject({ status: 503, retryAfter: '5' });
  expect(health.ms).toBeLessThan(10_000);
  expect(logged.some((line) => line.includes('embedded database restarted'))).toBe(true);

  // The new worker opens the data directory (seconds on a busy machine); /healthz says when.
  let after = await timed(`${app.baseUrl}/healthz`);
  const deadline = Date.now() + 120_000;
  while (after.status !== 200 && Date.now() < deadline) {
    expect(after).toMatchObject({ status: 503 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    after = await timed(`${app.baseUrl}/healthz`);
  }
  expect(after.status).toBe(200);
  const again = await fetch(`${app.baseUrl}/api/v1/services?q=legal`);
  expect(again.status).toBe(200);
  expect(((await again.json()) as { total_items: number }).total_items).toBeGreaterThan(0);
}, 150_000);
