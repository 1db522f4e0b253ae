/** Shared bits for the HSDS importer/exporter tests: fixture paths and report look-ups. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { readTables } from '../../app/hsds/export.server';
import type { ImportIssue, ImportReport } from '../../app/hsds/report';
import type { Database } from '../../db/types';

export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/hsds/${name}`, import.meta.url));
export const seedDir = fileURLToPath(new URL('../../db/seed', import.meta.url));

/** An RFC 4122 version 5 UUID: version nibble 5, variant bits 10xx (Haven's taxonomy ids). */
export const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The issues of one file and line (and column), for asserting what happened to a row. */
export function issuesAt(report: ImportReport, file: string, line: number, column?: string): ImportIssue[] {
  return report.issues.filter(
    (issue) =>
      issue.file === file && issue.line === line && (column === undefined || issue.column === column),
  );
}

/** All stored rows of every HSDS table as JSON text: equal snapshots mean equal content. */
export async function snapshot(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const tables = await readTables(db);
  return JSON.parse(JSON.stringify(Object.fromEntries(tables))) as Record<string, unknown[]>;
}

export async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = await readTables(db);
  return Object.fromEntries([...tables].map(([table, rows]) => [table, rows.length]));
}

/** Writes a small tabular package (file name → CSV text) to a fresh temporary folder. */
export function writePackage(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-package-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
