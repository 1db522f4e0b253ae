/**
 * Reads an HSDS package from disk into raw rows: a folder or .zip of CSVs (with or without a
 * usable datapackage.json), an HSDS 3.0 JSON document (page envelope, array, single object,
 * or "tabular JSON" keyed by CSV file name) or NDJSON. Nothing is interpreted here beyond
 * parsing; file and column names are normalised later (normalize.ts).
 *
 * A package is hostile input: every file is read with limits (one file's size, the package's
 * total, and for a zip the compression ratio), checked against the sizes a zip declares before
 * anything is inflated and again byte by byte while it streams, so a zip bomb stops at the
 * limit with a one-line message instead of filling memory (docs/hsds-import.md).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import yauzl from 'yauzl';
import { flattenJson } from './json-flatten';
import { unescapeCell } from './package-writer.server';
import type { RawPackage, RawRow } from './raw-package';
import { ImportError } from './report';

export interface PackageLimits {
  /** Largest single file (uncompressed), in bytes. */
  maxEntryBytes: number;
  /** All files together (uncompressed), in bytes. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio of a zip entry (checked above RATIO_FLOOR bytes). */
  maxRatio: number;
}

const MIB = 1024 * 1024;
/** Defaults: 512 MiB is also about the longest string V8 can hold (a JSON file is read as one). */
export const DEFAULT_LIMITS: PackageLimits = {
  maxEntryBytes: 512 * MIB,
  maxTotalBytes: 2048 * MIB,
  maxRatio: 100,
};
/** Small files compress far better than data does (a header-only CSV): the ratio applies above this. */
const RATIO_FLOOR = MIB;

const mib = (bytes: number) => `${Math.round((bytes / MIB) * 10) / 10} MiB`;

/** Checks a file's size (declared or read so far) against the limits; throws a one-line ImportError. */
export function checkSize(
  name: string,
  bytes: number,
  total: number,
  limits: PackageLimits,
  compressed?: number,
) {
  const fail = (what: string) => {
    throw new ImportError(`${name}: ${what}; nothing was imported`, 'too-large');
  };
  if (bytes > limits.maxEntryBytes)
    fail(`larger than the ${mib(limits.maxEntryBytes)} limit for one file (raise it with --max-entry-mb)`);
  if (total > limits.maxTotalBytes)
    fail(`the package is larger than the ${mib(limits.maxTotalBytes)} limit (raise it with --max-total-mb)`);
  if (compressed !== undefined && bytes > RATIO_FLOOR && bytes > compressed * limits.maxRatio)
    fail(`compressed more than ${limits.maxRatio}:1, a likely zip bomb (raise the limit with --max-ratio)`);
}

interface PackageFile {
  name: string;
  read: () => Promise<Buffer>;
}

export async function loadPackage(
  inputPath: string,
  limitOverrides: Partial<PackageLimits> = {},
): Promise<RawPackage> {
  const limits = { ...DEFAULT_LIMITS, ...limitOverrides };
  let info;
  try {
    info = await stat(inputPath);
  } catch (error) {
    throw new ImportError(`cannot read ${inputPath}: ${(error as Error).message}`, 'unreadable', {
      cause: error,
    });
  }
  const stem = path.basename(inputPath).replace(/\.(zip|json|ndjson|jsonl)$/i, '');
  if (info.isDirectory()) return fromFiles(stem, await listFolder(inputPath, limits));
  const lower = inputPath.toLowerCase();
  if (lower.endsWith('.zip')) return fromFiles(stem, await listZip(inputPath, limits));
  if (/\.(json|ndjson|jsonl)$/.test(lower)) {
    checkSize(path.basename(inputPath), info.size, info.size, limits);
    const file = { name: path.basename(inputPath), read: () => readFile(inputPath) };
    return fromFiles(stem, [file]);
  }
  throw new ImportError(`${inputPath}: expected a folder, .zip, .json or .ndjson file`, 'unreadable');
}

async function listFolder(dir: string, limits: PackageLimits): Promise<PackageFile[]> {
  const files: PackageFile[] = [];
  let total = 0;
  const walk = async (folder: string, prefix: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.')) await walk(full, `${prefix}${entry.name}/`);
      else if (entry.isFile()) {
        const { size } = await stat(full);
        total += size;
        checkSize(`${prefix}${entry.name}`, size, total, limits);
        files.push({ name: `${prefix}${entry.name}`, read: () => readFile(full) });
      }
    }
  };
  await walk(dir, '');
  return files;
}

/**
 * Reads a zip's entries into memory within the limits: the sizes the central directory declares
 * are checked before an entry is inflated, and the bytes actually inflated as they stream (a
 * lying header stops at the limit too; yauzl also refuses an entry longer than it declared).
 */
