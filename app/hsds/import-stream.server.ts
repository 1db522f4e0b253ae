/**
 * Streaming reader for large tabular packages (a folder of CSV files): each file is read row
 * by row (csv-parse's stream API) and handed to the importer in batches, parents' files first
 * (TABLE_ORDER), so memory stays flat however many rows the package holds — a batch is
 * validated, resolved and written before the next is read; references to rows of earlier
 * batches resolve through the database (same transaction).
 *
 * What needs the whole package at once is not streamed: a zip or JSON package, or a 1.x
 * package with eligibility/payments files (folded into their services) is read in memory.
 * Across batches the importer keeps only ids: a row whose id was already used earlier in its
 * file is rejected as a duplicate, as in memory.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse';
import { fileKind } from './normalize';
import type { RawPackage, RawRow } from './raw-package';
import {
  checkSize,
  CSV_OPTIONS,
  csvRow,
  type PackageLimits,
  readDescriptor,
  stemOf,
} from './read-package.server';
import { ImportError, type IssueLog } from './report';
import { TABLE_ORDER, type TableName } from './tables';

const MIB = 1024 * 1024;
/** Folders of CSV files above this size (all files) are streamed. */
export const STREAM_ABOVE_BYTES = 64 * MIB;
/** Rows per batch: big enough for multi-row writes, small enough to keep memory flat. */
export const BATCH_ROWS = 5000;

interface CsvFile {
  name: string;
  full: string;
  stem: string;
  size: number;
  table?: TableName;
}

export interface StreamedBatch {
  pkg: RawPackage;
  /** Rows read but rejected before the batch (duplicate ids of earlier batches), per table. */
  skipped: Map<TableName, number>;
}

export interface StreamedPackage {
  name: string;
  warnings: string[];
  files: string[];
  /** Size of the package's service files in bytes (to tell a bulk load from an update). */
  serviceBytes: number;
  batches(log: IssueLog, batchRows?: number): AsyncGenerator<StreamedBatch>;
}

async function listCsv(
  dir: string,
  limits: PackageLimits,
): Promise<{ files: CsvFile[]; total: number; descriptor?: string; others: number }> {
  const files: CsvFile[] = [];
  let total = 0;
  let descriptor: string | undefined;
  let others = 0;
  const walk = async (folder: string, prefix: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.')) await walk(full, `${prefix}${entry.name}/`);
      else if (entry.isFile()) {
        const { size } = await stat(full);
        total += size;
        checkSize(`${prefix}${entry.name}`, size, total, limits);
        if (/\.csv$/i.test(entry.name))
          files.push({ name: entry.name, full, stem: stemOf(entry.name), size });
        else if (stemOf(entry.name) === 'datapackage' && /\.json$/i.test(entry.name)) descriptor = full;
        else others += 1;
      }
    }
  };
  await walk(dir, '');
  return { files, total, descriptor, others };
}

/**
 * The package as batches, when it is a folder of CSV files larger than `aboveBytes` that can
 * be streamed; otherwise null (the caller reads it in memory).
 */
export async function openStreamedPackage(
  input: string,
  limits: PackageLimits,
  aboveBytes: number,
): Promise<StreamedPackage | null> {
  const info = await stat(input).catch(() => null);
  if (!info?.isDirectory()) return null;
  const { files, total, descriptor } = await listCsv(input, limits);
  if (files.length === 0 || total <= aboveBytes) return null;
  const warnings: string[] = [];
  let name = path.basename(input);
  let resourceNames = new Map<string, string>();
  if (descriptor) {
    const read = readDescriptor(await readFile(descriptor));
    if (read.name) name = read.name;
    resourceNames = read.resourceNames;
    if (read.warning) warnings.push(read.warning);
  } else warnings.push('no datapackage.json; tables were recognised by file name');
  for (const file of files) {
    const kind = fileKind(file.stem, resourceNames);
    if ('folded' in kind) return null;
    if ('table' in kind) file.table = kind.table;
  }
  // Parents first; files Haven does not store last (they are only counted and reported).
  const rank = (file: CsvFile) => (file.table ? TABLE_ORDER.indexOf(file.table) : TABLE_ORDER.length);
  files.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));

  return {
    name,
    warnings,
    files: files.map((file) => file.name),
    serviceBytes: files.filter((file) => file.table === 'service').reduce((sum, file) => sum + file.size, 0),
    async *batches(log: IssueLog, batchRows = BATCH_ROWS) {
      for (const file of files) {
        const seen = new Set<string>();
        let rows: RawRow[] = [];
        let skipped = 0;
        const batch = (): StreamedBatch => {
          const out: StreamedBatch = {
            pkg: {
              name,
              format: 'tabular',
              tables: new Map([[file.stem, rows]]),
              resourceNames,
              warnings: [],
            },
            skipped: new Map(file.table && skipped ? [[file.table, skipped]] : []),
          };
          rows = [];
          skipped = 0;
          return out;
        };
        const parser = createReadStream(file.full).pipe(parse(CSV_OPTIONS));
        try {
          for await (const { record, info } of parser as AsyncIterable<{
            record: Record<string, string>;
            info: { lines: number };
          }>) {
            const row = csvRow(file.name, record, info.lines);
            const id = typeof row.values.id === 'string' ? row.values.id.trim() : '';
            if (file.table && id) {
              if (seen.has(id) && !rows.some((other) => String(other.values.id ?? '').trim() === id)) {
                // The first row with this id was in an earlier batch (already written).
                log.add({
                  ...row.ref,
                  table: file.table,
                  severity: 'rejected',
                  sourceId: id,
                  reason: 'duplicate id (first used on an earlier line); this row was skipped',
                });
                skipped += 1;
                continue;
              }
              seen.add(id);
            }
            rows.push(row);
            if (rows.length >= batchRows) yield batch();
          }
        } catch (error) {
          throw new ImportError(
            `${file.name}: not a readable CSV file (${(error as Error).message})`,
            'unreadable',
            {
              cause: error,
            },
          );
        }
        if (rows.length || skipped) yield batch();
      }
    },
  };
}
