/**
 * The server entry as a real process: bad settings stop it with a message naming the
 * variable; good ones migrate, serve /healthz and stop cleanly on SIGTERM. `npm start`, run
 * exactly as the README says, leaves no query, place or coordinate in its output.
 */
import {
  type ChildProcess,
  spawn,
  type SpawnOptionsWithStdioTuple,
  type StdioNull,
  type StdioPipe,
} from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const tsx = path.resolve('node_modules/.bin/tsx');

/** A server process with its output collected; `detached` gives it its own process group. */
function spawnServer(
  command: string,
  args: string[],
  env: Partial<NodeJS.ProcessEnv> & Record<string, string>,
  detached = false,
) {
  const options: SpawnOptionsWithStdioTuple<StdioNull, StdioPipe, StdioPipe> = {
    // @remix-run/node types NODE_ENV as always set; `npm start` is run here without it.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached,
  };
  const child = spawn(command, args, options);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

const run = (env: Record<string, string>) =>
  spawnServer(tsx, ['server.ts'], { NODE_ENV: 'production', LOG_LEVEL: 'info', ...env });

/** `npm start` as the README runs it: no NODE_ENV, default LOG_LEVEL, in its own process group. */
const npmStart = (env: Record<string, string>) => spawnServer('npm', ['start'], env, true);

/** Polls /healthz until it answers 200 or 90 s pass (a cold PGlite start is slow on a busy machine). */
async function waitForHealth(port: number): Promise<number> {
  const deadline = Date.now() + 90_000;
  let status = 0;
  while (status !== 200 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
  }
  return status;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('server entry', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const groups: number[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    for (const group of groups) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/haven' }, 'DATABASE_URL'],
  ])('refuses to start with %o and names %s', async (env, name) => {
    const server = run(env);
    children.push(server.child);
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain(`${name}:`);
  });

  it('migrates an empty PGlite directory, serves /healthz and stops on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'haven-start-'));
    dirs.push(dir);
    const port = await freePort();
    const server = run({ PORT: String(port), PGLITE_DIR: dir, SEED_DEMO: '0' });
    children.push(server.child);
    expect(await waitForHealth(port)).toBe(200);
    expect(server.output()).toContain('2026_11_22_0001_create_listings: Success');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down');
  }, 120_000);

  it('npm start runs in production and logs no query, place or coordinate of any request', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'haven-start-'));
    dirs.push(dir);
    const port = await freePort();
    const server = npmStart({ PORT: String(port), PGLITE_DIR: dir, SEED_DEMO: '0' });
    groups.push(server.child.pid!);
    expect(await waitForHealth(port)).toBe(200);

    const base = `http://127.0.0.1:${port}`;
    const secret = 'near=Houston%20TX&lat=29.73&lng=-95.48&q=visa%20lawyer';
    const answers = await Promise.all([
      fetch(`${base}/nope?${secret}`),
      fetch(`${base}/search?${secret}`),
      fetch(`${base}/search?_data=routes%2Fsearch&${secret}`),
      fetch(`${base}/search.data?${secret}`),
      fetch(`${base}/api/v1/nope?${secret}`),
    ]);
    expect(answers[0]!.status).toBe(404);
    await Promise.all(answers.map((answer) => answer.text()));
    await new Promise((resolve) => setTimeout(resolve, 300));

    process.kill(-server.child.pid!, 'SIGTERM');
    await server.exited;
    const output = server.output();
    expect(output).toContain('"status":404');
    for (const leak of [
      'Houston',
      '29.73',
      '-95.48',
      'visa',
      'lawyer',
      'near=',
      'lat=',
      'No routes matched',
    ]) {
      expect(output, `the server's output contains ${leak}`).not.toContain(leak);
    }
    expect(output, 'no error-level line for any of these requests').not.toContain('"level":"error"');
  }, 120_000);
});
