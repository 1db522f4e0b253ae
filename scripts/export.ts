/**
 * `npm run db:export -- <dir> [--include-confidential]`: writes the configured database as an
 * HSDS 3.0 tabular package (app/hsds/export.server.ts). Without the flag, confidential
 * locations are exported with their public area point only.
 */
import { ConfigError, loadConfig } from '../app/config/config.server';
import { exportHsds } from '../app/hsds/export.server';
import { createDatabase } from '../db/index';
import { migrateToLatest } from '../db/migrate';
import { parseCli } from './lib/cli';

const out = (line: string) => process.stdout.write(`${line}\n`);
const { values, positionals } = parseCli({
  command: 'db:export',
  summary: 'Writes the configured database as an HSDS 3.0 tabular package (CSV files and datapackage.json).',
  positionals: ['<dir>'],
  options: {
    'include-confidential': {
      type: 'boolean',
      default: false,
      help: 'include the exact address and point of confidential locations (private use only)',
    },
  },
});
const dir = positionals[0]!;

let exitCode = 0;
try {
  const config = loadConfig();
  const handle = await createDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  try {
    await migrateToLatest(handle.db);
    const started = Date.now();
    const summary = await exportHsds(handle.db, dir, { includeConfidential: values['include-confidential'] });
    out(`Exported HSDS 3.0 package to ${summary.dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const [table, count] of Object.entries(summary.tables))
      out(`  ${table.padEnd(20)} ${String(count).padStart(7)} rows`);
    out(
      summary.includeConfidential
        ? `  WARNING: ${summary.confidentialLocations} confidential location(s) exported WITH exact address and coordinates\n` +
            `  ${summary.dir} is readable by its owner only (directory 0700, files 0600): keep it that way`
        : `  ${summary.confidentialLocations} confidential location(s) exported as public area points only`,
    );
  } finally {
    await handle.close();
  }
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `db:export failed: ${(error as Error).message}`}\n`,
  );
  exitCode = 1;
}
process.exit(exitCode);
