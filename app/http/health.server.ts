/**
 * Liveness of the database for GET /healthz, bounded so a hung connection can't hang the check.
 *
 * Under load the probe's `select 1` waits for a pooled connection behind the statements of the
 * requests being served: on the scripted cluster at 1M services it waited past its 2 s, /healthz
 * answered 503, and HAProxy took loaded (not dead) processes out of the pool and answered 503
 * itself (docs/PERFORMANCE.md). So any statement that succeeds on the same database while the
 * probe waits answers the question too: the database is up. A database that answers nothing
 * (down, or the embedded engine stalled) still fails the check after `timeoutMs`.
 */
import { type Kysely, type KyselyPlugin, sql } from 'kysely';
import type { Database } from '../../db/types';

/** Wakes the health checks waiting on a database each time one of its statements succeeds. */
class Answers implements KyselyPlugin {
  private waiting: Array<() => void> = [];

  transformQuery: KyselyPlugin['transformQuery'] = (args) => args.node;

  transformResult: KyselyPlugin['transformResult'] = async (args) => {
    if (this.waiting.length > 0) for (const wake of this.waiting.splice(0)) wake();
    return args.result;
  };

  /** Resolves at the next statement that succeeds; `cancel` forgets the wait. */
  next(): { answered: Promise<true>; cancel: () => void } {
    let wake!: () => void;
    const answered = new Promise<true>((resolve) => {
      wake = () => resolve(true);
    });
    this.waiting.push(wake);
    return {
      answered,
      cancel: () => {
        this.waiting = this.waiting.filter((w) => w !== wake);
      },
    };
  }
}

const answersOf = new WeakMap<Kysely<Database>, Answers>();

/** `db` with its successful statements watched, for databaseIsUp (the HTTP app does this). */
export function watchAnswers(db: Kysely<Database>): Kysely<Database> {
  const answers = new Answers();
  const watched = db.withPlugin(answers);
  answersOf.set(watched, answers);
  return watched;
}

export async function databaseIsUp(db: Kysely<Database>, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const other = answersOf.get(db)?.next();
  try {
    const probe = sql`select 1`.execute(db).then(() => true as const);
    // A failed probe fails the check at once, even if another statement would succeed later.
    return await Promise.race([probe, timeout, ...(other ? [other.answered] : [])]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    other?.cancel();
  }
}
