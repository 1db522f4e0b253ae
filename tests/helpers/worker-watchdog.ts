/**
 * Ends a test worker whose main thread has been stuck for minutes.
 *
 * PGlite runs PostgreSQL as WebAssembly on the worker's main thread. Rarely, a query never
 * returns and spins the CPU (an open PGlite bug: electric-sql/pglite#1068, seen here about once
 * in five full runs). The event loop is then blocked, so vitest's own timeouts cannot fire and
 * the run would wait forever. A watchdog thread sees the main thread's heartbeat stop, says why
 * on stderr and kills the worker: vitest reports the file as failed within minutes, and the CI
 * script runs the suite again (see .ci/run).
 */
import { Worker } from 'node:worker_threads';

const STUCK_SECONDS = Number(process.env.HAVEN_WATCHDOG_SECONDS ?? 150);
const key = Symbol.for('haven.testWorkerWatchdog');
const state = globalThis as { [key]?: true };

if (!state[key]) {
  state[key] = true;
  const beat = new Int32Array(new SharedArrayBuffer(4));
  const now = () => Math.floor(Date.now() / 1000);
  Atomics.store(beat, 0, now());
  setInterval(() => Atomics.store(beat, 0, now()), 1000).unref();
  const watchdog = new Worker(
    `const { workerData } = require('node:worker_threads');
     const { writeSync } = require('node:fs');
     setInterval(() => {
       const silent = Math.floor(Date.now() / 1000) - Atomics.load(workerData.beat, 0);
       if (silent < workerData.limit) return;
       writeSync(2, '\\n[watchdog] test worker ' + process.pid + ': main thread stuck for ' + silent +
         ' s (likely the PGlite spin, electric-sql/pglite#1068); killing it.\\n');
       process.kill(process.pid, 'SIGKILL');
     }, 5000);`,
    { eval: true, workerData: { beat, limit: STUCK_SECONDS } },
  );
  watchdog.unref();
}
