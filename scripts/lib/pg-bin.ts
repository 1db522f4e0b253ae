/** The machine's PostgreSQL client and server binaries (Debian layout; PG_BIN overrides). */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];

/** The newest installed version's bin directory, e.g. /usr/lib/postgresql/15/bin. */
export const PG_BIN =
  process.env.PG_BIN ??
  path.join('/usr/lib/postgresql', versions.sort((a, b) => Number(a) - Number(b)).at(-1) ?? '15', 'bin');

export const pgBin = (tool: string) => path.join(PG_BIN, tool);
