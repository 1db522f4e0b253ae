/**
 * `npm run db:import -- <dir | .zip | .json | .ndjson> [--report report.json] [--pending]
 *   [--max-entry-mb N] [--max-total-mb N] [--max-ratio N] [--source NAME] [--prune] [--dry-run]`
 * Imports an HSDS package into the configured database (see app/hsds/import.server.ts) and
 * prints what was imported, repaired and rejected. Exits non-zero on a fatal error, in which
 * case nothing was written.
 */
import { writeFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '../app/config/config.server';
import { importHsds, type ProgressEvent } from '../app/hsds/import.server';
import { DEFAULT_LIMITS, type PackageLimits } from '../app/hsds/read-package.server';
import type { ImportReport } from '../app/hsds/report';
import { createDatabase } from '../db/index';
import { migrateToLatest } from '../db/migrate';
import { EXIT_USAGE, exitWith, parseCli } from './lib/cli';

const MIB = 1024 * 1024;

const out = (line: string) => process.stdout.write(`${line}\n`);

function progressPrinter() {
  if (!process.stdout.isTTY) {
    let lastTable = '';
    return {
      update(event: ProgressEvent) {
        if (event.phase !== 'write') out(event.message);
        else if (event.done === event.total && event.table !== lastTable) {
          lastTable = event.table;
          out(`wrote ${event.total} ${event.table} rows`);
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
  return {
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
        bar.start(event.total, 0, { table: event.table.padEnd(20) });
      }
      bar.update(event.done, { table: event.table.padEnd(20) });
    },
    stop() {
      if (active) bar.stop();
    },
  };
}

const MAX_LINES = 40;

function printSummary(report: ImportReport) {
  out(
    `\n${report.dryRun ? 'Dry run (nothing written) of' : 'Imported'} ${report.source} (${report.format}) in ${(report.durationMs / 1000).toFixed(1)} s${report.pending ? ' as pending' : ''}`,
  );
  for (const [table, counts] of Object.entries(report.tables)) {
    const sync = report.sync[table as keyof ImportReport['sync']];
    out(
      `  ${table.padEnd(20)} read ${String(counts.read).padStart(7)}  imported ${String(counts.imported).padStart(7)}  rejected ${String(counts.rejected).padStart(6)}${counts.created ? `  created ${counts.created}` : ''}${sync ? `  (new ${sync.new}, updated ${sync.updated}, unchanged ${sync.unchanged})` : ''}`,
    );
  }
  if (report.placeholders.length)
    out(`\n${report.placeholders.length} placeholder organization(s) created, pending review`);
  if (report.conflicts.length) {
    out(`\n${report.conflicts.length} field(s) edited in Haven kept over the package's value:`);
    for (const conflict of report.conflicts.slice(0, 10))
      out(`  ${conflict.table} ${conflict.sourceId ?? conflict.id}.${conflict.column}`);
    if (report.conflicts.length > 10) out(`  … ${report.conflicts.length - 10} more (see --report)`);
  }
  if (report.pruned.service)
    out(`\n${report.pruned.service} service(s) missing from the package marked inactive`);
  for (const file of report.ignoredFiles) out(`  ignored ${file.file} (${file.rows} rows): ${file.reason}`);
  if (report.summary.length) {
    out('\nIssues:');
    for (const entry of report.summary.slice(0, MAX_LINES))
      out(`  ${entry.severity.padEnd(8)} ${String(entry.count).padStart(7)} × ${entry.reason.slice(0, 160)}`);
    if (report.summary.length > MAX_LINES)
      out(`  … ${report.summary.length - MAX_LINES} more kinds (see --report)`);
  }
}

const { values, positionals } = parseCli({
  command: 'db:import',
  summary:
    'Imports an HSDS package (1.x–3.0: a directory, .zip, .json or .ndjson) into the configured database.',
  positionals: ['<dir | .zip | .json | .ndjson>'],
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
  },
});
const input = positionals[0]!;
/** A positive number flag, or undefined when not given; anything else is a usage error. */
function positive(flag: 'max-entry-mb' | 'max-total-mb' | 'max-ratio'): number | undefined {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (Number.isFinite(value) && value > 0) return value;
  return exitWith('db:import', `--${flag}: expected a positive number, got "${raw}"`, EXIT_USAGE);
}
const entryMb = positive('max-entry-mb');
const totalMb = positive('max-total-mb');
const ratio = positive('max-ratio');
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
    const report = await importHsds(handle.db, input, {
      pending: values.pending,
      limits,
      source: values.source,
      prune: values.prune,
      dryRun: values['dry-run'],
      onProgress: (event) => progress.update(event),
    });
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
