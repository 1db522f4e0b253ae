/**
 * Every CLI answers `--help` with its usage and exit 0 without touching anything, and an unknown
 * flag or a missing argument with what is wrong plus the usage, exit 2, and no stack trace.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'haven-cli-'));
// A database directory that must not come into existence: --help has no side effects.
const pgliteDir = path.join(scratch, 'pglite');

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(script: string, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', script), ...args], {
      cwd: root,
      env: { ...process.env, PGLITE_DIR: pgliteDir, DATABASE_URL: '', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What each CLI that needs an argument says is missing when run without one. */
const MISSING: Record<string, string> = {
  'import.ts': '<dir',
  'export.ts': '<dir>',
  'user-create.ts': '--email',
  'backup.ts': '<file>',
  'restore.ts': '<file>',
};

/** Every CLI: each package.json script that runs one file of scripts/ (so a new one is covered). */
const CLIS = Object.entries(
  (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts,
).flatMap(([name, line]) => {
  const match = /^tsx scripts\/([\w-]+\.ts)$/.exec(line);
  if (!match) return [];
  const script = match[1]!;
  return [{ script, command: name === 'start' ? 'npm start' : `npm run ${name}`, missing: MISSING[script] }];
});

it('finds the CLIs in package.json', () => {
  expect(CLIS.map((cli) => cli.script)).toEqual(
    expect.arrayContaining(['start.ts', 'import.ts', 'bench.ts']),
  );
  for (const script of Object.keys(MISSING)) expect(CLIS.map((cli) => cli.script)).toContain(script);
});

describe.concurrent('command-line tools', () => {
  it.each(CLIS)(
    '$script --help prints usage and exits 0 without side effects',
    async ({ script, command }) => {
      const result = await run(script, ['--help']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^usage: ${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(result.stdout).toContain('--help');
      expect(existsSync(pgliteDir)).toBe(false);
    },
  );

  it.each(CLIS)('$script refuses an unknown flag with the usage and exit 2', async ({ script }) => {
    const result = await run(script, ['--no-such-flag']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--no-such-flag'");
    expect(result.stderr).toContain('usage: ');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(pgliteDir)).toBe(false);
  });

  it.each(CLIS.filter((cli) => cli.missing))(
    '$script without its argument says what is missing, exit 2',
    async ({ script, missing }) => {
      const result = await run(script, []);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`missing ${missing}`);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    },
  );
});
