/**
 * Federation: a second Haven (the demo directory, on its own database) is started on loopback,
 * and its HSDS API is imported into an empty database — every public service arrives with its
 * id. A proxy in front of it fails some requests (503 once per page, then every request past
 * page 3) to prove the retries and that a re-run resumes from the saved pages.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/types';
import { type RunningApp, startTestApp } from '../../tests/helpers/app';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../../tests/helpers/db';
import { seedDir } from '../../tests/helpers/hsds';
import { importHsdsApi } from './import-federation.server';
import { ImportError } from './report';
import { seedDemoData } from './seed.server';

const PER_PAGE = 20;

async function publicServiceIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('service')
    .innerJoin('organization', 'organization.id', 'service.organization_id')
    .where('organization.verification_status', '=', 'verified')
    .where('service.status', '=', 'active')
    .select('service.id')
    .execute();
  return rows.map((row) => row.id).sort();
}

async function serviceIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('service').select('id').execute();
  return rows.map((row) => row.id).sort();
}

/** Forwards to the app; `fail` decides per request (by page and attempt) whether to answer 5xx. */
function flakyProxy(target: string) {
  const attempts = new Map<number, number>();
  const requested: number[] = [];
  const state: { fail: (page: number, attempt: number) => number | null } = { fail: () => null };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', target);
    const page = Number(url.searchParams.get('page') ?? 1);
    const attempt = (attempts.get(page) ?? 0) + 1;
    attempts.set(page, attempt);
    requested.push(page);
    const status = state.fail(page, attempt);
    if (status) {
      res.writeHead(status, { 'content-type': 'text/plain', 'retry-after': '0' }).end('unavailable');
      return;
    }
    fetch(`${target}${url.pathname}${url.search}`)
      .then(async (answer) => {
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
        res.end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch(() => res.writeHead(502).end());
  });
  return {
    state,
    requested,
    attempts,
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describeEachEngine('HSDS import from another Haven over its API (federation)', (t) => {
  let source: TestDatabase;
  let app: RunningApp;
  let progressDir: string;
  let expected: string[];
  beforeAll(async () => {
    source = await createTestDatabase(t.engine);
    await seedDemoData(source.db, { dir: seedDir });
    app = await startTestApp(source.db);
    expected = await publicServiceIds(source.db);
    progressDir = mkdtempSync(path.join(tmpdir(), 'haven-federation-'));
  });
  afterAll(async () => {
    await app?.stop();
    await source?.close();
    rmSync(progressDir, { recursive: true, force: true });
  });

  it('imports every public service of the other Haven with its id, page by page at a polite rate', async () => {
    expect(expected.length).toBeGreaterThan(PER_PAGE * 3);
    const pages: number[] = [];
    const started = Date.now();
    const report = await importHsdsApi(t.db, `${app.baseUrl}/api/v1/`, {
      federation: {
        perPage: PER_PAGE,
        ratePerSecond: 20,
        progressDir,
        onPage: (event) => pages.push(event.page),
      },
    });
    const elapsed = Date.now() - started;
    expect(await serviceIds(t.db)).toEqual(expected);
    expect(report.source).toBe(`${app.baseUrl}/api/v1`);
    expect(report.tables.service?.rejected).toBe(0);
    const totalPages = Math.ceil(expected.length / PER_PAGE);
    expect(pages).toEqual(Array.from({ length: totalPages }, (_, index) => index + 1));
    // 20 requests a second: consecutive requests start at least 50 ms apart.
    expect(elapsed).toBeGreaterThanOrEqual((totalPages - 1) * 50);
    // Organizations come along with their ids; the progress file is gone once committed.
    const organizations = await t.db.selectFrom('organization').select('id').execute();
    expect(organizations.length).toBeGreaterThan(0);
    expect(readdirSync(progressDir)).toEqual([]);
  });

  it('a second pull of an unchanged API is a sync: nothing updated', async () => {
    const report = await importHsdsApi(t.db, `${app.baseUrl}/api/v1`, {
      federation: { perPage: 100, ratePerSecond: 50, progressDir },
    });
    expect(report.sync.service).toEqual({ new: 0, updated: 0, unchanged: expected.length });
    expect(await serviceIds(t.db)).toEqual(expected);
  });

  it('retries failed requests, stops with nothing written when the server stays down, and resumes', async () => {
    const target = await createTestDatabase(t.engine);
    const proxy = flakyProxy(app.baseUrl);
    const base = `${await proxy.start()}/api/v1`;
    try {
      const options = {
        federation: { perPage: PER_PAGE, ratePerSecond: 200, backoffMs: 5, retries: 2, progressDir },
      };
      // Every page fails once (503), and from page 4 on the server is down.
      const retried: number[] = [];
      proxy.state.fail = (page, attempt) => (page >= 4 ? 500 : attempt === 1 ? 503 : null);
      const error = await importHsdsApi(target.db, base, {
        federation: { ...options.federation, onRetry: (event) => retried.push(event.page) },
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as Error).message).toMatch(/page 4: HTTP 500 after 3 attempts.*resume from page 4/);
      expect(retried).toEqual([1, 2, 3, 4, 4]);
      expect(await serviceIds(target.db)).toEqual([]);
      expect(readdirSync(progressDir)).toHaveLength(1);

      // Back up (still failing each new page once): the re-run asks only for pages 4 on.
      proxy.requested.length = 0;
      proxy.attempts.clear();
      proxy.state.fail = (_page, attempt) => (attempt === 1 ? 503 : null);
      const resumed: number[] = [];
      await importHsdsApi(target.db, base, {
        federation: {
          ...options.federation,
          onPage: (event) => {
            if (event.resumed) resumed.push(event.page);
          },
        },
      });
      expect(resumed).toEqual([1, 2, 3]);
      expect(Math.min(...proxy.requested)).toBe(4);
      expect(await serviceIds(target.db)).toEqual(expected);
      expect(readdirSync(progressDir)).toEqual([]);
    } finally {
      await proxy.stop();
      await target.close();
    }
  });

  it('a URL that is not an HSDS API stops at once with a message', async () => {
    const error = await importHsdsApi(t.db, `${app.baseUrl}/no-such-api`, {
      federation: { progressDir, retries: 0 },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/HTTP 404/);
  });
});
