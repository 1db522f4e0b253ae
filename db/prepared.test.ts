/**
 * `prepared()` statements: the same answers as unnamed ones on both engines; on PostgreSQL,
 * named statements that each connection parses once and runs with a generic plan, at most
 * MAX_NAMED texts per pool, and the nearby search's page statement among them.
 */
import { type Kysely, sql } from 'kysely';
import { expect, it } from 'vitest';
import { nearbyPage } from '../app/search/nearby.server';
import { describeEachEngine } from '../tests/helpers/db';
import { createDatabase } from './index';
import { prepared } from './prepared';
import type { Database } from './types';

const named = async (db: Kysely<Database>) =>
  (
    await sql<{ statement: string; generic_plans: number }>`
      select statement, generic_plans::int from pg_prepared_statements`.execute(db)
  ).rows;

describeEachEngine('prepared statements', (context) => {
  it('answer with their parameters, as unnamed statements do', async () => {
    for (const x of [1, 2, 3, 1, 2, 3, 1, 2, 3]) {
      const { rows } = await prepared(sql<{ y: number }>`select ${x}::int * 10 as y`).execute(context.db);
      expect(rows).toEqual([{ y: x * 10 }]);
    }
  });

  it.runIf(context.engine === 'postgres')(
    'are named on PostgreSQL, parsed once per connection and planned generically',
    async () => {
      // One connection, so every statement below runs in the session we inspect.
      const handle = await createDatabase({ databaseUrl: context.handle.url, maxConnections: 1 });
      try {
        for (let i = 0; i < 8; i++) {
          await prepared(sql`select count(*) from service where name <> ${`x${i}`}`).execute(handle.db);
          await sql`select count(*) from organization where name <> ${`x${i}`}`.execute(handle.db);
        }
        const statements = await named(handle.db);
        expect(statements).toHaveLength(1);
        expect(statements[0]!.statement).toContain('from service');
        expect(statements[0]!.generic_plans).toBeGreaterThan(0);

        // Past 64 distinct texts, statements run unnamed (and still answer).
        for (let i = 0; i < 70; i++) {
          const { rows } = await prepared(sql<{ i: number }>`select ${sql.lit(i)}::int as i`).execute(
            handle.db,
          );
          expect(rows).toEqual([{ i }]);
        }
        expect(await named(handle.db)).toHaveLength(64);
      } finally {
        await handle.close();
      }
    },
  );

  it.runIf(context.engine === 'postgres')('include the nearby search page statement', async () => {
    const handle = await createDatabase({ databaseUrl: context.handle.url, maxConnections: 1 });
    try {
      const point = { latitude: 29.76, longitude: -95.37 };
      await nearbyPage(handle.db, point, 40, sql<boolean>`true`, { limit: 20, offset: 0 }, 40);
      const statements = await named(handle.db);
      // Whitespace as written varies (the category walk puts its condition on its own line).
      const text = statements.map((s) => s.statement.replace(/\s+/g, ' ')).join('\n');
      expect(text).toContain('from search_point sp order by');
    } finally {
      await handle.close();
    }
  });
});
