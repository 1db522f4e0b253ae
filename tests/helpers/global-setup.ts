/**
 * Runs once per `npm test`: migrates a template database per engine so each test file can
 * start from a copy instead of migrating again (a PGlite start plus migrations costs seconds).
 * PostgreSQL runs when TEST_DATABASE_URL is set; under CI it is required.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../db/index';
import { migrateToLatest } from '../../db/migrate';
import { ensureBuild } from '../../scripts/lib/build';
import { adminUrl, createDatabaseNamed, dropDatabaseNamed } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresTemplate: { url: string; name: string } | null;
  }
}

export default async function setup(project: TestProject) {
  // HTTP and browser tests run the real production build.
  ensureBuild((line) => process.stdout.write(`${line}\n`));
  const workDir = mkdtempSync(path.join(tmpdir(), 'haven-test-'));

  const pglite = await createDatabase({ pgliteDir: 'memory://' });
  await migrateToLatest(pglite.db);
  const dump = await pglite.pglite!.dumpDataDir('gzip');
  const templatePath = path.join(workDir, 'pglite-template.tar.gz');
  writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide('pgliteTemplatePath', templatePath);

  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI === 'true') {
    throw new Error('TEST_DATABASE_URL must be set under CI: the PostgreSQL tests are required there.');
  }
  let templateName: string | null = null;
  if (url) {
    templateName = `haven_template_${process.pid}`;
    await createDatabaseNamed(url, templateName);
    const postgres = await createDatabase({ databaseUrl: adminUrl(url, templateName) });
    await migrateToLatest(postgres.db);
    await postgres.close();
  }
  project.provide('postgresTemplate', url && templateName ? { url, name: templateName } : null);
  process.stdout.write(
    `\nDatabase tests run on: PGlite${url ? ' and PostgreSQL (TEST_DATABASE_URL)' : ' only (set TEST_DATABASE_URL to add PostgreSQL)'}\n\n`,
  );

  return async () => {
    if (url && templateName) await dropDatabaseNamed(url, templateName);
    rmSync(workDir, { recursive: true, force: true });
  };
}
