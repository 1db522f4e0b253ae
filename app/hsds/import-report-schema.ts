/**
 * The JSON schema of `db:import --report report.json`, written once as zod: the importer's
 * report types must match it (checked at compile time below), and
 * docs/hsds-import-report.schema.json is this schema as JSON Schema (checked by
 * app/hsds/import-report-schema.test.ts, which rewrites it with UPDATE_REPORT_SCHEMA=1).
 */
import { z } from 'zod';
import type { ImportReport } from './report';
import { TABLE_ORDER, type TableName } from './tables';

const tableName = z.enum(TABLE_ORDER as [TableName, ...TableName[]]);
const severity = z.enum(['rejected', 'repaired', 'warning']);
const count = z.number().int().nonnegative();

const tableCounts = z
  .object({
    read: count.describe('rows of this table in the package'),
    imported: count.describe('rows kept (as rows, as several rows, or as a note on their parent)'),
    rejected: count.describe('rows not imported; imported + rejected = read'),
    created: count.optional().describe('rows the importer made: placeholder organizations, main locations'),
  })
  .strict();

const syncCounts = z
  .object({
    new: count.describe('rows new to Haven'),
    updated: count.describe('rows changed since the last import of this source'),
    unchanged: count.describe('rows identical to the last import (not written)'),
  })
  .strict();

const issue = z
  .object({
    severity,
    file: z.string().describe('file in the package, or "services page N" for an API'),
    line: z.number().int().describe('CSV line (header = 1), NDJSON line or JSON record number'),
    path: z.string().optional().describe('where in a nested JSON record'),
    table: z.string(),
    column: z.string().optional(),
    sourceId: z.string().optional().describe("the row's id in the source"),
    value: z.string().optional().describe('the offending value, at most 120 characters'),
    reason: z.string(),
  })
  .strict();

export const importReportSchema = z
  .object({
    source: z.string().describe('source name: ids and sync records are namespaced by it'),
    format: z.enum(['tabular', 'json']),
    startedAt: z.iso.datetime(),
    durationMs: count,
    pending: z.boolean().describe('--pending: organizations imported as pending'),
    dryRun: z.boolean().describe('--dry-run: nothing was written'),
    tables: z.partialRecord(tableName, tableCounts).describe('counts per table'),
    sync: z
      .partialRecord(tableName, syncCounts)
      .describe('what the sync did with rows that passed every check'),
    conflicts: z
      .array(
        z
          .object({
            table: tableName,
            id: z.string(),
            sourceId: z.string().optional(),
            column: z.string(),
            havenValue: z.unknown().describe("Haven's value (kept)"),
            packageValue: z.unknown().describe("the package's value (not applied)"),
            importedValue: z.unknown().describe('the value at the previous import'),
          })
          .strict(),
      )
      .describe('fields edited in Haven since the last import that the package also changed'),
    placeholders: z
      .array(
        z
          .object({
            table: z.literal('organization'),
            sourceId: z.string(),
            name: z.string(),
            references: count.describe('rows of the package pointing at it'),
          })
          .strict(),
      )
      .describe('organizations created for ids the package points at but does not describe'),
    pruned: z.object({ service: count }).strict().describe('services marked inactive by --prune'),
    ignoredFiles: z
      .array(z.object({ file: z.string(), rows: count, reason: z.string() }).strict())
      .describe('files Haven does not store'),
    summary: z
      .array(
        z
          .object({
            severity,
            table: z.string(),
            reason: z.string().describe('"<table>: <reason>", numbers and quoted values generalised'),
            count: count,
          })
          .strict(),
      )
      .describe('issue counts per table and reason, most frequent first'),
    issues: z.array(issue).describe('every rejected, repaired or warned row'),
  })
  .strict();

/** What --report holds when the import stopped: nothing was written. */
export const fatalReportSchema = z
  .object({ source: z.string(), fatal: z.string().describe('why nothing was imported') })
  .strict();

export const reportFileSchema = z.union([importReportSchema, fatalReportSchema]);

export function reportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(reportFileSchema, { target: 'draft-2020-12', io: 'output' }),
    $id: 'https://github.com/haven/haven/docs/hsds-import-report.schema.json',
    title: 'Haven db:import report (--report report.json)',
  };
}

// The report's TypeScript types and the schema are the same shape, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SchemaReport = z.infer<typeof importReportSchema>;
const sameShape: Same<Omit<ImportReport, 'fatal'>, SchemaReport> = true;
void sameShape;
