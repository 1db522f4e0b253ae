/**
 * Read routing (DESIGN.md §3): public reads go to a streaming replica (`DATABASE_READ_URL`),
 * everything that must see fresh data goes to the primary. `pickDatabase` is the one place that
 * decides, per request; the replica's handle falls back to the primary by itself while the
 * replica is down or lags more than `READ_MAX_LAG_S`, and uses the replica again once it is back.
 */
import type { Kysely, PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import type { Database } from './types';
import { isUnavailable } from './unavailable';

/** The cookie a staff write leaves for a few seconds so the writer's next pages read the primary. */
export const FRESH_MARKER = 'haven_fresh';

/**
 * The staff side and its doors (/join, /invitations): pages that read the primary, and the only
 * writes that leave the marker — an anonymous visitor gets no cookie but the language choice
 * (DESIGN.md §6), and a public correction need not be read back by its reporter.
 */
export function isStaffPath(path: string): boolean {
  return /^\/(staff|join|invitations)(\/|$)/.test(path);
}

export interface ReadReplica {
  db: Kysely<Database>;
  /** How long a write takes at most to reach the replica while it is used (the marker's life). */
  maxLagS: number;
  status(): ReplicaStatus;
}

export interface ReplicaStatus {
  /** `healthy`: used; `lagging` or `down`: skipped in favour of the primary. */
  state: 'healthy' | 'lagging' | 'down';
  /** Replay lag in seconds at the last check (absent when the replica did not answer). */
  lag_s?: number;
}

export interface RoutedRequest {
  method: string;
  /** The URL path, without the query string. */
  path: string;
  /** The request's Cookie header. */
  cookie?: string;
}

/** The database a request reads and writes: the replica only for a public read that may be a few seconds old. */
export function pickDatabase(
  primary: Kysely<Database>,
  replica: ReadReplica | undefined,
  request: RoutedRequest,
): Kysely<Database> {
  if (!replica) return primary;
  const read = request.method === 'GET' || request.method === 'HEAD';
  const staff = isStaffPath(request.path);
  const wroteRecently = (request.cookie ?? '').split(/;\s*/).includes(`${FRESH_MARKER}=1`);
  return read && !staff && !wroteRecently ? replica.db : primary;
}

// Lag as PostgreSQL's standby sees it: nothing received and not yet replayed means no lag,
// however old the last transaction (an idle primary sends nothing); otherwise the age of the
// last replayed transaction. A server that is not in recovery (promoted) has no lag.
const LAG_SQL = `select case
  when not pg_is_in_recovery() or pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
  else coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()), 0)
end::float8 as lag_s`;

export interface ReplicaLog {
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
}

/** Checks the replica every `intervalMs`; reports state changes to the log. */
export class ReplicaMonitor {
  private current: ReplicaStatus = { state: 'down' };
  private timer?: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly maxLagS: number,
    private readonly log: ReplicaLog,
    private readonly intervalMs = 1000,
  ) {}

  async start() {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  stop() {
    clearInterval(this.timer);
  }

  status(): ReplicaStatus {
    return { ...this.current };
  }

  usable(): boolean {
    return this.current.state === 'healthy';
  }

  /** A request met a connection error on the replica: skip it until the next check says otherwise. */
  failed(error: unknown) {
    this.set({ state: 'down' }, error);
  }

  private async check() {
    if (this.checking) return;
    this.checking = true;
    try {
      const { rows } = await this.pool.query<{ lag_s: number }>(LAG_SQL);
      const lag = Math.round(rows[0]!.lag_s * 10) / 10;
      this.set({ state: lag > this.maxLagS ? 'lagging' : 'healthy', lag_s: lag });
    } catch (error) {
      this.set({ state: 'down' }, error);
    } finally {
      this.checking = false;
    }
  }

  private set(next: ReplicaStatus, error?: unknown) {
    const changed = next.state !== this.current.state;
    this.current = next;
    if (!changed) return;
    if (next.state === 'healthy') this.log.info('read replica in use', { lag_s: next.lag_s });
    else
      this.log.warn(`read replica skipped: ${next.state}; reads go to the primary`, {
        lag_s: next.lag_s,
        max_lag_s: this.maxLagS,
        ...(error instanceof Error ? { error: error.message } : {}),
      });
  }
}

/**
 * A pool for the replica's Kysely that hands out a primary connection while the replica is
 * skipped. A statement outside a transaction that meets a connection error on the replica is
 * run again on the primary (it is a read), so a replica that stops between two checks costs a
 * request nothing.
 */
export function failoverPool(
  replica: PostgresPool,
  primary: PostgresPool,
  monitor: ReplicaMonitor,
): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      if (!monitor.usable()) return primary.connect();
      let client: PostgresPoolClient;
      try {
        client = await replica.connect();
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        monitor.failed(error);
        return primary.connect();
      }
      let inTransaction = false;
      const query = (async (text: string, parameters: ReadonlyArray<unknown>) => {
        if (/^\s*(begin|start transaction)/i.test(text)) inTransaction = true;
        try {
          return await client.query(text, parameters);
        } catch (error) {
          if (inTransaction || !isUnavailable(error)) throw error;
          monitor.failed(error);
          const fallback = await primary.connect();
          try {
            return await fallback.query(text, parameters);
          } finally {
            fallback.release();
          }
        }
      }) as PostgresPoolClient['query'];
      return { query, release: () => client.release() };
    },
    // The primary's pool belongs to the primary's Kysely, which ends it.
    end: async () => {
      monitor.stop();
      await replica.end();
    },
  };
}
