/**
 * A real Haven cluster on one machine (issue 16): a PostgreSQL primary and a streaming replica
 * made with the machine's PostgreSQL binaries in temporary directories, Haven processes reading
 * from the replica, and HAProxy in front — all on free loopback ports, all stopped by stop().
 * Used by `npm run cluster` and by the fault tests (tests/cluster/).
 *
 * PostgreSQL's tools refuse to run as root; as root they run as the `postgres` user (runuser).
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { seedDemoData } from '../../app/hsds/seed.server';
import { createDatabase } from '../../db/index';
import { migrateToLatest } from '../../db/migrate';
import { ensureBuild } from './build';
import { PG_BIN } from './pg-bin';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Whether this machine can run a cluster (PostgreSQL binaries and HAProxy). */
export function clusterTools(): { ok: boolean; missing: string[] } {
  const missing = [path.join(PG_BIN, 'initdb'), path.join(PG_BIN, 'pg_basebackup')].filter(
    (bin) => !existsSync(bin),
  );
  try {
    execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
  } catch {
    missing.push('haproxy');
  }
  return { ok: missing.length === 0, missing };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const execFileAsync = promisify(execFile);
const asRoot = process.getuid?.() === 0;

/**
 * Runs a PostgreSQL tool (as `postgres` when we are root), without blocking this process's event
 * loop: the fault tests keep their load running while a server stops or starts.
 */
async function pgTool(tool: string, args: string[]) {
  const bin = path.join(PG_BIN, tool);
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  await execFileAsync(command, argv, { timeout: 120_000 });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PostgresNode {
  port: number;
  url: string;
  dataDir: string;
  start(): Promise<void>;
  /** Stops the server (`fast`: ends sessions, clean shutdown; `immediate`: like a crash). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  restart(): Promise<void>;
}

function postgresNode(dataDir: string, port: number, logFile: string): PostgresNode {
  let running = false;
  const node: PostgresNode = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/haven`,
    dataDir,
    async start() {
      await pgTool('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
      running = true;
    },
    async stop(mode = 'fast') {
      if (!running) return;
      await pgTool('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
      running = false;
    },
    async restart() {
      await pgTool('pg_ctl', ['-D', dataDir, '-l', logFile, '-m', 'fast', '-w', '-t', '60', 'restart']);
      running = true;
    },
  };
  return node;
}

export interface AppProcess {
  port: number;
  child: ChildProcess;
  output(): string;
  /** Ends the process abruptly (SIGKILL), as a crash would. */
  kill(): Promise<void>;
}

export interface Cluster {
  dir: string;
  primary: PostgresNode;
  replica?: PostgresNode;
  apps: AppProcess[];
  /** http://127.0.0.1:<port> of the load balancer. */
  balancerUrl: string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Haven processes behind the balancer (default 2). */
  apps?: number;
  /** Start a streaming replica and send public reads to it (default true). */
  replica?: boolean;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Extra environment for the Haven processes. */
  env?: Record<string, string>;
}

function startApp(port: number, env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    port,
    child,
    output: () => output,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

async function stopApp(app: AppProcess) {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => app.child.once('exit', () => resolve()));
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitFor(what: string, check: () => Promise<boolean>, seconds: number, child?: ChildProcess) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what}: the process exited (${child.exitCode})`);
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${what}: not ready after ${seconds} s`);
}

export const isHealthy = (url: string) => fetch(`${url}/healthz`).then((response) => response.ok);

