/**
 * `npm run bench -- [--n 100000] [--engine pglite|postgres] [--queries 1000] [--seconds 10]`
 * Generates N synthetic services on a scratch database (PGlite in a temp dir, or the
 * PostgreSQL database `haven_bench` on DATABASE_URL/TEST_DATABASE_URL), then prints JSON lines:
 * load timings, DB latency percentiles of searchServices for four query shapes, and HTTP
 * throughput of /api/v1/services on the real app beside a bare node:http server.
 * `--http` measures HTTP only, wider: the search page and the API, single process and the
 * scripted cluster (./bench/http-matrix.ts). `--reuse` (with `--database` or `--dir`) opens the
 * database of an earlier run instead of generating one: a 1M load takes minutes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, type DatabaseHandle } from '../db/index';
import { migrateToLatest } from '../db/migrate';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/types';
import {
  allOf,
  filterConditions,
  keywordQuery,
  pointConditions,
  visible,
} from '../app/search/filters.server';
import {
  categoryWalk,
  firstWindow,
  KEYWORD_CANDIDATES,
  knnPageQuery,
  listedCandidates,
  nearbyPage,
} from '../app/search/nearby.server';
import { rankServices, searchServices } from '../app/search/search.server';
import type { SearchParams } from '../app/search/types';
import { generate, queryPoints } from './bench/generate';
import { bareServer, load, realApp } from './bench/http';
import { httpMatrix } from './bench/http-matrix';
import { adminUrl, createDatabaseNamed } from '../tests/helpers/postgres';
import { startStallWatchdog } from './lib/stall-watchdog';
import { EXIT_USAGE, exitWith, parseCli } from './lib/cli';

// The real app is the production build: React picks its development build (several times
// slower to render) from NODE_ENV when the server build first loads it.
process.env.NODE_ENV ??= 'production';

const { values } = parseCli({
  command: 'bench',
  summary:
    'Generates N synthetic services on a scratch database and prints JSON lines: load timings, search latency percentiles and HTTP throughput (docs/PERFORMANCE.md).',
  options: {
    n: { type: 'string', default: '100000', value: 'N', help: 'number of services to generate' },
    engine: { type: 'string', default: 'pglite', value: 'ENGINE', help: 'pglite or postgres' },
    queries: { type: 'string', default: '1000', value: 'N', help: 'search queries per shape' },
    seconds: { type: 'string', default: '10', value: 'S', help: 'duration of each HTTP load' },
    connections: { type: 'string', default: '10', value: 'N', help: 'concurrent HTTP connections' },
    reuse: {
      type: 'boolean',
      default: false,
      help: 'keep the database of a previous run (PostgreSQL: --database; PGlite: --dir) instead of regenerating it; pending migrations still run',
    },
    database: {
      type: 'string',
      default: 'haven_bench',
      value: 'NAME',
      help: 'PostgreSQL only: the scratch database to (re)create on the server',
    },
    dir: {
      type: 'string',
      value: 'DIR',
      help: 'PGlite only: keep the data directory here (kept after the run, so --reuse can open it again)',
    },
    only: {
      type: 'string',
      value: 'SHAPES',
      help: 'comma-separated query shapes to time (e.g. "keyword only,nearest + category"); all by default; also "keyword rule", "category walk" and "api totals", the interleaved comparisons',
    },
    http: {
      type: 'boolean',
      default: false,
      help: 'HTTP only: the search page and the API under load, single process and (PostgreSQL) the scripted cluster, each beside a bare node:http server (docs/PERFORMANCE.md)',
    },
    dump: {
      type: 'string',
      value: 'FILE',
      help: 'with --http: where the pg_dump of the bench database for the cluster is kept (default: <tmp>/<database>-<n>.dump, reused when present)',
    },
    'no-cluster': {
      type: 'boolean',
      default: false,
      help: 'with --http: the single process only',
    },
    'no-single': {
      type: 'boolean',
      help: 'with --http: the cluster only (skip the single process, e.g. measured by an earlier run)',
    },
    'no-api-load': {
      type: 'boolean',
      default: false,
      help: 'skip the HTTP API load at the end',
    },
  },
});
const n = Number(values.n);
const engine = values.engine;
if (!Number.isInteger(n) || n < 1) exitWith('bench', '--n must be a whole number ≥ 1', EXIT_USAGE);
if (engine !== 'pglite' && engine !== 'postgres')
  exitWith('bench', '--engine must be pglite or postgres', EXIT_USAGE);
const only = values.only?.split(',').map((shape) => shape.trim());
const emit = (record: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ engine, n, ...record })}\n`);

/** The bench database's URL on the PostgreSQL server (--engine postgres). */
function databaseUrl(): string {
  const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('--engine postgres needs DATABASE_URL or TEST_DATABASE_URL');
  return adminUrl(url, values.database);
}

