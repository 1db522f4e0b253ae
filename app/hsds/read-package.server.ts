/**
 * Reads an HSDS package from disk into raw rows: a folder or .zip of CSVs (with or without a
 * usable datapackage.json), an HSDS 3.0 JSON document (page envelope, array, single object,
 * or "tabular JSON" keyed by CSV file name) or NDJSON. Nothing is interpreted here beyond
 * parsing; file and column names are normalised later (normalize.ts).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import yauzl from 'yauzl';
import { flattenJson } from './json-flatten';
import type { RawPackage, RawRow } from './raw-package';
import { ImportError } from './report';

interface PackageFile {
  name: string;
  read: () => Promise<Buffer>;
}

export async function loadPackage(inputPath: string): Promise<RawPackage> {
  let info;
  try {
    info = await stat(inputPath);
  } catch (error) {
    throw new ImportError(`cannot read ${inputPath}: ${(error as Error).message}`, 'unreadable', {
      cause: error,
    });
  }
  const stem = path.basename(inputPath).replace(/\.(zip|json|ndjson|jsonl)$/i, '');
  if (info.isDirectory()) return fromFiles(stem, await listFolder(inputPath));
  const lower = inputPath.toLowerCase();
  if (lower.endsWith('.zip')) return fromFiles(stem, await listZip(inputPath));
  if (/\.(json|ndjson|jsonl)$/.test(lower)) {
    const file = { name: path.basename(inputPath), read: () => readFile(inputPath) };
    return fromFiles(stem, [file]);
  }
  throw new ImportError(`${inputPath}: expected a folder, .zip, .json or .ndjson file`, 'unreadable');
}

async function listFolder(dir: string, prefix = ''): Promise<PackageFile[]> {
  const files: PackageFile[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.'))
      files.push(...(await listFolder(full, `${prefix}${entry.name}/`)));
    else if (entry.isFile()) files.push({ name: `${prefix}${entry.name}`, read: () => readFile(full) });
  }
  return files;
}

function listZip(zipPath: string): Promise<PackageFile[]> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) =>
      reject(new ImportError(`cannot read zip ${zipPath}: ${error.message}`, 'unreadable', { cause: error }));
    yauzl.open(zipPath, { lazyEntries: true }, (openError, zip) => {
      if (openError || !zip) return fail(openError ?? new Error('no zip file'));
      const files: PackageFile[] = [];
      zip.on('error', fail);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (/\/$/.test(entry.fileName) || entry.fileName.startsWith('__MACOSX/')) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(streamError ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', fail);
          stream.on('end', () => {
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

const stemOf = (name: string) =>
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
      try {
        const parsed = JSON.parse((await descriptor.read()).toString('utf8')) as {
          name?: string;
          resources?: Array<{ name?: string; path?: string }>;
        };
        if (typeof parsed.name === 'string' && parsed.name.trim()) name = parsed.name.trim();
        for (const resource of parsed.resources ?? []) {
          if (resource.name && resource.path) resourceNames.set(stemOf(resource.path), stemOf(resource.name));
        }
      } catch {
        // A broken descriptor (e.g. a symlink stored as text) is not fatal: the file names say enough.
        warnings.push('datapackage.json is not valid JSON; tables were recognised by file name');
      }
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

function parseCsv(file: string, data: Buffer): RawRow[] {
  try {
    const records = parse(data, {
      bom: true,
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase().replace(/\s+/g, '_')),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
    return records.map(({ record, info }) => ({ values: record, ref: { file, line: info.lines } }));
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
