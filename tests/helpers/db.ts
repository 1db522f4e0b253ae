/**
 * Test databases on both engines. Every database test is written once inside
 * `describeEachEngine`, which runs it on PGlite and, when TEST_DATABASE_URL is set, on
 * PostgreSQL. Each suite gets its own fresh, migrated database and drops it afterwards.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createDatabase, type DatabaseHandle, type Engine } from '../../db/index';
import type { Database } from '../../db/types';
import { adminUrl, createDatabaseNamed, dropDatabaseNamed } from './postgres';
import { traceStatements } from './worker-watchdog';

export function availableEngines(): Engine[] {
  return inject('postgresTemplate') ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends DatabaseHandle {
  /** postgres:// URL of this database (PostgreSQL only). */
  url?: string;
}

/** A fresh migrated database on the given engine; close() also drops it. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const dump = readFileSync(inject('pgliteTemplatePath'));
    const handle = await createDatabase({ pgliteDir: 'memory://', pgliteDataDir: new Blob([dump]) });
    traceStatements(handle.pglite!);
    return handle;
  }
  const template = inject('postgresTemplate');
  if (!template) throw new Error('PostgreSQL tests need TEST_DATABASE_URL');
  const name = `haven_test_${randomBytes(6).toString('hex')}`;
  await createDatabaseNamed(template.url, name, template.name);
  const url = adminUrl(template.url, name);
  // Dropping the database at the end ends its connections; an idle one may still be closing.
  const handle = await createDatabase({
    databaseUrl: url,
    maxConnections: 5,
    onIdleConnectionError: () => {},
  });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await dropDatabaseNamed(template.url, name);
    },
  };
}

export interface EngineContext {
  readonly engine: Engine;
  /** The suite's database (available inside tests and hooks). */
  readonly db: Kysely<Database>;
  readonly handle: TestDatabase;
}

/** Defines the suite once per available engine, each with its own fresh database. */
export function describeEachEngine(title: string, define: (context: EngineContext) => void) {
  for (const engine of availableEngines()) {
    describe(`${title} [${engine}]`, () => {
      let handle: TestDatabase | undefined;
      const context: EngineContext = {
        engine,
        get handle() {
          if (!handle) throw new Error('test database not ready (use it inside a test or hook)');
          return handle;
        },
        get db() {
          return this.handle.db;
        },
      };
      beforeAll(async () => {
        handle = await createTestDatabase(engine);
      });
      afterAll(async () => {
        await handle?.close();
      });
      define(context);
    });
  }
}
