/**
 * The worker thread that hosts an embedded PGlite database for the server (see
 * db/pglite-thread.ts for the other side and docs/decisions/003). It answers one message at a
 * time: a statement with its parameters, a dump, or close. A statement that never returns (the
 * PGlite spin, electric-sql/pglite#1068) blocks only this thread; the main thread terminates it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openPGlite } from './pglite-open';

export type WorkerRequest =
  | { id: number; kind: 'query'; sql: string; params: unknown[] }
  | { id: number; kind: 'dump' }
  | { id: number; kind: 'close' };

export type WorkerResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: Record<string, string | number | undefined> }
  | { id: 0; ok: true; ready: true };

const { dataDir, loadDataDir } = workerData as { dataDir: string; loadDataDir?: Blob };
const port = parentPort!;
const pglite = await openPGlite({ dataDir, loadDataDir });

port.on('message', (request: WorkerRequest) => {
  void answer(request).then(
    (result) => port.postMessage({ id: request.id, ok: true, result } satisfies WorkerResponse),
    (error: unknown) =>
      port.postMessage({ id: request.id, ok: false, error: plainError(error) } satisfies WorkerResponse),
  );
});

async function answer(request: WorkerRequest): Promise<unknown> {
  switch (request.kind) {
    case 'query': {
      const result = await pglite.query(request.sql, request.params);
      return {
        rows: result.rows,
        affectedRows: result.affectedRows,
        command: (result as { command?: string }).command,
      };
    }
    case 'dump':
      return pglite.dumpDataDir('gzip');
    case 'close':
      if (!pglite.closed) await pglite.close();
      return null;
  }
}

port.postMessage({ id: 0, ok: true, ready: true } satisfies WorkerResponse);

/** The error's message and PostgreSQL fields (code, detail, constraint…) as a cloneable object. */
function plainError(error: unknown): Record<string, string | number | undefined> {
  const fields: Record<string, string | number | undefined> = {
    message: error instanceof Error ? error.message : String(error),
  };
  if (error && typeof error === 'object')
    for (const [key, value] of Object.entries(error))
      if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  return fields;
}