function haproxyConfig(port: number, apps: number[]): string {
  return `global
  maxconn 2000
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  # A request that could not reach a Haven process (it died) is tried on another one.
  retries 2
  option redispatch
  retry-on conn-failure empty-response response-timeout
frontend haven
  bind 127.0.0.1:${port}
  default_backend apps
backend apps
  balance roundrobin
  option httpchk GET /healthz
  http-check expect status 200
${apps.map((app, i) => `  server app${i + 1} 127.0.0.1:${app} check inter 500 fall 2 rise 1`).join('\n')}
`;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-cluster-'));
  chmodSync(dir, 0o755);
  const owned: { apps: AppProcess[]; balancer?: ChildProcess; nodes: PostgresNode[] } = {
    apps: [],
    nodes: [],
  };
  const stop = async () => {
    await Promise.all(owned.apps.map(stopApp));
    if (owned.balancer && owned.balancer.exitCode === null) {
      const exited = new Promise((resolve) => owned.balancer!.once('exit', resolve));
      owned.balancer.kill('SIGTERM');
      await exited;
    }
    for (const node of [...owned.nodes].reverse()) {
      await node.stop('fast').catch(() => node.stop('immediate'));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    ensureBuild(log);
    const pgDir = path.join(dir, 'pg');
    mkdirSync(pgDir);
    if (asRoot) chownPostgres(pgDir);

    const primaryPort = await freePort();
    const primary = postgresNode(path.join(pgDir, 'primary'), primaryPort, path.join(pgDir, 'primary.log'));
    log(`initdb: primary on port ${primaryPort}`);
    await pgTool('initdb', [
      '-D',
      primary.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    appendFileSync(
      path.join(primary.dataDir, 'postgresql.conf'),
      [
        `port = ${primaryPort}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${pgDir}'`,
        'wal_level = replica',
        'max_wal_senders = 5',
        'hot_standby = on',
        // A scratch cluster: speed over durability against power loss (restarts stay clean).
        'fsync = off',
        'max_connections = 100',
        '',
      ].join('\n'),
    );
    await primary.start();
    owned.nodes.push(primary);

    const admin = await createDatabase({
      databaseUrl: primary.url.replace(/\/haven$/, '/postgres'),
      maxConnections: 1,
    });
    await sql`create database haven`.execute(admin.db);
    await admin.close();
    const seeding = await createDatabase({ databaseUrl: primary.url, maxConnections: 2 });
    await migrateToLatest(seeding.db);
    const seeded = await seedDemoData(seeding.db);
    await seeding.close();
    log(`primary: migrated, ${seeded.services} demo services`);

    let replica: PostgresNode | undefined;
    if (options.replica ?? true) {
      const replicaPort = await freePort();
      replica = postgresNode(path.join(pgDir, 'replica'), replicaPort, path.join(pgDir, 'replica.log'));
      await pgTool('pg_basebackup', [
        '-h',
        '127.0.0.1',
        '-p',
        String(primaryPort),
        '-U',
        'postgres',
        '-D',
        replica.dataDir,
        '-R',
        '-X',
        'stream',
        // Start at once instead of after a spread checkpoint (minutes on an idle server).
        '--checkpoint=fast',
      ]);
      appendFileSync(path.join(replica.dataDir, 'postgresql.conf'), `port = ${replicaPort}\n`);
      await replica.start();
      owned.nodes.push(replica);
      log(`replica: streaming from the primary, port ${replicaPort}`);
    }

    const ports = await Promise.all(Array.from({ length: options.apps ?? 2 }, () => freePort()));
    const env = {
      DATABASE_URL: primary.url,
      ...(replica ? { DATABASE_READ_URL: replica.url } : {}),
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      ...options.env,
    };
    owned.apps.push(...ports.map((port) => startApp(port, env)));
    await Promise.all(
      owned.apps.map((app) =>
        waitFor(`Haven on port ${app.port}`, () => isHealthy(`http://127.0.0.1:${app.port}`), 120, app.child),
      ),
    );
    log(`Haven: ${ports.length} processes on ports ${ports.join(', ')}`);

    const balancerPort = await freePort();
    const config = path.join(dir, 'haproxy.cfg');
    writeFileSync(config, haproxyConfig(balancerPort, ports));
    owned.balancer = spawn('haproxy', ['-db', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    const balancerUrl = `http://127.0.0.1:${balancerPort}`;
    await waitFor('HAProxy', () => isHealthy(balancerUrl), 30, owned.balancer);
    log(`HAProxy: ${balancerUrl}`);

    return { dir, primary, replica, apps: owned.apps, balancerUrl, stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

function chownPostgres(dir: string) {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(dir, uid, gid);
}
