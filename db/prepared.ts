/**
 * Named prepared statements for the hottest queries on PostgreSQL: the nearby search's page
 * statement, the remote results, and the result page's details and hours.
 *
 * Kysely sends every statement unnamed, and PostgreSQL plans an unnamed statement afresh on
 * each run. For the nearby search's page statement that planning was a third of its time
 * (measured at 1M services: 0.74 → 0.51 ms a query once prepared; docs/PERFORMANCE.md). A
 * statement wrapped in `prepared()` starts with a marker comment; the pool below sends it as
 * a named statement (named by a hash of its text), so each connection parses it once and, after
 * five runs, PostgreSQL keeps a generic plan when it costs no more than the custom ones.
 *
 * Every distinct text becomes a statement held by each connection for its life, so a marked
 * statement must come in a small set of texts (values as parameters, any literals from a short
 * list), and at most MAX_NAMED texts are named per pool; the rest run unnamed, as before.
 * PGlite has no named statements in its API: there the marker is only a comment.
 */
import { createHash } from 'node:crypto';
import { type RawBuilder, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { noteUnavailable } from './unavailable';

const MARKER = '/* prepared */';
const MAX_NAMED = 64;

export function prepared<T>(query: RawBuilder<T>): RawBuilder<T> {
  return sql<T>`${sql.raw(MARKER)} ${query}`;
}

/** A pg pool for Kysely's PostgresDialect that runs `prepared()` statements as named ones. */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name && names.size < MAX_NAMED) {
      name = `haven_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    async connect() {
      const client = await pool.connect().catch((error: unknown) => {
        throw noteUnavailable(error);
      });
      // The server may end a checked-out connection between two statements (a restart): pg
      // reports that as an 'error' event, which would crash the process without a listener.
      // The connection's next statement fails and the pool drops it on release.
      const onError = () => {};
      client.on('error', onError);
      // Kysely calls query(text, parameters); it would pass a cursor only for stream(), which
      // needs a `cursor` option our dialect does not set.
      const query = (text: string, parameters: ReadonlyArray<unknown>) => {
        const name = text.startsWith(MARKER) ? nameOf(text) : undefined;
        return client
          .query(name ? { name, text, values: [...parameters] } : { text, values: [...parameters] })
          .catch((error: unknown) => {
            throw noteUnavailable(error);
          });
      };
      const release = () => {
        client.off('error', onError);
        client.release();
      };
      return { query, release } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}
