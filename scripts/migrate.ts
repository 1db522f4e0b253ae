/** `npm run db:migrate [-- --down]`: migrate the configured database, logging each step. */
import { ConfigError, loadConfig } from '../app/config/config.server';
import { createDatabase } from '../db/index';
import { migrateDown, migrateToLatest } from '../db/migrate';
import { parseCli } from './lib/cli';

const { values } = parseCli({
  command: 'db:migrate',
  summary:
    'Migrates the configured database (DATABASE_URL, else PGlite in PGLITE_DIR) to the latest schema, logging each step.',
  options: { down: { type: 'boolean', default: false, help: 'undo the last migration instead' } },
});

try {
  const config = loadConfig();
  const handle = await createDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  const log = (line: string) => process.stdout.write(`${line}\n`);
  try {
    log(`engine: ${handle.engine}`);
    const results = values.down ? await migrateDown(handle.db, log) : await migrateToLatest(handle.db, log);
    if (results.length === 0) log('already up to date');
  } finally {
    await handle.close();
  }
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `db:migrate failed: ${(error as Error).message}`}\n`,
  );
  process.exit(1);
}
