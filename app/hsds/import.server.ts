/**
 * The HSDS importer: package on disk → cleaned, validated, resolved rows → one transaction.
 * Valid rows are kept and every rejected or repaired row is reported; a fatal problem
 * (unreadable package, nothing to import, a database error) writes nothing at all.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types';
import { refreshSearchText } from '../search/search-text.server';
import { enrich } from './enrich.server';
import { normalizePackage } from './normalize';
import type { RawPackage } from './raw-package';
import { loadPackage, type PackageLimits } from './read-package.server';
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
import { type WriteResult, writeTables } from './write-tables.server';

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

export async function importHsds(
  db: Kysely<Database>,
  input: string | RawPackage,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const progress = options.onProgress ?? (() => {});
  const log = new IssueLog();

  progress({ phase: 'read', message: typeof input === 'string' ? `reading ${input}` : 'reading package' });
  const pkg = typeof input === 'string' ? await loadPackage(input, options.limits) : input;
  const source = options.source ?? pkg.name;
  for (const warning of pkg.warnings)
    log.add({ file: 'datapackage.json', line: 0, table: 'package', severity: 'warning', reason: warning });
  const normalized = normalizePackage(pkg);
  for (const row of pkg.tables.get('unknown') ?? []) {
    log.add({
      ...row.ref,
      table: 'unknown',
      severity: 'rejected',
      reason: 'not a recognisable HSDS service, organization, location or taxonomy term',
    });
  }

  progress({ phase: 'validate', message: 'cleaning and validating rows' });
  const validated = new Map<TableName, Map<string, CleanRow>>();
  for (const table of TABLE_ORDER)
    validated.set(table, validateTable(table, normalized.tables.get(table) ?? [], log));
  foldLanguageNotes(validated, log);
  if ((validated.get('organization')?.size ?? 0) === 0 && (validated.get('service')?.size ?? 0) === 0) {
    throw new ImportError('the package holds no valid organizations or services', 'empty');
  }

  let result: WriteResult | undefined;
  let placeholders: Placeholder[] = [];
  let created: Partial<Record<TableName, number>> = {};
  let pruned = 0;
  try {
    await db.transaction().execute(async (trx) => {
      progress({ phase: 'resolve', message: 'resolving ids and references' });
      const mainLocations = attachOrganizationAddresses(validated);
      placeholders = await addPlaceholderOrganizations(trx, source, validated, log);
      created = { organization: placeholders.length, location: mainLocations };
      const { tables: resolved, sources } = await resolvePackage(trx, source, validated, log);
      const organizations = resolved.get('organization') ?? [];
      const keepVerification = new Set(
        organizations.filter((org) => org.verification_status == null).map((org) => String(org.id)),
      );
      enrich(resolved, log, {
        pending: !!options.pending,
        placeholders: new Set(placeholders.map((p) => stableId(source, 'organization', p.sourceId))),
        now,
        sourceOf: (table, id) => sources.get(`${table}|${id}`) ?? { file: table, line: 0 },
      });
      if (organizations.length === 0 && (resolved.get('service')?.length ?? 0) === 0) {
        throw new ImportError('no organization or service could be imported', 'empty');
      }
      result = await writeTables(trx, resolved, sources, log, {
        source,
        keepVerification,
        onRows: (table, done, total) => progress({ phase: 'write', table, done, total }),
      });
      const services = (resolved.get('service') ?? []).map((service) => String(service.id));
      if (options.prune) pruned = await pruneServices(trx, source, new Set(services));
      progress({ phase: 'search-text', message: 'refreshing search text' });
      await refreshSearchText(trx, services);
      await recordImportEvent(trx, {
        source,
        tables: tableCounts(normalized.tables, result.written, log, created),
        sync: result.sync,
        conflicts: result.conflicts.length,
        placeholders: placeholders.length,
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
  const { written, sync, conflicts } = result!;
  if (!options.dryRun && options.tidy !== false) {
    progress({ phase: 'analyze', message: 'updating planner statistics' });
    await tidySearchPoints(db, (sync.service?.new ?? 0) + (sync.service?.updated ?? 0));
    // What autovacuum would do, now (PGlite has none): planner statistics for the rows just
    // written — the search's plans depend on them.
    await sql`analyze`.execute(db);
  }

  const tables = tableCounts(normalized.tables, written, log, created);
  progress({ phase: 'done', message: 'import finished' });
  return {
    source,
    format: pkg.format,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    pending: !!options.pending,
    tables,
    ignoredFiles: normalized.ignoredFiles,
    summary: log.summary(),
    issues: log.issues,
    placeholders,
    dryRun: !!options.dryRun,
    sync,
    conflicts,
    pruned: { service: pruned },
  };
}
