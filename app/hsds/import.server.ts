/**
 * The HSDS importer: package on disk → cleaned, validated, resolved rows → one transaction.
 * Valid rows are kept and every rejected or repaired row is reported; a fatal problem
 * (unreadable package, nothing to import, a database error) writes nothing at all.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';
import { deferSearchPoints, flushSearchPoints } from '../search/search-points.server';
import { createSearchIndexes, dropSearchIndexes } from '../search/search-indexes.server';
import { refreshSearchText } from '../search/search-text.server';
import { enrich } from './enrich.server';
import { normalizePackage } from './normalize';
import type { RawPackage } from './raw-package';
import { openStreamedPackage, STREAM_ABOVE_BYTES, type StreamedPackage } from './import-stream.server';
import { DEFAULT_LIMITS, loadPackage, type PackageLimits } from './read-package.server';
import { ImportError, type ImportReport, IssueLog, tableCounts } from './report';
import { stableId } from './ids.server';
import {
  addPlaceholderOrganizations,
  attachOrganizationAddresses,
  type Placeholder,
} from './placeholders.server';
import { resolvePackage } from './resolve.server';
import { TABLE_ORDER, type TableName } from './tables';
import { type CleanRow, foldLanguageNotes, validateTable } from './validate';
import { pruneServices } from './sync.server';
import { type SyncCounts, type WriteResult, writeTables } from './write-tables.server';

export interface ImportOptions {
  /** Imported organizations start as 'pending' instead of 'verified'. */
  pending?: boolean;
  /** Namespace for derived ids; defaults to the package's name. */
  source?: string;
  now?: Date;
  /** Do everything, report it, and write nothing (the transaction is rolled back). */
  dryRun?: boolean;
  /** Mark services this source imported before but missing from the package inactive. */
  prune?: boolean;
  onProgress?: (event: ProgressEvent) => void;
  /** Size limits for reading the package (defaults in read-package.server.ts). */
  limits?: Partial<PackageLimits>;
  /**
   * After the commit, cluster search_point and ANALYZE (default true). Tests that import
   * thousands of tiny packages turn it off: it is most of a tiny import's time.
   */
  tidy?: boolean;
  /**
   * A folder of CSV files larger than this (bytes, all files) is streamed: read row by row and
   * imported in batches inside the one transaction, in constant memory (import-stream.server.ts).
   * Default 64 MiB; 0 streams every folder.
   */
  streamAboveBytes?: number;
  /** Rows per batch when streaming (default BATCH_ROWS). */
  batchRows?: number;
}

/** Thrown at the end of a dry run's transaction to roll it back. */
class DryRunDone extends Error {}

/** Each import (not a dry run) is one audit event, with its counts. */
async function recordImportEvent(trx: Kysely<Database>, after: Record<string, unknown>): Promise<void> {
  await trx
    .insertInto('audit_event')
    .values({
      actor_id: null,
      action: 'hsds.import',
      entity_type: 'import',
      entity_id: null,
      before: null,
      after: JSON.stringify(after),
    })
    .execute();
}

export type ProgressEvent =
  | { phase: 'read' | 'validate' | 'resolve' | 'search-text' | 'analyze' | 'done'; message: string }
  | { phase: 'write'; table: TableName; done: number; total: number };

/**
 * After a load that wrote a large share of search_point (services imported ≥ a tenth of its
 * rows), rewrite the table in its GiST index's order (`cluster`, migration 2026_11_30_0007): a
 * tree built from rows inserted in arbitrary order makes the nearest walk read many more pages.
 * CLUSTER locks the table while it runs (about 40 s at 1M rows on PostgreSQL here), so smaller
 * imports skip it: their rows join the existing, well-shaped tree, and VACUUM clears the rows the
 * refresh replaced (PGlite has no autovacuum; VACUUM cannot run inside a caller's transaction).
 */
async function tidySearchPoints(db: Kysely<Database>, services: number): Promise<void> {
  const { rows } = await sql<{ total: number }>`select count(*)::int as total from search_point`.execute(db);
  if (services * 10 >= (rows[0]?.total ?? 0)) await sql`cluster search_point`.execute(db);
  else if (!db.isTransaction) await sql`vacuum search_point`.execute(db);
}

/** A service row of a CSV package is longer than this (bytes): a bound for counting them. */
const SERVICE_ROW_BYTES = 100;

