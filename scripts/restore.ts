/** `npm run db:restore -- <file> [--replace]`: restores a db:backup file (scripts/lib/backup.ts). */
import { ConfigError, loadConfig } from '../app/config/config.server';
import { restoreDatabase } from './lib/backup';
import { parseCli } from './lib/cli';

const { values, positionals } = parseCli({
  command: 'db:restore',
  summary:
    'Restores a file written by db:backup into the configured database (DATABASE_URL, else PGlite in PGLITE_DIR), which must be empty unless --replace is given.',
  positionals: ['<file>'],
  options: {
    replace: { type: 'boolean', default: false, help: 'overwrite a database that is not empty' },
  },
});
const file = positionals[0]!;

try {
  const started = Date.now();
  const engine = await restoreDatabase(loadConfig(), file, { replace: values.replace });
  process.stdout.write(
    `Restored ${file} into the ${engine} database in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `db:restore failed: ${(error as Error).message}`}\n`,
  );
  process.exit(1);
}
