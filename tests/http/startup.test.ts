/**
 * The server entry as a real process: bad settings stop it with a message naming the
 * variable; good ones migrate, serve /healthz and stop cleanly on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const tsx = path.resolve('node_modules/.bin/tsx');

function run(env: Record<string, string>) {
  const child = spawn(tsx, ['server.ts'], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
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
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
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
    let status = 0;
    for (let attempt = 0; attempt < 120 && status !== 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
    }
    expect(status).toBe(200);
    expect(server.output()).toContain('2026_11_22_0001_create_listings: Success');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down');
  });
});
