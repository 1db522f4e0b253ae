/**
 * The --report file: docs/hsds-import-report.schema.json is the zod schema of
 * import-report-schema.ts as JSON Schema, and real reports — written by the command for a
 * package with placeholders, for a package with 100,000 problem rows and for a fatal error —
 * match it. The console summary of the 100k-problem import stays a few dozen lines.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, writePackage } from '../../tests/helpers/hsds';
import { fatalReportSchema, importReportSchema, reportJsonSchema } from './import-report-schema';
import { SUMMARY_LIMITS, summaryLines } from './import-summary';
import { type ImportReport, IssueLog } from './report';

const root = path.resolve(import.meta.dirname, '../..');
const schemaFile = path.join(root, 'docs/hsds-import-report.schema.json');
const scratch = mkdtempSync(path.join(tmpdir(), 'haven-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
// One PGlite directory for every run: only the first pays for the migrations.
const pgliteDir = path.join(scratch, 'db');

/** Runs db:import on the test's PGlite directory (stdout is a pipe: plain progress lines). */
function runImport(args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'scripts/import.ts'), ...args],
      {
        cwd: root,
        env: { ...process.env, PGLITE_DIR: pgliteDir, DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;

describe('db:import --report', () => {
  it('docs/hsds-import-report.schema.json is the report schema (UPDATE_REPORT_SCHEMA=1 rewrites it, then Prettier)', () => {
    // Compared as JSON, so the file may be laid out by Prettier (run it after rewriting).
    if (process.env.UPDATE_REPORT_SCHEMA === '1')
      writeFileSync(schemaFile, `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
    expect(readJson(schemaFile)).toEqual(reportJsonSchema());
  });

  it('a package with placeholders and repairs: the report matches the schema, counts per table and per reason', async () => {
    const file = path.join(scratch, 'legal-aid.json');
    const result = await runImport([fixture('legal-aid-1.1'), '--source', 'legal-aid', '--report', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = importReportSchema.parse(readJson(file));
    expect(report.tables.service).toEqual({ read: 6, imported: 6, rejected: 0 });
    expect(report.placeholders.length).toBeGreaterThan(0);
    for (const counts of Object.values(report.tables))
      expect(counts.imported + counts.rejected).toBe(counts.read);
    expect(report.summary.reduce((sum, entry) => sum + entry.count, 0)).toBe(report.issues.length);
    expect(result.stdout).toContain('placeholder organization(s) created, pending review');
    // The first run migrates the database: minutes on a busy machine.
  }, 240_000);

  it('100,000 problem rows: every one in the report, a short console summary', async () => {
    const services = ['id,organization_id,name,status,minimum_age'];
    for (let i = 0; i < 100_000; i++) services.push(`s${i},o1,,status-${i},age ${i}`);
    const dir = writePackage({
      'organizations.csv': 'id,name\no1,Valid Organization\n',
      'services.csv': `${services.join('\n')}\n`,
    });
    const file = path.join(scratch, 'problems.json');
    const result = await runImport([dir, '--report', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = importReportSchema.parse(readJson(file));
    expect(report.tables.service).toEqual({ read: 100_000, imported: 0, rejected: 100_000 });
    expect(report.issues.length).toBeGreaterThanOrEqual(300_000);
    expect(report.summary.reduce((sum, entry) => sum + entry.count, 0)).toBe(report.issues.length);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThan(60);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(200);
    rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  it('a fatal error: the report says why and matches the schema', async () => {
    const file = path.join(scratch, 'fatal.json');
    const result = await runImport([path.join(scratch, 'no-such-package'), '--report', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^db:import failed: cannot read/);
    expect(fatalReportSchema.parse(readJson(file)).fatal).toMatch(/cannot read/);
  }, 120_000);
});

describe('console summary', () => {
  it('stays within its limits however many kinds of problem there are', () => {
    const log = new IssueLog();
    // Words, not numbers or quoted values: each reason is its own kind.
    const word = (i: number) =>
      [...i.toString(26)].map((digit) => String.fromCharCode(97 + parseInt(digit, 26))).join('');
    for (let i = 0; i < 100_000; i++)
      log.add({
        file: 'services.csv',
        line: i + 2,
        table: 'service',
        severity: 'rejected',
        reason: `bad ${word(i)}`,
      });
    const report: ImportReport = {
      source: 's',
      format: 'tabular',
      startedAt: new Date().toISOString(),
      durationMs: 1,
      pending: false,
      dryRun: false,
      tables: { service: { read: 100_000, imported: 0, rejected: 100_000 } },
      sync: {},
      conflicts: Array.from({ length: 5000 }, (_, i) => ({
        table: 'service' as const,
        id: `id${i}`,
        column: 'name',
        havenValue: 'a',
        packageValue: 'b',
        importedValue: 'c',
      })),
      placeholders: [],
      pruned: { service: 0 },
      ignoredFiles: Array.from({ length: 500 }, (_, i) => ({
        file: `extra${i}.csv`,
        rows: 1,
        reason: 'not stored',
      })),
      summary: log.summary(),
      issues: log.issues,
    };
    expect(report.summary).toHaveLength(100_000);
    const lines = summaryLines(report).join('\n').split('\n');
    const budget = 8 + SUMMARY_LIMITS.conflicts + SUMMARY_LIMITS.ignoredFiles + SUMMARY_LIMITS.issues + 6;
    expect(lines.length).toBeLessThanOrEqual(budget);
    expect(lines.join('\n')).toContain('… 99960 more kinds (see --report)');
    expect(importReportSchema.safeParse(report).success).toBe(true);
  });
});
