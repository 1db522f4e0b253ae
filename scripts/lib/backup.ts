/**
 * Backup and restore of the configured database (`npm run db:backup`, `npm run db:restore`).
 * PostgreSQL: `pg_dump` in its custom format, restored by `pg_restore` (the machine's binaries).
 * PGlite: the data directory's own dump (a gzipped tarball), loaded into a new directory.
 * A file remembers its engine (pg_dump's `PGDMP` header, gzip's magic bytes), so a backup is
 * never fed to the wrong engine.
 */
import { execFile } from 'node:child_process';
import { existsSync, openSync, readdirSync, readSync, closeSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Config } from '../../app/config/config.server';
import { createDatabase } from '../../db/index';
import { openPGlite } from '../../db/pglite-open';
import { pgBin } from './pg-bin';

const run = promisify(execFile);

export class BackupError extends Error {}

function engineOfFile(file: string): 'postgres' | 'pglite' | undefined {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(5);
  readSync(fd, head, 0, 5, 0);
  closeSync(fd);
  if (head.toString('latin1') === 'PGDMP') return 'postgres';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  return undefined;
}

/** Writes a backup of the configured database to `file`; returns the engine. */
export async function backupDatabase(config: Pick<Config, 'DATABASE_URL' | 'PGLITE_DIR'>, file: string) {
  if (config.DATABASE_URL) {
    await run(pgBin('pg_dump'), [
      '--format=custom',
      '--no-owner',
      `--file=${file}`,
      config.DATABASE_URL,
    ]).catch((error: { stderr?: string; message: string }) => {
      throw new BackupError(`pg_dump failed: ${(error.stderr || error.message).trim()}`);
    });
    return 'postgres' as const;
  }
  if (config.PGLITE_DIR.startsWith('memory://'))
    throw new BackupError('PGLITE_DIR is in memory: there is nothing on disk to back up');
  if (!existsSync(config.PGLITE_DIR)) throw new BackupError(`no PGlite database in ${config.PGLITE_DIR}`);
  const pglite = await openPGlite({ dataDir: config.PGLITE_DIR });
  try {
    const dump = await pglite.dumpDataDir('gzip');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
  return 'pglite' as const;
}

/**
 * Restores `file` into the configured database. Without `replace` the target must be empty
 * (PostgreSQL: no objects that the backup creates; PGlite: no data directory yet).
 */
export async function restoreDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'PGLITE_DIR'>,
  file: string,
  options: { replace: boolean },
) {
  if (!existsSync(file)) throw new BackupError(`no such file: ${file}`);
  const engine = config.DATABASE_URL ? 'postgres' : 'pglite';
  const fileEngine = engineOfFile(file);
  if (!fileEngine)
    throw new BackupError(`${file} is not a Haven backup (neither a pg_dump nor a PGlite dump)`);
  if (fileEngine !== engine)
    throw new BackupError(
      `${file} is a ${fileEngine === 'postgres' ? 'PostgreSQL' : 'PGlite'} backup, but the configured database is ${engine === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (PGLITE_DIR)'}`,
    );

  if (config.DATABASE_URL) {
    // pg_restore runs with an empty search_path, and earthdistance's ll_to_earth() names its
    // `earth` type unqualified, so our GiST indexes on ll_to_earth(...) cannot be rebuilt that
    // way. The restore script goes through psql instead, with search_path = public.
    const clean = options.replace ? ['--clean', '--if-exists'] : [];
    const script = `set -o pipefail
"$1" --no-owner ${clean.join(' ')} -f - "$4" |
  sed "s/^SELECT pg_catalog.set_config('search_path', '', false);$/SELECT pg_catalog.set_config('search_path', 'public', false);/" |
  "$2" -X -q -v ON_ERROR_STOP=1 --single-transaction -d "$3"`;
    await run('bash', [
      '-c',
      script,
      'restore',
      pgBin('pg_restore'),
      pgBin('psql'),
      config.DATABASE_URL,
      file,
    ]).catch((error: { stderr?: string; message: string }) => {
      throw new BackupError(
        `pg_restore failed${options.replace ? '' : ' (add --replace to overwrite a database that is not empty)'}: ${(error.stderr || error.message).trim()}`,
      );
    });
    return engine;
  }
  const dir = config.PGLITE_DIR;
  if (dir.startsWith('memory://')) throw new BackupError('PGLITE_DIR is in memory: restore into a directory');
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!options.replace)
      throw new BackupError(`${dir} already holds a database; add --replace to overwrite it`);
    rmSync(dir, { recursive: true, force: true });
  }
  const handle = await createDatabase({ pgliteDir: dir, pgliteDataDir: new Blob([await readFile(file)]) });
  await handle.close();
  return engine;
}