function listZip(zipPath: string, limits: PackageLimits): Promise<PackageFile[]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let zipFile: yauzl.ZipFile | undefined;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      zipFile?.close();
      reject(
        error instanceof ImportError
          ? error
          : new ImportError(`cannot read zip ${path.basename(zipPath)}: ${error.message}`, 'unreadable', {
              cause: error,
            }),
      );
    };
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false }, (openError, zip) => {
      if (openError || !zip) return fail(openError ?? new Error('no zip file'));
      zipFile = zip;
      const files: PackageFile[] = [];
      let total = 0;
      zip.on('error', fail);
      zip.on('end', () => {
        if (settled) return;
        settled = true;
        zip.close();
        resolve(files);
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        if (/\/$/.test(entry.fileName) || entry.fileName.startsWith('__MACOSX/')) return zip.readEntry();
        try {
          checkSize(
            entry.fileName,
            entry.uncompressedSize,
            total + entry.uncompressedSize,
            limits,
            entry.compressedSize,
          );
        } catch (error) {
          return fail(error as Error);
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(streamError ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          let bytes = 0;
          stream.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            try {
              checkSize(entry.fileName, bytes, total + bytes, limits, entry.compressedSize);
            } catch (error) {
              stream.destroy();
              return fail(error as Error);
            }
            chunks.push(chunk);
          });
          stream.on('error', fail);
          stream.on('end', () => {
            if (settled) return;
            total += bytes;
            const data = Buffer.concat(chunks);
            files.push({ name: entry.fileName, read: async () => data });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

export const stemOf = (name: string) =>
  path
    .basename(name)
    .replace(/\.[^.]+$/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

async function fromFiles(stem: string, files: PackageFile[]): Promise<RawPackage> {
  const warnings: string[] = [];
  const csvFiles = files.filter((file) => /\.csv$/i.test(file.name));
  const jsonFiles = files.filter(
    (file) => /\.(json|ndjson|jsonl)$/i.test(file.name) && stemOf(file.name) !== 'datapackage',
  );
  const descriptor = files.find((file) => stemOf(file.name) === 'datapackage' && /\.json$/i.test(file.name));

  if (csvFiles.length > 0) {
    const resourceNames = new Map<string, string>();
    let name = stem;
    if (descriptor) {
      const read = readDescriptor(await descriptor.read());
      if (read.name) name = read.name;
      for (const [key, value] of read.resourceNames) resourceNames.set(key, value);
      if (read.warning) warnings.push(read.warning);
    } else {
      warnings.push('no datapackage.json; tables were recognised by file name');
    }
    const tables = new Map<string, RawRow[]>();
    for (const file of csvFiles) {
      tables.set(stemOf(file.name), parseCsv(path.basename(file.name), await file.read()));
    }
    return { name, format: 'tabular', tables, resourceNames, warnings };
  }

  if (jsonFiles.length > 0) {
    const tables = new Map<string, RawRow[]>();
    for (const file of jsonFiles) {
      const text = (await file.read()).toString('utf8');
      for (const [table, rows] of parseJsonDocument(path.basename(file.name), text)) {
        const existing = tables.get(table);
        if (existing) existing.push(...rows);
        else tables.set(table, rows);
      }
    }
    return { name: stem, format: 'json', tables, warnings };
  }
  throw new ImportError('no CSV or JSON files found in the package', 'unreadable');
}

/** A datapackage.json's name and resource names by file stem; a broken one is only a warning. */
export function readDescriptor(data: Buffer): {
  name?: string;
  resourceNames: Map<string, string>;
  warning?: string;
} {
  const resourceNames = new Map<string, string>();
  try {
    const parsed = JSON.parse(data.toString('utf8')) as {
      name?: string;
      resources?: Array<{ name?: string; path?: string }>;
    };
    for (const resource of parsed.resources ?? []) {
      if (resource.name && resource.path) resourceNames.set(stemOf(resource.path), stemOf(resource.name));
    }
    const name = typeof parsed.name === 'string' && parsed.name.trim() ? parsed.name.trim() : undefined;
    return { ...(name ? { name } : {}), resourceNames };
  } catch {
    // A broken descriptor (e.g. a symlink stored as text) is not fatal: the file names say enough.
    return {
      resourceNames,
      warning: 'datapackage.json is not valid JSON; tables were recognised by file name',
    };
  }
}

/** csv-parse options shared by the whole-file reader and the streaming one. */
export const CSV_OPTIONS = {
  bom: true,
  columns: (header: string[]) => header.map((name) => name.trim().toLowerCase().replace(/\s+/g, '_')),
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  info: true,
} as const;

/** A parsed CSV record as a raw row: Haven's formula-escape apostrophe removed. */
export function csvRow(file: string, record: Record<string, string>, line: number): RawRow {
  // Haven's exports prefix formula-like cells with an apostrophe (package-writer.server.ts).
  for (const [column, value] of Object.entries(record))
    if (typeof value === 'string') record[column] = unescapeCell(value);
  return { values: record, ref: { file, line } };
}

function parseCsv(file: string, data: Buffer): RawRow[] {
  try {
    const records = parse(data, CSV_OPTIONS) as Array<{
      record: Record<string, string>;
      info: { lines: number };
    }>;
    return records.map(({ record, info }) => csvRow(file, record, info.lines));
  } catch (error) {
    throw new ImportError(`${file}: not a readable CSV file (${(error as Error).message})`, 'unreadable', {
      cause: error,
    });
  }
}

function parseJsonDocument(file: string, text: string): Map<string, RawRow[]> {
  const trimmed = text.trim();
  let records: Array<{ value: unknown; line: number }>;
  try {
    if (/\.(ndjson|jsonl)$/i.test(file)) {
      records = text
        .split('\n')
        .map((line, index) => ({ line: index + 1, text: line.trim() }))
        .filter((line) => line.text !== '')
        .map((line) => ({ value: JSON.parse(line.text) as unknown, line: line.line }));
    } else {
      const document = JSON.parse(trimmed) as unknown;
      const items = Array.isArray(document)
        ? document
        : document &&
            typeof document === 'object' &&
            Array.isArray((document as { contents?: unknown }).contents)
          ? (document as { contents: unknown[] }).contents
          : [document];
      records = items.map((value, index) => ({ value, line: index + 1 }));
    }
  } catch (error) {
    throw new ImportError(`${file}: not valid JSON (${(error as Error).message})`, 'unreadable', {
      cause: error,
    });
  }
  return flattenJson(file, records);
}
