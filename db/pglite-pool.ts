/**
 * Lets Kysely's own PostgresDialect drive an embedded PGlite database.
 *
 * PGlite is a single connection. The pool below hands that connection out one checkout at a
 * time (a FIFO queue), so a Kysely transaction owns it from BEGIN to COMMIT and concurrent
 * requests simply wait their turn. We use Kysely's dialect rather than a third-party PGlite
 * dialect so both engines run exactly the same driver code (see docs/decisions/001).
 *
 * The database may live in this thread or in a worker (db/pglite-thread.ts). A worker that was
 * restarted mid-checkout has lost that checkout's transaction, so the checkout's later
 * statements fail instead of running outside it.
 */
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type { EmbeddedDatabase } from './pglite-thread';
import { DatabaseUnavailableError, noteUnavailable } from './unavailable';

export class PGlitePool implements PostgresPool {
  private busy = false;
  private readonly waiting: Array<() => void> = [];
  private ended = false;

  constructor(private readonly pglite: EmbeddedDatabase) {}

  async connect(): Promise<PostgresPoolClient> {
    if (this.ended) throw new Error('PGlite pool has been closed');
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy = true;
    let released = false;
    const generation = this.pglite.generation;
    return {
      query: async <R>(sql: string, parameters: ReadonlyArray<unknown>) => {
        if (this.pglite.generation !== generation) {
          // The transaction is gone with the old worker: nothing to roll back.
          if (/^\s*rollback/i.test(sql)) return { command: 'ROLLBACK', rowCount: 0, rows: [] };
          throw noteUnavailable(
            new DatabaseUnavailableError('the embedded database restarted during this transaction'),
          );
        }
        const result = await this.pglite.query<R>(sql, parameters as unknown[]).catch((error: unknown) => {
          throw noteUnavailable(error);
        });
        return {
          command: (result as { command?: string }).command ?? 'SELECT',
          rowCount: (result as { rowCount?: number }).rowCount ?? result.affectedRows ?? 0,
          rows: result.rows,
        } as PostgresQueryResult<R>;
      },
      release: () => {
        if (released) return;
        released = true;
        const next = this.waiting.shift();
        if (next) next();
        else this.busy = false;
      },
    } as PostgresPoolClient;
  }

  async end(): Promise<void> {
    this.ended = true;
    await this.pglite.close();
  }
}
