/**
 * "The database cannot answer right now": the embedded engine's worker was restarted, or a
 * PostgreSQL server is down, restarting or refusing connections. These are worth a retry in a
 * few seconds, so the HTTP edge answers them with 503 and `Retry-After` rather than 500.
 *
 * Remix catches a loader's error and renders a 500 page; the HTTP edge cannot see the error
 * itself. So the database layer records, in the request's async context, that such an error
 * happened (`noteUnavailable`), and the edge turns that request's 500 into a 503
 * (`withUnavailableTracking`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export class DatabaseUnavailableError extends Error {
  readonly code = 'HAVEN_DB_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

// Connection-level failures (node's socket errors, PostgreSQL's admin_shutdown, crash_shutdown,
// cannot_connect_now, too_many_connections and the connection_exception class 08).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** Whether an error means "the database is not reachable now" rather than "this query is wrong". */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return /Connection terminated|Client has encountered a connection error|connect ECONNREFUSED/.test(
    error.message,
  );
}

export interface UnavailableRecord {
  unavailable: boolean;
}

const tracking = new AsyncLocalStorage<UnavailableRecord>();

/** Runs `fn` (a request's handling) with `record` collecting unavailable-database errors. */
export function withUnavailableTracking<T>(record: UnavailableRecord, fn: () => T): T {
  return tracking.run(record, fn);
}

/** Records (in the current request, if any) that the database was unavailable; returns the error. */
export function noteUnavailable<E>(error: E): E {
  if (isUnavailable(error)) {
    const store = tracking.getStore();
    if (store) store.unavailable = true;
  }
  return error;
}
