/** `npm run db:backup -- <file>`: a backup of the configured database (scripts/lib/backup.ts). */
import { ConfigError, loadConfig } from '../app/config/config.server';
import { backupDatabase } from './lib/backup';
import { parseCli } from './lib/cli';

const { positionals } = parseCli({
  command: 'db:backup',
  summary:
    'Writes a backup of the configured database to <file>: pg_dump (custom format) for PostgreSQL, the data-directory dump (.tar.gz) for PGlite.',
  positionals: ['<file>'],
  options: {},
});
const file = positionals[0]!;

try {
  const started = Date.now();
  const engine = await backupDatabase(loadConfig(), file);
  process.stdout.write(
    `Backed up the ${engine} database to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `db:backup failed: ${(error as Error).message}`}\n`,
  );
  process.exit(1);
}