async function open(): Promise<{ handle: DatabaseHandle; cleanup: () => void }> {
  if (engine === 'pglite') {
    const kept = values.dir;
    if (values.reuse && !kept) exitWith('bench', '--reuse with --engine pglite needs --dir', EXIT_USAGE);
    if (kept && !values.reuse) rmSync(kept, { recursive: true, force: true });
    const dir = kept ?? mkdtempSync(path.join(tmpdir(), 'haven-bench-'));
    return {
      handle: await createDatabase({ pgliteDir: dir }),
      cleanup: () => {
        if (!kept) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('--engine postgres needs DATABASE_URL or TEST_DATABASE_URL');
  if (!values.reuse) await createDatabaseNamed(url, values.database);
  return {
    handle: await createDatabase({ databaseUrl: databaseUrl(), maxConnections: 10 }),
    cleanup: () => {},
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

// A PGlite query that never returns (electric-sql/pglite#1068) would hang the bench for good.
// One load statement can run for minutes on PGlite at 1M (it blocks the thread while it runs),
// so the limit is long while generating and two minutes once the queries start.
const watchdog = startStallWatchdog({
  seconds: 30 * 60,
  what: 'bench',
  advice: 'Run the bench again.',
});

const log = (line: string) => {
  watchdog.beat();
  process.stderr.write(`${line}\n`);
};

/**
 * Two ways of answering the same query timed alternately (so a busy machine slows both alike),
 * after `warmups` rounds: the p50/p95 of each, as one JSON line each, and whether every pair
 * returned the same answer.
 */
async function interleaved<T>(
  fields: Record<string, unknown>,
  rounds: number,
  warmups: number,
  ways: [string, (round: number) => Promise<T>][],
) {
  const timings = ways.map((): number[] => []);
  let same = true;
  for (let i = 0; i < rounds; i++) {
    const answers: string[] = [];
    for (const [k, [, way]] of ways.entries()) {
      const t0 = process.hrtime.bigint();
      answers.push(JSON.stringify(await way(i)));
      if (i >= warmups) timings[k]!.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    same &&= answers.every((answer) => answer === answers[0]);
    watchdog.beat();
  }
  for (const [k, [rule]] of ways.entries()) {
    const values = timings[k]!.sort((a, b) => a - b);
    emit({
      ...fields,
      rule,
      samples: values.length,
      p50_ms: Math.round(percentile(values, 50) * 100) / 100,
      p95_ms: Math.round(percentile(values, 95) * 100) / 100,
      same_page: same,
    });
  }
}

/**
 * The keyword-only ranking before and after migration 0171, interleaved on the same database in
 * the same run (so a busy machine slows both alike): ts_rank over every match, and over the
 * bounded candidates (app/search/nearby.server.ts). Page 1 and page 3 of `immigration visa` and
 * `shelter`; whether each pair listed the same services is printed too.
 */
async function keywordRule(db: Kysely<Database>, base: SearchParams) {
  for (const keyword of ['immigration visa', 'shelter']) {
    for (const page of [1, 3]) {
      const params = { ...base, keyword, page };
      const window = { limit: params.pageSize, offset: (page - 1) * params.pageSize };
      const run = async (candidates: number | null) => {
        const tsquery = await keywordQuery(db, keyword);
        const where = allOf([visible, ...filterConditions(params, tsquery)]);
        return listedCandidates(db, where, tsquery, window, candidates);
      };
      await interleaved({ metric: 'keyword rule', keyword, page }, 12, 2, [
        ['every match', () => run(null)],
        ['bounded', () => run(KEYWORD_CANDIDATES)],
      ]);
    }
  }
}

/**
 * Nearest + one category with and without its own walk (migration 2026_12_01_0191), interleaved
 * point by point on the same database in the same run: the plain walk (every point, the category
 * tested after the scan, the window grown until the page is sure) and the walk of the category's
 * partial index. The page statement(s) of `nearbyPage` only; whether each pair listed the same
 * services is printed too.
 */
async function categoryWalkRule(
  db: Kysely<Database>,
  base: SearchParams,
  points: Array<{ lat: number; lng: number }>,
) {
  const categories = ['legal-aid'];
  const where = allOf(pointConditions({ ...base, categories }, null));
  const walk = categoryWalk(categories);
  const at = (i: number) => ({ latitude: points[i]!.lat, longitude: points[i]!.lng });
  const run = (i: number, w: typeof walk) =>
    nearbyPage(db, at(i), base.radiusKm, where, { limit: 20, offset: 0 }, 40, w).then(
      // The page; the count may differ in form only: past the cap the plain walk, having grown
      // its window past the radius, can know the exact number where the category walk knows "40+".
      (page) => page.candidates,
    );
  await interleaved({ metric: 'category walk' }, points.length, 20, [
    ['plain walk', (i) => run(i, null)],
    ['category walk', (i) => run(i, walk)],
  ]);
}

/**
 * What the API's exact totals cost (issue 17): the ranking the API runs (rankServices with
 * `exactTotal`, the list request's queries before HSDS mapping) against the same page with the
 * page's capped count, interleaved in the same run, for a list with no point, with a filter,
 * with a point and with a point and a filter.
 */
async function apiTotals(
  db: Kysely<Database>,
  base: SearchParams,
  points: Awaited<ReturnType<typeof queryPoints>>,
) {
  const at = (p: (typeof points)[number]) => ({
    point: { latitude: p.lat, longitude: p.lng },
    pointState: p.state,
  });
  const cases: Array<[string, (p: (typeof points)[number]) => SearchParams]> = [
    ['no point', () => base],
    ['no point + category', () => ({ ...base, categories: ['legal-aid'] })],
    ['no point + free + language', () => ({ ...base, freeOnly: true, language: 'es' })],
    ['point', (p) => ({ ...base, ...at(p) })],
    ['point + category', (p) => ({ ...base, ...at(p), categories: ['legal-aid'] })],
  ];
  for (const [name, make] of cases) {
    const samples = points.slice(0, name.startsWith('no point') ? 30 : 200);
    const timings: Record<'page alone' | 'exact total', number[]> = { 'page alone': [], 'exact total': [] };
    for (const [i, p] of samples.entries()) {
      const params = make(p);
      const t0 = process.hrtime.bigint();
      await rankServices(db, params);
      const t1 = process.hrtime.bigint();
      await rankServices(db, { ...params, exactTotal: true });
      const t2 = process.hrtime.bigint();
      if (i >= 3) {
        timings['page alone'].push(Number(t1 - t0) / 1e6);
        timings['exact total'].push(Number(t2 - t1) / 1e6);
      }
      watchdog.beat();
    }
    for (const [variant, values] of Object.entries(timings)) {
      values.sort((a, b) => a - b);
      emit({
        metric: 'api total',
        query: name,
        variant,
        samples: values.length,
        p50_ms: Math.round(percentile(values, 50) * 100) / 100,
        p95_ms: Math.round(percentile(values, 95) * 100) / 100,
      });
    }
  }
}

async function main() {
  const { handle, cleanup } = await open();
  const db = handle.db;
  try {
    await migrateToLatest(db);
    if (!values.reuse) {
      const started = Date.now();
      await generate(db, n, log);
      emit({ metric: 'generate', seconds: Math.round((Date.now() - started) / 100) / 10 });
    }

    if (values.http) {
      // The cluster's restore and replica copy take minutes at 1M: the watchdog watches queries.
      watchdog.setLimit(60 * 60);
      await httpMatrix({
        db,
        databaseUrl: engine === 'postgres' && !values['no-cluster'] ? databaseUrl() : undefined,
        single: !values['no-single'],
        dumpFile: values.dump ?? path.join(tmpdir(), `${values.database}-${n}.dump`),
        points: (await queryPoints(db, 200)).map((p) => ({ lat: p.lat, lng: p.lng })),
        seconds: Number(values.seconds),
        connections: Number(values.connections),
        emit,
        log,
      });
      return;
    }
    watchdog.setLimit(120);
    // The plan of the nearest-20 page query at a dense point (Manhattan), for docs/PERFORMANCE.md.
    const manhattan = { latitude: 40.7506, longitude: -73.9972 };
    const k = firstWindow(40); // page 1 of 20: the page and a count up to two pages
    const plan = await sql<
      Record<string, string>
    >`explain (analyze, costs off, timing off, summary on) ${knnPageQuery(manhattan, 40.2336, sql<boolean>`true`, { limit: 20, offset: 0 }, k)}`.execute(
      db,
    );
    emit({
      metric: 'plan',
      query: `nearest top-20 page and count (k = ${k}, the first window of page 1), Manhattan`,
      plan: plan.rows.map((row) => Object.values(row)[0]),
    });

    const points = await queryPoints(db, Number(values.queries));
    const base: SearchParams = {
      radiusKm: 25 * 1.609344,
      categories: [],
      freeOnly: false,
      openNow: false,
      page: 1,
      pageSize: 20,
    };
    const shapes: Array<[string, (p: (typeof points)[number]) => SearchParams]> = [
      [
        'nearest top-20',
        (p) => ({ ...base, point: { latitude: p.lat, longitude: p.lng }, pointState: p.state }),
      ],
      [
        'nearest + category',
        (p) => ({
          ...base,
          point: { latitude: p.lat, longitude: p.lng },
          pointState: p.state,
          categories: ['legal-aid'],
        }),
      ],
      [
        'nearest + keyword',
        (p) => ({
          ...base,
          point: { latitude: p.lat, longitude: p.lng },
          pointState: p.state,
          keyword: 'shelter',
        }),
      ],
      ['keyword only', () => ({ ...base, keyword: 'immigration visa' })],
    ];
    // 'rank': the search queries proper (ids, distances, totals); 'search': the whole
    // searchServices call, including the page's DTO queries (categories, phones, hours …).
    for (const [metric, run] of [
      ['rank', rankServices],
      ['search', searchServices],
    ] as const) {
      for (const [name, make] of shapes) {
        if (only && !only.includes(name)) continue;
        // Without a point every sample is the same query: 30 are enough.
        const samples = name === 'keyword only' ? points.slice(0, 30) : points;
        for (const p of samples.slice(0, name === 'keyword only' ? 3 : 50)) {
          await run(db, make(p)); // warm-up
          watchdog.beat();
        }
        const timings: number[] = [];
        for (const p of samples) {
          const t0 = process.hrtime.bigint();
          await run(db, make(p));
          timings.push(Number(process.hrtime.bigint() - t0) / 1e6);
          watchdog.beat();
        }
        timings.sort((a, b) => a - b);
        const round = (x: number) => Math.round(x * 100) / 100;
        emit({
          metric,
          query: name,
          samples: timings.length,
          p50_ms: round(percentile(timings, 50)),
          p95_ms: round(percentile(timings, 95)),
          p99_ms: round(percentile(timings, 99)),
        });
      }
    }

    if (!only || only.includes('keyword rule')) await keywordRule(db, base);
    if (!only || only.includes('category walk')) await categoryWalkRule(db, base, points);
    if (!only || only.includes('api totals')) await apiTotals(db, base, points);
    if (values['no-api-load']) return;
    const paths = points.slice(0, 200).map((p) => `/api/v1/services?lat=${p.lat}&lng=${p.lng}`);
    const seconds = Number(values.seconds);
    const connections = Number(values.connections);
    const results: Record<string, Awaited<ReturnType<typeof load>>> = {};
    for (const [name, start] of [
      ['bare node:http', bareServer],
      ['real app', realApp],
    ] as const) {
      const { origin, server } = await start(db);
      await load(origin, paths, 2, connections); // warm-up
      results[name] = await load(origin, paths, seconds, connections);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      emit({ metric: 'http', server: name, connections, seconds, ...results[name] });
    }
    const ratio = results['real app']!.requestsPerSecond / results['bare node:http']!.requestsPerSecond;
    emit({ metric: 'http ratio', real_over_bare: Math.round(ratio * 100) / 100 });
  } finally {
    await handle.close();
    cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
