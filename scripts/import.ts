/**
 * `npm run db:import -- <dir | .zip | .json | .ndjson | https://host/api/v1> [--report report.json]
 *   [--pending] [--max-entry-mb N] [--max-total-mb N] [--max-ratio N] [--source NAME] [--prune]
 *   [--dry-run] [--rate N] [--per-page N] [--retries N] [--progress-dir DIR] [--restart]`
 * Imports an HSDS package into the configured database (see app/hsds/import.server.ts), or
 * every service of an HSDS API 3.0 (app/hsds/import-federation.server.ts), and prints what was imported, repaired and rejected. Exits non-zero on a fatal error, in which
 * case nothing was written.
 */
import { writeFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '../app/config/config.server';
import {
  FEDERATION_DEFAULTS,
  type FederationOptions,
  importHsdsApi,
  isApiUrl,
} from '../app/hsds/import-federation.server';
import { importHsds, type ProgressEvent } from '../app/hsds/import.server';
import { summaryLines } from '../app/hsds/import-summary';
import { DEFAULT_LIMITS, type PackageLimits } from '../app/hsds/read-package.server';
import type { ImportReport } from '../app/hsds/report';
import { createDatabase } from '../db/index';
import { migrateToLatest } from '../db/migrate';
import { EXIT_USAGE, exitWith, parseCli } from './lib/cli';

const MIB = 1024 * 1024;

const out = (line: string) => process.stdout.write(`${line}\n`);

type PageEvent = Parameters<NonNullable<FederationOptions['onPage']>>[0];
const pageLine = (event: PageEvent) =>
  `page ${event.page}${event.totalPages !== undefined ? `/${event.totalPages}` : ''}: ${event.services} services${event.resumed ? ' (saved by an earlier run)' : ''}`;

function progressPrinter() {
  if (!process.stdout.isTTY) {
    // A streamed import writes each table in many batches: one line per table, then one per
    // 100,000 rows.
    let lastTable = '';
    let written = 0;
    return {
      page(event: PageEvent) {
        out(pageLine(event));
      },
      update(event: ProgressEvent) {
        if (event.phase !== 'write') out(event.message);
        else if (event.done === event.total) {
          const before = event.table === lastTable ? written : 0;
          written = before + event.total;
          if (event.table !== lastTable || Math.floor(written / 100_000) > Math.floor(before / 100_000))
            out(`wrote ${written} ${event.table} rows`);
          lastTable = event.table;
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: '{table} [{bar}] {value}/{total}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let active = '';
  let offset = 0;
  let batch = { done: 0, total: 0 };
  return {
    page(event: PageEvent) {
      if (event.totalPages === undefined) {
        if (active) bar.stop();
        active = '';
        out(pageLine(event));
        return;
      }
      if (active !== 'pages') {
        if (active) bar.stop();
        active = 'pages';
        bar.start(event.totalPages, 0, { table: 'API pages'.padEnd(20) });
      }
      bar.update(event.page, { table: 'API pages'.padEnd(20) });
    },
    update(event: ProgressEvent) {
      if (event.phase !== 'write') {
        if (active) bar.stop();
        active = '';
        out(event.message);
        return;
      }
      if (event.table !== active) {
        if (active) bar.stop();
        active = event.table;
        offset = 0;
        batch = { done: 0, total: event.total };
        bar.start(event.total, 0, { table: event.table.padEnd(20) });
      } else if (event.done < batch.done || batch.done === batch.total) {
        // The next batch of a streamed table: the bar counts on from the rows already written.
        offset += batch.total;
        bar.setTotal(offset + event.total);
      }
      batch = { done: event.done, total: event.total };
      bar.update(offset + event.done, { table: event.table.padEnd(20) });
    },
    stop() {
      if (active) bar.stop();
    },
  };
}

function printSummary(report: ImportReport) {
  for (const line of summaryLines(report)) out(line);
}

const { values, positionals } = parseCli({
  command: 'db:import',
  summary:
    'Imports an HSDS package (1.x–3.0: a directory, .zip, .json or .ndjson), or every service of an HSDS API 3.0 (https://…/api/v1), into the configured database.',
  positionals: ['<dir | .zip | .json | .ndjson | https://host/api/v1>'],
  options: {
    report: { type: 'string', value: 'FILE', help: 'write the full report as JSON to FILE' },
    pending: {
      type: 'boolean',
      default: false,
      help: 'import organizations as pending (not public until verified)',
    },
    'max-entry-mb': {
      type: 'string',
      value: 'N',
      help: `largest file (or zip entry) in MiB (default ${DEFAULT_LIMITS.maxEntryBytes / MIB})`,
    },
    'max-total-mb': {
      type: 'string',
      value: 'N',
      help: `largest package, all files uncompressed, in MiB (default ${DEFAULT_LIMITS.maxTotalBytes / MIB})`,
    },
    'max-ratio': {
      type: 'string',
      value: 'N',
      help: `largest compression ratio of a zip entry (default ${DEFAULT_LIMITS.maxRatio})`,
    },
    source: {
      type: 'string',
      value: 'NAME',
      help: "the source's name, for ids and sync records (default: the package's name)",
    },
    prune: {
      type: 'boolean',
      default: false,
      help: 'mark services this source imported before but missing now as inactive (never deleted)',
    },
    'dry-run': {
      type: 'boolean',
      default: false,
      help: 'print the full report and write nothing',
    },
    'stream-above-mb': {
      type: 'string',
      value: 'N',
      help: 'stream a folder of CSV files larger than N MiB in batches (default 64; 0 streams every folder)',
    },
    rate: {
      type: 'string',
      value: 'N',
      help: `API only: most requests a second (default ${FEDERATION_DEFAULTS.ratePerSecond})`,
    },
    'per-page': {
      type: 'string',
      value: 'N',
      help: `API only: services per request (default ${FEDERATION_DEFAULTS.perPage})`,
    },
    retries: {
      type: 'string',
      value: 'N',
      help: `API only: retries of a failed request, with exponential backoff (default ${FEDERATION_DEFAULTS.retries})`,
    },
    'progress-dir': {
      type: 'string',
      value: 'DIR',
      help: `API only: where pages are saved so a re-run resumes (default ${FEDERATION_DEFAULTS.progressDir})`,
    },
    restart: {
      type: 'boolean',
      default: false,
      help: 'API only: ignore saved progress and fetch every page again',
    },
  },
});
const input = positionals[0]!;
/** A positive number flag, or undefined when not given; anything else is a usage error. */
function positive(
  flag: 'max-entry-mb' | 'max-total-mb' | 'max-ratio' | 'rate' | 'per-page' | 'retries' | 'stream-above-mb',
): number | undefined {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (Number.isFinite(value) && value > 0) return value;
  return exitWith('db:import', `--${flag}: expected a positive number, got "${raw}"`, EXIT_USAGE);
}
const entryMb = positive('max-entry-mb');
const totalMb = positive('max-total-mb');
const ratio = positive('max-ratio');
const streamAbove = values['stream-above-mb'] === '0' ? 0 : positive('stream-above-mb');
const rate = positive('rate');
const perPage = positive('per-page');
const retries = values.retries === '0' ? 0 : positive('retries');
if (perPage !== undefined && !Number.isInteger(perPage))
  exitWith('db:import', `--per-page: expected a whole number, got "${values['per-page']}"`, EXIT_USAGE);
const federation: FederationOptions = {
  ...(rate ? { ratePerSecond: rate } : {}),
  ...(perPage ? { perPage } : {}),
  ...(retries !== undefined ? { retries: Math.floor(retries) } : {}),
  ...(values['progress-dir'] ? { progressDir: values['progress-dir'] } : {}),
  restart: values.restart,
  onRetry: ({ page, attempt, delayMs, reason }) =>
    process.stderr.write(`page ${page}: ${reason}; retry ${attempt} in ${(delayMs / 1000).toFixed(1)} s\n`),
};
const limits: Partial<PackageLimits> = {
  ...(entryMb ? { maxEntryBytes: entryMb * MIB } : {}),
  ...(totalMb ? { maxTotalBytes: totalMb * MIB } : {}),
  ...(ratio ? { maxRatio: ratio } : {}),
};

let exitCode = 0;
try {
  const config = loadConfig();
  const handle = await createDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  const progress = progressPrinter();
  try {
    await migrateToLatest(handle.db);
    const options = {
      pending: values.pending,
      limits,
      source: values.source,
      prune: values.prune,
      dryRun: values['dry-run'],
      ...(streamAbove !== undefined ? { streamAboveBytes: streamAbove * MIB } : {}),
      onProgress: (event: ProgressEvent) => progress.update(event),
    };
    const report = isApiUrl(input)
      ? await importHsdsApi(handle.db, input, {
          ...options,
          federation: { ...federation, onPage: (event) => progress.page(event) },
        })
      : await importHsds(handle.db, input, options);
    progress.stop();
    printSummary(report);
    if (values.report) {
      await writeFile(values.report, `${JSON.stringify(report, null, 2)}\n`);
      out(`\nReport written to ${values.report}`);
    }
  } catch (error) {
    progress.stop();
    if (values.report) {
      await writeFile(
        values.report,
        `${JSON.stringify({ source: input, fatal: (error as Error).message }, null, 2)}\n`,
      );
    }
    throw error;
  } finally {
    await handle.close();
  }
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `db:import failed: ${(error as Error).message}`}\n`,
  );
  exitCode = 1;
}
process.exit(exitCode);
