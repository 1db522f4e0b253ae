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
import { restoreDatabase } from './backup';
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
  /** Haven processes behind the balancer (default 2; 0: none and no balancer). */
  apps?: number;
  /** Start a streaming replica and send public reads to it (default true). */
  replica?: boolean;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Extra environment for the Haven processes. */
  env?: Record<string, string>;
  /**
   * A `pg_dump -Fc` archive to load into the primary instead of the demo data (the HTTP bench
   * loads its 1M-service database this way). Pending migrations still run after it.
   */
  restoreFrom?: string;
}

export interface Frontend {
  apps: AppProcess[];
  /** http://127.0.0.1:<port> of the load balancer. */
  balancerUrl: string;
  /** HAProxy's counters for the Haven processes and the backend, since it started. */
  balancerStats(): Promise<BalancerStats[]>;
  stop(): Promise<void>;
}

/** One row of HAProxy's statistics: a Haven process (`app1`…) or the whole backend (`BACKEND`). */
export interface BalancerStats {
  server: string;
  /** UP, DOWN, … at the time of the call. */
  status: string;
  /** Failed health checks, UP→DOWN transitions, seconds spent DOWN. */
  checkFailures: number;
  wentDown: number;
  secondsDown: number;
  /** The last health check's result and its duration (ms). */
  lastCheck: string;
  /** Responses by class: for a process, what it answered; for the backend, including HAProxy's own 503s. */
  responses: Record<'2xx' | '4xx' | '5xx', number>;
  /** Requests that found no process to send to, or failed connecting (HAProxy answered 503). */
  connectionErrors: number;
}

async function readBalancerStats(statsUrl: string): Promise<BalancerStats[]> {
  const csv = await (await fetch(`${statsUrl}/;csv`)).text();
  const [header, ...lines] = csv.replace(/^# /, '').trim().split('\n');
  const names = header!.split(',');
  return lines
    .map((line) => Object.fromEntries(line.split(',').map((value, i) => [names[i], value])))
    .filter((row) => row.pxname === 'apps')
    .map((row) => ({
      server: row.svname!,
      status: row.status!,
      checkFailures: Number(row.chkfail || 0),
      wentDown: Number(row.chkdown || 0),
      secondsDown: Number(row.downtime || 0),
      lastCheck: `${row.check_status ?? ''} ${row.check_duration ?? ''}`.trim(),
      responses: {
        '2xx': Number(row.hrsp_2xx || 0),
        '4xx': Number(row.hrsp_4xx || 0),
        '5xx': Number(row.hrsp_5xx || 0),
      },
      connectionErrors: Number(row.econ || 0),
    }));
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

function haproxyConfig(port: number, statsPort: number, apps: number[]): string {
  return `global
  maxconn 2000
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  # A health check waits behind the requests a busy process is serving: without this the
  # check's timeout is its 500 ms interval, and a loaded (not dead) process is taken out. A
  # killed process refuses the connection at once, so failover stays as fast.
  timeout check 5s
  # A request that could not reach a Haven process (it died) is tried on another one.
  retries 2
  option redispatch
  retry-on conn-failure empty-response response-timeout
frontend haven
  bind 127.0.0.1:${port}
  default_backend apps
# HAProxy's own counters (CSV at /;csv): per process, check failures, time down and the 5xx it
# answered; for the backend, the 503s HAProxy made itself because no process was up.
listen stats
  bind 127.0.0.1:${statsPort}
  stats enable
  stats uri /
backend apps
  balance roundrobin
  option httpchk GET /healthz
  http-check expect status 200
${apps.map((app, i) => `  server app${i + 1} 127.0.0.1:${app} check inter 500 fall 2 rise 1`).join('\n')}
`;
}

/**
 * Haven processes on the cluster's database (public reads on the replica when one is given) and
 * HAProxy in front of them. startCluster starts one; the HTTP bench starts several in turn (1 or
 * 2 processes, with the replica or without) on the same databases.
 */
export async function startFrontend(options: {
  dir: string;
  primaryUrl: string;
  replicaUrl?: string;
  apps: number;
  env?: Record<string, string>;
  log?: (line: string) => void;
}): Promise<Frontend> {
  const log = options.log ?? (() => {});
  const apps: AppProcess[] = [];
  let balancer: ChildProcess | undefined;
  const stop = async () => {
    await Promise.all(apps.map(stopApp));
    if (balancer && balancer.exitCode === null) {
      const exited = new Promise((resolve) => balancer!.once('exit', resolve));
      balancer.kill('SIGTERM');
      await exited;
    }
  };
  try {
    const ports = await Promise.all(Array.from({ length: options.apps }, () => freePort()));
    const env = {
      DATABASE_URL: options.primaryUrl,
      ...(options.replicaUrl ? { DATABASE_READ_URL: options.replicaUrl } : {}),
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      ...options.env,
    };
    apps.push(...ports.map((port) => startApp(port, env)));
    await Promise.all(
      apps.map((app) =>
        waitFor(`Haven on port ${app.port}`, () => isHealthy(`http://127.0.0.1:${app.port}`), 120, app.child),
      ),
    );
    log(`Haven: ${ports.length} processes on ports ${ports.join(', ')}`);

    const [balancerPort, statsPort] = await Promise.all([freePort(), freePort()]);
    const config = path.join(options.dir, `haproxy-${balancerPort}.cfg`);
    writeFileSync(config, haproxyConfig(balancerPort, statsPort, ports));
    balancer = spawn('haproxy', ['-db', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    const balancerUrl = `http://127.0.0.1:${balancerPort}`;
    await waitFor('HAProxy', () => isHealthy(balancerUrl), 30, balancer);
    log(`HAProxy: ${balancerUrl}`);

    const balancerStats = () => readBalancerStats(`http://127.0.0.1:${statsPort}`);
    return { apps, balancerUrl, balancerStats, stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-cluster-'));
  chmodSync(dir, 0o755);
  const owned: { frontends: Frontend[]; nodes: PostgresNode[] } = { frontends: [], nodes: [] };
  const stop = async () => {
    for (const frontend of owned.frontends) await frontend.stop();
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
    if (options.restoreFrom) {
      log(`primary: restoring ${options.restoreFrom}`);
      // The project's restore (npm run db:restore), which handles earthdistance's search_path.
      await restoreDatabase({ DATABASE_URL: primary.url, PGLITE_DIR: '' }, options.restoreFrom, {
        replace: false,
      });
    }
    const seeding = await createDatabase({ databaseUrl: primary.url, maxConnections: 2 });
    await migrateToLatest(seeding.db);
    if (options.restoreFrom) {
      await sql`analyze`.execute(seeding.db);
      log('primary: restored, migrated, analyzed');
    } else {
      const seeded = await seedDemoData(seeding.db);
      log(`primary: migrated, ${seeded.services} demo services`);
    }
    await seeding.close();

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

    // apps: 0 — the databases alone; the caller starts frontends (startFrontend) itself.
    const frontend =
      options.apps === 0
        ? { apps: [], balancerUrl: '', balancerStats: async () => [], stop: async () => {} }
        : await startFrontend({
            dir,
            primaryUrl: primary.url,
            replicaUrl: replica?.url,
            apps: options.apps ?? 2,
            env: options.env,
            log,
          });
    owned.frontends.push(frontend);
    const { apps, balancerUrl } = frontend;

    return { dir, primary, replica, apps, balancerUrl, stop };
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