/**
 * A streamed package that brings about as many services as the directory already holds is a
 * bulk load: the search indexes are dropped for it and built once at the end (inside the same
 * transaction), instead of being updated row by row. Readers of `service` wait for the commit
 * meanwhile (search-indexes.server.ts), which is why an update of a large directory does not.
 */
async function isBulkLoad(trx: Kysely<Database>, streamed: StreamedPackage): Promise<boolean> {
  const { rows } = await sql<{ total: number }>`select count(*)::int as total from service`.execute(trx);
  return streamed.serviceBytes / SERVICE_ROW_BYTES >= (rows[0]?.total ?? 0);
}

/** What one pass of the pipeline (the whole package, or one batch of a streamed one) did. */
interface PassResult {
  read: Map<TableName, number>;
  written: Map<TableName, number>;
  sync: WriteResult['sync'];
  conflicts: WriteResult['conflicts'];
  placeholders: Placeholder[];
  created: Partial<Record<TableName, number>>;
  services: string[];
  ignoredFiles: ImportReport['ignoredFiles'];
}

interface PassContext {
  source: string;
  now: Date;
  pending: boolean;
  log: IssueLog;
  progress: (event: ProgressEvent) => void;
}

/**
 * Normalizes, validates, resolves and writes one package (or one batch of rows) inside the
 * caller's transaction. References to rows written earlier in the transaction (an earlier
 * batch) resolve through the database.
 */
async function importPass(trx: Kysely<Database>, pkg: RawPackage, ctx: PassContext): Promise<PassResult> {
  const { log, source, progress } = ctx;
  const normalized = normalizePackage(pkg);
  for (const row of pkg.tables.get('unknown') ?? []) {
    log.add({
      ...row.ref,
      table: 'unknown',
      severity: 'rejected',
      reason: 'not a recognisable HSDS service, organization, location or taxonomy term',
    });
  }
  const validated = new Map<TableName, Map<string, CleanRow>>();
  for (const table of TABLE_ORDER)
    validated.set(table, validateTable(table, normalized.tables.get(table) ?? [], log));
  foldLanguageNotes(validated, log);

  const mainLocations = attachOrganizationAddresses(validated);
  const placeholders = await addPlaceholderOrganizations(trx, source, validated, log);
  const created = { organization: placeholders.length, location: mainLocations };
  const { tables: resolved, sources } = await resolvePackage(trx, source, validated, log);
  const organizations = resolved.get('organization') ?? [];
  const keepVerification = new Set(
    organizations.filter((org) => org.verification_status == null).map((org) => String(org.id)),
  );
  enrich(resolved, log, {
    pending: ctx.pending,
    placeholders: new Set(placeholders.map((p) => stableId(source, 'organization', p.sourceId))),
    now: ctx.now,
    sourceOf: (table, id) => sources.get(`${table}|${id}`) ?? { file: table, line: 0 },
  });
  const result = await writeTables(trx, resolved, sources, log, {
    source,
    keepVerification,
    onRows: (table, done, total) => progress({ phase: 'write', table, done, total }),
  });
  const read = new Map<TableName, number>();
  for (const [table, rows] of normalized.tables) read.set(table, rows.length);
  return {
    read,
    written: result.written,
    sync: result.sync,
    conflicts: result.conflicts,
    placeholders,
    created,
    services: (resolved.get('service') ?? []).map((service) => String(service.id)),
    ignoredFiles: normalized.ignoredFiles,
  };
}

/** Adds one pass's counts to the running totals (a streamed import has many passes). */
function addPass(total: PassResult, pass: PassResult): void {
  const sum = (into: Map<TableName, number>, from: Map<TableName, number>) => {
    for (const [table, count] of from) into.set(table, (into.get(table) ?? 0) + count);
  };
  sum(total.read, pass.read);
  sum(total.written, pass.written);
  for (const [table, counts] of Object.entries(pass.sync) as Array<[TableName, SyncCounts]>) {
    const into = (total.sync[table] ??= { new: 0, updated: 0, unchanged: 0 });
    into.new += counts.new;
    into.updated += counts.updated;
    into.unchanged += counts.unchanged;
  }
  for (const conflict of pass.conflicts) total.conflicts.push(conflict);
  for (const placeholder of pass.placeholders) total.placeholders.push(placeholder);
  for (const [table, count] of Object.entries(pass.created) as Array<[TableName, number]>)
    total.created[table] = (total.created[table] ?? 0) + count;
  for (const id of pass.services) total.services.push(id);
  for (const file of pass.ignoredFiles) {
    // A streamed file Haven does not store arrives in several batches: one entry, rows summed.
    const known = total.ignoredFiles.find((entry) => entry.file === file.file);
    if (known) known.rows += file.rows;
    else total.ignoredFiles.push({ ...file });
  }
}

