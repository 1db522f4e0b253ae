/**
 * Ends a test worker whose main thread has been stuck for minutes (scripts/lib/stall-watchdog.ts:
 * the PGlite spin, electric-sql/pglite#1068, seen here about once in five full runs). vitest's
 * own timeouts cannot fire on a blocked event loop; killed, the worker is reported as failed
 * within minutes, and the CI script runs the suite again (see .ci/run).
 */
import { startStallWatchdog } from '../../scripts/lib/stall-watchdog';

const key = Symbol.for('haven.testWorkerWatchdog');
const state = globalThis as { [key]?: true };

if (!state[key]) {
  state[key] = true;
  startStallWatchdog({
    seconds: Number(process.env.HAVEN_WATCHDOG_SECONDS ?? 150),
    what: 'test worker',
    advice: 'vitest reports the file as failed.',
  });
}
