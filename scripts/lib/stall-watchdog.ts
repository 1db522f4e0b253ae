/**
 * Kills this process when its main thread has been stuck longer than a limit.
 *
 * PGlite runs PostgreSQL as WebAssembly on the main thread. Rarely, a query never returns and
 * spins the CPU (an open PGlite bug: electric-sql/pglite#1068). The event loop is then blocked:
 * no timer, timeout or signal handler of ours can run, and the process would wait forever. A
 * watchdog thread sees the main thread's heartbeat stop, says why on stderr and sends SIGKILL.
 * Used by every test worker (tests/helpers/worker-watchdog.ts) and by `npm run bench`.
 */
import { Worker } from 'node:worker_threads';

export interface StallWatchdog {
  /** Changes the limit from now on (a long single statement, such as a bulk load, needs more). */
  setLimit(seconds: number): void;
  /**
   * Reports progress. A timer beats once a second, but only when the event loop gets to its
   * timers: a run of PGlite queries resolves through promise callbacks alone and never does, so
   * long loops of them beat themselves.
   */
  beat(): void;
  /** Names what the main thread is doing now (a test's file and name), for the message. */
  doing(label: string): void;
}

export function startStallWatchdog(options: {
  seconds: number;
  what: string;
  advice: string;
}): StallWatchdog {
  // [0] the main thread's last heartbeat (epoch seconds), [1] the limit in seconds
  const shared = new Int32Array(new SharedArrayBuffer(8));
  // [0..1] the length of the label that follows, in bytes (UTF-8)
  const label = new Uint8Array(new SharedArrayBuffer(2 + 1024));
  const now = () => Math.floor(Date.now() / 1000);
  Atomics.store(shared, 0, now());
  Atomics.store(shared, 1, options.seconds);
  setInterval(() => Atomics.store(shared, 0, now()), 1000).unref();
  const watchdog = new Worker(
    `const { workerData } = require('node:worker_threads');
     const { writeSync } = require('node:fs');
     setInterval(() => {
       const silent = Math.floor(Date.now() / 1000) - Atomics.load(workerData.shared, 0);
       if (silent < Atomics.load(workerData.shared, 1)) return;
       const length = workerData.label[0] * 256 + workerData.label[1];
       const doing = length ? ' in ' + Buffer.from(workerData.label.slice(2, 2 + length)).toString() : '';
       writeSync(2, '\\n[watchdog] ' + workerData.what + ' ' + process.pid + doing + ': main thread stuck for ' + silent +
         ' s (likely the PGlite spin, electric-sql/pglite#1068); killing it. ' + workerData.advice + '\\n');
       process.kill(process.pid, 'SIGKILL');
     }, 5000);`,
    { eval: true, workerData: { shared, label, what: options.what, advice: options.advice } },
  );
  watchdog.unref();
  return {
    setLimit: (seconds) => Atomics.store(shared, 1, seconds),
    beat: () => Atomics.store(shared, 0, now()),
    doing: (text) => {
      const bytes = Buffer.from(text).subarray(0, label.length - 2);
      label.set(bytes, 2);
      label[0] = bytes.length >> 8;
      label[1] = bytes.length & 0xff;
    },
  };
}
