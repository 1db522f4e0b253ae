/** Runs `remix build` when build/ is missing or older than the app sources. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

export const SERVER_BUILD = path.resolve('build/index.js');

export function buildIsStale(): boolean {
  if (!existsSync(SERVER_BUILD)) return true;
  const sources = Math.max(
    newestMtime('app'),
    statSync('remix.config.js').mtimeMs,
    statSync('package.json').mtimeMs,
  );
  return sources > statSync(SERVER_BUILD).mtimeMs;
}

export function ensureBuild(log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): void {
  if (!buildIsStale()) return;
  log('Building the app (remix build)…');
  execFileSync(process.execPath, [path.resolve('node_modules/@remix-run/dev/dist/cli.js'), 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
