/**
 * Runs `remix build` when build/ is missing or older than the app sources, and builds the
 * private basemap (scripts/build-basemap.ts) when its version's folder is not complete.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { BASEMAP_VERSION } from '../../app/components/map/basemap';

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
  if (!existsSync(path.resolve('public/basemap', BASEMAP_VERSION, 'complete.json'))) {
    log('Building the basemap (scripts/build-basemap.ts)…');
    execFileSync(process.execPath, ['--import', 'tsx', path.resolve('scripts/build-basemap.ts')], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  if (!buildIsStale()) return;
  log('Building the app (remix build)…');
  execFileSync(process.execPath, [path.resolve('node_modules/@remix-run/dev/dist/cli.js'), 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
