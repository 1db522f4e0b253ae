/**
 * Ends a test worker whose main thread has been stuck for minutes (scripts/lib/stall-watchdog.ts:
 * the PGlite spin, electric-sql/pglite#1068, seen here about once in five full runs). vitest's
 * own timeouts cannot fire on a blocked event loop; killed, the worker is reported as failed
 * within minutes, and the CI script runs the suite again (see .ci/run). The message names the
 * test file and test that were running.
 */
import path from 'node:path';
import { beforeEach, expect } from 'vitest';
import { type StallWatchdog, startStallWatchdog } from '../../scripts/lib/stall-watchdog';

const key = Symbol.for('haven.testWorkerWatchdog');
const state = globalThis as { [key]?: StallWatchdog };

// A worker runs several files; this module runs once per file, the watchdog once per worker.
const watchdog = (state[key] ??= startStallWatchdog({
  seconds: Number(process.env.HAVEN_WATCHDOG_SECONDS ?? 150),
  what: 'test worker',
  advice: 'vitest reports the file as failed.',
}));
const file = path.relative(process.cwd(), expect.getState().testPath ?? 'unknown file');
watchdog.doing(file);
beforeEach((context) => watchdog.doing(`${file} > ${context.task.name}`));
