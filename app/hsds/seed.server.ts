/**
 * Demo data: loads the fictional sample directory in db/seed (an HSDS 3.0 package written by
 * scripts/generate-seed.ts) through the real importer — but only into a database without any
 * organization, so a deployment's own data is never mixed with samples.
 */
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { importHsds } from './import.server';

export interface SeedOptions {
  log?: (line: string) => void;
  /** The package to load (default: db/seed under the working directory). */
  dir?: string;
}

export interface SeedResult {
  seeded: boolean;
  services: number;
  durationMs: number;
}

export async function seedDemoData(db: Kysely<Database>, options: SeedOptions = {}): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const existing = await db.selectFrom('organization').select('id').limit(1).executeTakeFirst();
  if (existing) {
    log('demo data: the database already has organizations; not seeding');
    return { seeded: false, services: 0, durationMs: Date.now() - started };
  }
  const dir = options.dir ?? path.resolve(process.cwd(), 'db/seed');
  const report = await importHsds(db, dir, { source: 'haven-demo' });
  const services = report.tables.service?.imported ?? 0;
  const problems = report.issues.filter((issue) => issue.severity !== 'repaired').length;
  log(
    `demo data: loaded ${services} sample services in ${report.durationMs} ms${problems ? ` (${problems} issues)` : ''}`,
  );
  return { seeded: true, services, durationMs: Date.now() - started };
}
