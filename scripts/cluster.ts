/**
 * `npm run cluster [-- --apps N] [--no-replica]`: a PostgreSQL primary with a streaming replica,
 * N Haven processes and HAProxy in front, on this machine (scripts/lib/cluster.ts). Runs until
 * Ctrl-C, then stops everything and removes its temporary directory.
 */
import { exitWith, EXIT_USAGE, parseCli } from './lib/cli';
import { clusterTools, startCluster } from './lib/cluster';

const { values } = parseCli({
  command: 'cluster',
  summary:
    'Starts a PostgreSQL primary and streaming replica (machine binaries, temporary directories), Haven processes and HAProxy in front, on free loopback ports; Ctrl-C stops them all.',
  options: {
    apps: { type: 'string', default: '2', value: 'N', help: 'Haven processes behind the balancer' },
    'no-replica': { type: 'boolean', default: false, help: 'run without the streaming replica' },
  },
});
const apps = Number(values.apps);
if (!Number.isInteger(apps) || apps < 1 || apps > 8)
  exitWith('cluster', '--apps must be a whole number from 1 to 8', EXIT_USAGE);
const tools = clusterTools();
if (!tools.ok) exitWith('cluster', `missing: ${tools.missing.join(', ')} (.ci/run installs them)`);

const log = (line: string) => process.stdout.write(`${line}\n`);
const cluster = await startCluster({ apps, replica: !values['no-replica'], log });
log(`\nHaven cluster ready: ${cluster.balancerUrl}`);
log(`  primary  ${cluster.primary.url}`);
if (cluster.replica) log(`  replica  ${cluster.replica.url}`);
log('Ctrl-C stops it.');

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  log('stopping the cluster…');
  await cluster.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
