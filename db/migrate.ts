/** Runs the migrations (up to the latest, or down one step), reporting each one. */
import { type Kysely, type MigrationResult, Migrator } from 'kysely';
import { migrations } from './migrations/index';

function migrator(db: Kysely<any>) {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'haven_migration',
    migrationLockTableName: 'haven_migration_lock',
  });
}

export class MigrationError extends Error {}

function check(results: MigrationResult[] | undefined, error: unknown, log: (line: string) => void) {
  for (const result of results ?? []) {
    log(`migration ${result.direction === 'Up' ? 'up' : 'down'} ${result.migrationName}: ${result.status}`);
  }
  if (error) {
    throw new MigrationError(`migration failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return results ?? [];
}

export async function migrateToLatest(db: Kysely<any>, log: (line: string) => void = () => {}) {
  const { results, error } = await migrator(db).migrateToLatest();
  return check(results, error, log);
}

export async function migrateDown(db: Kysely<any>, log: (line: string) => void = () => {}) {
  const { results, error } = await migrator(db).migrateDown();
  return check(results, error, log);
}

export async function migrateToNone(db: Kysely<any>, log: (line: string) => void = () => {}) {
  const { NO_MIGRATIONS } = await import('kysely');
  const { results, error } = await migrator(db).migrateTo(NO_MIGRATIONS);
  return check(results, error, log);
}

/** Migrates up or down to the named migration (tests that seed data at an older schema). */
export async function migrateTo(db: Kysely<any>, name: string, log: (line: string) => void = () => {}) {
  const { results, error } = await migrator(db).migrateTo(name);
  return check(results, error, log);
}
