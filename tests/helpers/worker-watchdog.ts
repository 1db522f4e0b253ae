/**
 * Ends a test worker whose main thread has been stuck for minutes (scripts/lib/stall-watchdog.ts:
 * the PGlite spin, electric-sql/pglite#1068, seen here about once in five full runs). vitest's
 * own timeouts cannot fire on a blocked event loop; killed, the worker is reported as failed
 * within minutes, and the CI script runs the suite again (see .ci/run). The message names the
 * test file and test that were running, and the last statement sent to a test's PGlite.
 */
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { beforeEach, expect } from 'vitest';
import { type StallWatchdog, startStallWatchdog } from '../../scripts/lib/stall-watchdog';

const key = Symbol.for('haven.testWorkerWatchdog');
// A worker runs several files; this module runs once per file, the watchdog once per worker.
const state = globalThis as { [key]?: { watchdog: StallWatchdog; test: string } };
const worker = (state[key] ??= {
  watchdog: startStallWatchdog({
    seconds: Number(process.env.HAVEN_WATCHDOG_SECONDS ?? 150),
    what: 'test worker',
    advice: 'vitest reports the file as failed.',
  }),
  test: '',
});

const file = path.relative(process.cwd(), expect.getState().testPath ?? 'unknown file');
const running = (test: string) => {
  worker.test = test;
  worker.watchdog.doing(test);
};
running(file);
beforeEach((context) => running(`${file} > ${context.task.name}`));

/** Names each statement a PGlite instance is given in the watchdog's message (tests only). */
export function traceStatements(pglite: PGlite) {
  const note = (text: string) =>
    worker.watchdog.doing(
      `${worker.test}; last PGlite statement: ${text.replace(/\s+/g, ' ').slice(0, 400)}`,
    );
  const { query, exec } = pglite;
  pglite.query = ((text: string, ...rest: unknown[]) => {
    note(text);
    return (query as (...args: unknown[]) => unknown).call(pglite, text, ...rest);
  }) as PGlite['query'];
  pglite.exec = ((text: string, ...rest: unknown[]) => {
    note(text);
    return (exec as (...args: unknown[]) => unknown).call(pglite, text, ...rest);
  }) as PGlite['exec'];
}