const emptyPass = (): PassResult => ({
  read: new Map(),
  written: new Map(),
  sync: {},
  conflicts: [],
  placeholders: [],
  created: {},
  services: [],
  ignoredFiles: [],
});

export async function importHsds(
  db: Kysely<Database>,
  input: string | RawPackage,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = Date.now();
  const progress = options.onProgress ?? (() => {});
  const log = new IssueLog();

  progress({ phase: 'read', message: typeof input === 'string' ? `reading ${input}` : 'reading package' });
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const streamed =
    typeof input === 'string'
      ? await openStreamedPackage(input, limits, options.streamAboveBytes ?? STREAM_ABOVE_BYTES)
      : null;
  const pkg = streamed ? null : typeof input === 'string' ? await loadPackage(input, options.limits) : input;
  const name = streamed?.name ?? pkg!.name;
  const source = options.source ?? name;
  for (const warning of streamed?.warnings ?? pkg!.warnings)
    log.add({ file: 'datapackage.json', line: 0, table: 'package', severity: 'warning', reason: warning });
  const ctx: PassContext = {
    source,
    now: options.now ?? new Date(),
    pending: !!options.pending,
    log,
    progress,
  };

  const total = emptyPass();
  let pruned = 0;
  try {
    await db.transaction().execute(async (trx) => {
      // search_point is rebuilt once at the end for every service the import touched, not per
      // statement (migration 2026_12_01_0201).
      await deferSearchPoints(trx);
      const bulk = streamed ? await isBulkLoad(trx, streamed) : false;
      if (bulk) await dropSearchIndexes(trx);
      if (streamed) {
        progress({ phase: 'validate', message: `streaming ${streamed.files.length} files in batches` });
        for await (const batch of streamed.batches(log, options.batchRows)) {
          addPass(total, await importPass(trx, batch.pkg, ctx));
          for (const [table, count] of batch.skipped)
            total.read.set(table, (total.read.get(table) ?? 0) + count);
        }
      } else {
        progress({ phase: 'validate', message: 'cleaning, validating and resolving rows' });
        addPass(total, await importPass(trx, pkg!, ctx));
      }
      if (!total.written.get('organization') && !total.written.get('service')) {
        throw new ImportError('the package holds no valid organizations or services', 'empty');
      }
      if (options.prune) pruned = await pruneServices(trx, source, new Set(total.services));
      progress({ phase: 'search-text', message: 'refreshing search text' });
      await refreshSearchText(trx, total.services);
      progress({ phase: 'search-text', message: 'refreshing search points' });
      await flushSearchPoints(trx);
      if (bulk) {
        progress({ phase: 'search-text', message: 'building the search indexes' });
        await createSearchIndexes(trx);
      }
      await recordImportEvent(trx, {
        source,
        tables: tableCounts(total.read, total.written, log, total.created),
        sync: total.sync,
        conflicts: total.conflicts.length,
        placeholders: total.placeholders.length,
        pruned,
      });
      // A dry run does everything (so its report is the real one) and then rolls it all back.
      if (options.dryRun) throw new DryRunDone();
    });
  } catch (error) {
    if (error instanceof ImportError) throw error;
    if (!(error instanceof DryRunDone))
      throw new ImportError(`database error, nothing was imported: ${(error as Error).message}`, 'database', {
        cause: error,
      });
  }
  const { sync } = total;
  if (!options.dryRun && options.tidy !== false) {
    progress({ phase: 'analyze', message: 'updating planner statistics' });
    await tidySearchPoints(db, (sync.service?.new ?? 0) + (sync.service?.updated ?? 0));
    // What autovacuum would do, now (PGlite has none): planner statistics for the rows just
    // written — the search's plans depend on them.
    await sql`analyze`.execute(db);
  }

  const tables = tableCounts(total.read, total.written, log, total.created);
  progress({ phase: 'done', message: 'import finished' });
  return {
    source,
    format: streamed ? 'tabular' : pkg!.format,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    pending: !!options.pending,
    tables,
    ignoredFiles: total.ignoredFiles,
    summary: log.summary(),
    issues: log.issues,
    placeholders: total.placeholders,
    dryRun: !!options.dryRun,
    sync,
    conflicts: total.conflicts,
    pruned: { service: pruned },
  };
}
