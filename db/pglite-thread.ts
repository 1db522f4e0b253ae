/**
 * An embedded PGlite database in a worker thread, with a deadline on every statement.
 *
 * PGlite runs PostgreSQL as WebAssembly; on the main thread a statement that never returns (the
 * PGlite spin, electric-sql/pglite#1068) froze the whole server, `/healthz` and SIGTERM included.
 * Here the database lives in db/pglite-worker.ts and this side talks to it by messages. When a
 * statement outlives its deadline the worker is terminated and a new one opens the same data
 * directory (PostgreSQL's crash recovery makes it consistent); every statement in flight fails
 * with a DatabaseUnavailableError, which the HTTP edge answers with 503. See docs/decisions/003.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerRequest, WorkerResponse } from './pglite-worker';
import { DatabaseUnavailableError } from './unavailable';

export interface QueryResult<R> {
  rows: R[];
  affectedRows?: number;
  command?: string;
}

/** What PGlitePool needs from an embedded database, in this thread or in a worker. */
export interface EmbeddedDatabase {
  query<R>(sql: string, parameters: unknown[]): Promise<QueryResult<R>>;
  close(): Promise<void>;
  /** Increases each time the database is reopened; a checkout from before cannot continue. */
  readonly generation: number;
}

export interface PGliteThreadOptions {
  dataDir: string;
  /** A gzipped data-dir dump to start from (first start only). */
  loadDataDir?: Blob;
  /** Deadline for one statement, in milliseconds. */
  statementTimeoutMs: number;
  /** Told when a statement timed out and the worker was restarted, or a worker died. */
  onRestart?: (reason: string) => void;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

// The worker is TypeScript like the rest of the server. A worker does not inherit the way this
// process loads TypeScript (tsx for the server and CLIs, vitest for tests), so a two-line
// bootstrap loads it through tsx's API (its ESM build: the package's `import` condition).
const tsxApi = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/package.json')
    .replace(/package\.json$/, 'dist/esm/api/index.mjs'),
).href;
const workerUrl = new URL('./pglite-worker.ts', import.meta.url).href;
const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) =>
  tsImport(${JSON.stringify(workerUrl)}, ${JSON.stringify(workerUrl)}))`;

export class PGliteThread implements EmbeddedDatabase {
  generation = 0;
  private worker!: Worker;
  private ready!: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private closing = false;

  private constructor(private readonly options: PGliteThreadOptions) {}

  static async open(options: PGliteThreadOptions): Promise<PGliteThread> {
    const thread = new PGliteThread(options);
    thread.start(options.loadDataDir);
    await thread.ready;
    return thread;
  }

  private start(loadDataDir?: Blob) {
    this.generation += 1;
    const worker = new Worker(bootstrap, {
      eval: true,
      workerData: { dataDir: this.options.dataDir, loadDataDir },
    });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: WorkerResponse) => {
        if ('ready' in message) return resolve();
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        clearTimeout(pending.timer);
        if (message.ok) pending.resolve(message.result);
        else pending.reject(Object.assign(new Error(String(message.error.message)), message.error));
      });
      worker.on('error', (error) => {
        reject(error);
        if (worker === this.worker) this.restart(`the database worker failed: ${error.message}`);
      });
      worker.on('exit', (code) => {
        reject(new Error(`the database worker exited (code ${code}) before it was ready`));
        if (worker === this.worker && !this.closed) this.restart(`the database worker exited (code ${code})`);
      });
    });
    // A failed start is reported through the first request that waits for it.
    this.ready.catch(() => {});
  }

  /** Ends the current worker, fails what it was doing, and opens the data directory again. */
  private restart(reason: string) {
    if (this.closed) return;
    const old = this.worker;
    const failed = [...this.pending.values()];
    this.pending.clear();
    if (!this.closing) this.start();
    void old.terminate();
    for (const pending of failed) {
      clearTimeout(pending.timer);
      pending.reject(new DatabaseUnavailableError(`the embedded database was restarted: ${reason}`));
    }
    this.options.onRestart?.(reason);
  }

  private async call<T>(request: WithoutId<WorkerRequest>, timeoutMs?: number): Promise<T> {
    if (this.closed) throw new Error('the embedded database has been closed');
    await this.ready;
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { resolve: resolve as (value: unknown) => void, reject };
      if (timeoutMs)
        pending.timer = setTimeout(
          () => this.restart(`a statement ran longer than ${timeoutMs} ms`),
          timeoutMs,
        );
      this.pending.set(id, pending);
      this.worker.postMessage({ ...request, id });
    });
  }

  query<R>(sql: string, parameters: unknown[]): Promise<QueryResult<R>> {
    return this.call({ kind: 'query', sql, params: parameters }, this.options.statementTimeoutMs);
  }

  /** The data directory as a gzipped tarball (for backups). */
  dump(): Promise<Blob> {
    return this.call({ kind: 'dump' });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const done = this.call({ kind: 'close' }, this.options.statementTimeoutMs);
    this.closing = true;
    await done.catch(() => {});
    this.closed = true;
    await this.worker.terminate();
  }
}
