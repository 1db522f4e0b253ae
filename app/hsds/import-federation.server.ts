/**
 * Federation: imports every service of an HSDS API 3.0 (another Haven, or any conformant
 * directory) by reading `GET <base>/services?page=N&per_page=P` page by page, then hands the
 * records to the same clean → validate → sync path as a package (import.server.ts), with the
 * API's URL as the source name.
 *
 * The client is polite and patient: requests are spaced to a rate (default 5 a second), a
 * failed request (network error, timeout, 429, 5xx, an unreadable body) is retried with
 * exponential backoff (a Retry-After header is honoured), and every page received is appended
 * to a progress file, so a run that stops (retries exhausted, killed) resumes where it stopped
 * when the same command is run again. The progress file is removed once the import is
 * committed.
 *
 * The API is read defensively: a field may be null or absent; the walk follows `total_pages`
 * when the server states an exact total, and otherwise stops at the first empty page.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { importHsds, type ImportOptions } from './import.server';
import { flattenJson } from './json-flatten';
import type { RawPackage, RawRow } from './raw-package';
import { ImportError, type ImportReport } from './report';

export interface FederationOptions {
  /** Services per request (the HSDS API's per_page; Haven allows at most 100). */
  perPage?: number;
  /** Most requests a second, retries included (default 5). */
  ratePerSecond?: number;
  /** Attempts after the first for one page (default 5). */
  retries?: number;
  /** First retry delay in ms, doubled each attempt (default 1000). */
  backoffMs?: number;
  /** Longest wait for one response in ms (default 30 s). */
  timeoutMs?: number;
  /** Folder of progress files (default data/federation under the working directory). */
  progressDir?: string;
  /** Ignore saved progress and fetch every page again. */
  restart?: boolean;
  /** Called after each page is saved (or found in the progress file). */
  onPage?: (event: { page: number; totalPages?: number; services: number; resumed: boolean }) => void;
  /** Called before a retry, with why. */
  onRetry?: (event: { page: number; attempt: number; delayMs: number; reason: string }) => void;
}

export const FEDERATION_DEFAULTS = {
  perPage: 100,
  ratePerSecond: 5,
  retries: 5,
  backoffMs: 1000,
  timeoutMs: 30_000,
  progressDir: 'data/federation',
} as const;

const MAX_PAGES = 1_000_000;
const MAX_DELAY_MS = 60_000;

export const isApiUrl = (input: string) => /^https?:\/\//i.test(input);

/** The API root: trailing slashes and a final `/services` are dropped. */
export function apiRoot(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/services$/i, '');
}

interface SavedPage {
  page: number;
  totalPages?: number;
  contents: unknown[];
}

interface Progress {
  file: string;
  pages: SavedPage[];
}

const progressFileFor = (dir: string, root: string, perPage: number) =>
  path.join(
    dir,
    `${createHash('sha256').update(`${root}\u0000${perPage}`).digest('hex').slice(0, 16)}.ndjson`,
  );

/**
 * The pages saved by an earlier run for the same API and page size: the first line names
 * them, then one page a line. A last line cut short by a crash is dropped (and refetched).
 */
async function openProgress(dir: string, root: string, perPage: number, restart: boolean): Promise<Progress> {
  const file = progressFileFor(dir, root, perPage);
  await mkdir(dir, { recursive: true });
  const header = `${JSON.stringify({ url: root, perPage })}\n`;
  let text = '';
  if (!restart) text = await readFile(file, 'utf8').catch(() => '');
  const lines = text.split('\n');
  const pages: SavedPage[] = [];
  let valid = header;
  if (lines[0] === header.trimEnd()) {
    for (const line of lines.slice(1)) {
      if (!line) break;
      let saved: SavedPage;
      try {
        saved = JSON.parse(line) as SavedPage;
      } catch {
        break;
      }
      if (saved.page !== pages.length + 1 || !Array.isArray(saved.contents)) break;
      pages.push(saved);
      valid += `${line}\n`;
    }
  }
  await writeFile(file, valid, { mode: 0o600 });
  return { file, pages };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Seconds or an HTTP date, as a delay in ms. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The page envelope's fields Haven uses, whatever the server filled in. */
function readEnvelope(body: unknown): { contents: unknown[]; totalPages?: number; lowerBound: boolean } {
  if (Array.isArray(body)) return { contents: body, lowerBound: false };
  if (!body || typeof body !== 'object') throw new RetryableError('the answer is not a JSON object');
  const envelope = body as Record<string, unknown>;
  const contents = envelope.contents ?? envelope.items ?? [];
  if (!Array.isArray(contents)) throw new ImportError('the API page has no "contents" list', 'unreadable');
  const total = Number(envelope.total_pages);
  return {
    contents,
    totalPages: envelope.total_pages != null && Number.isInteger(total) && total >= 0 ? total : undefined,
    lowerBound: envelope.total_items_is_lower_bound === true,
  };
}

/** Fetches every page (or resumes), saving each; returns the services in page order. */
export async function fetchHsdsApi(url: string, options: FederationOptions = {}): Promise<RawPackage> {
  const settings = { ...FEDERATION_DEFAULTS, ...options };
  const root = apiRoot(url);
  if (!Number.isInteger(settings.perPage) || settings.perPage < 1)
    throw new ImportError('per page: expected a whole number ≥ 1', 'unreadable');
  if (!(settings.ratePerSecond > 0)) throw new ImportError('rate: expected a positive number', 'unreadable');
  const progress = await openProgress(settings.progressDir, root, settings.perPage, !!settings.restart);
  const interval = 1000 / settings.ratePerSecond;
  let nextRequestAt = 0;

  const request = async (page: number) => {
    const wait = nextRequestAt - Date.now();
    if (wait > 0) await sleep(wait);
    nextRequestAt = Date.now() + interval;
    const target = `${root}/services?page=${page}&per_page=${settings.perPage}`;
    let response: Response;
    try {
      response = await fetch(target, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
    } catch (error) {
      throw new RetryableError(`request failed (${(error as Error).message})`);
    }
    if (response.status === 429 || response.status >= 500) {
      await response.body?.cancel();
      throw new RetryableError(`HTTP ${response.status}`, retryAfter(response.headers.get('retry-after')));
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new ImportError(
        `${root}/services page ${page}: HTTP ${response.status}; is this an HSDS API 3.0 root (…/api/v1)?`,
        'unreadable',
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new RetryableError(`the answer is not readable JSON (${(error as Error).message})`);
    }
    return readEnvelope(body);
  };

  const fetchPage = async (page: number) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(page);
      } catch (error) {
        if (!(error instanceof RetryableError)) throw error;
        if (attempt >= settings.retries)
          throw new ImportError(
            `${root}/services page ${page}: ${error.message} after ${attempt + 1} attempts; nothing was imported. ` +
              `${page - 1} page(s) are saved: run the same command again to resume from page ${page}`,
            'unreadable',
          );
        const backoff = settings.backoffMs * 2 ** attempt;
        const delayMs = Math.min(
          MAX_DELAY_MS,
          Math.max(error.retryAfterMs ?? 0, backoff + Math.random() * backoff * 0.2),
        );
        settings.onRetry?.({
          page,
          attempt: attempt + 1,
          delayMs: Math.round(delayMs),
          reason: error.message,
        });
        await sleep(delayMs);
      }
    }
  };

  const pages = [...progress.pages];
  for (const saved of pages)
    settings.onPage?.({
      page: saved.page,
      totalPages: saved.totalPages,
      services: saved.contents.length,
      resumed: true,
    });
  let done = pages.length > 0 && pages.at(-1)!.contents.length === 0;
  const last = pages.at(-1);
  if (last?.totalPages !== undefined && last.page >= last.totalPages) done = true;
  while (!done && pages.length < MAX_PAGES) {
    const page = pages.length + 1;
    const { contents, totalPages, lowerBound } = await fetchPage(page);
    const saved: SavedPage = {
      page,
      contents,
      ...(totalPages !== undefined && !lowerBound ? { totalPages } : {}),
    };
    await appendFile(progress.file, `${JSON.stringify(saved)}\n`);
    pages.push(saved);
    settings.onPage?.({ page, totalPages: saved.totalPages, services: contents.length, resumed: false });
    done = contents.length === 0 || (saved.totalPages !== undefined && page >= saved.totalPages);
  }

  const tables = new Map<string, RawRow[]>();
  for (const saved of pages) {
    const records = saved.contents.map((value, index) => ({ value, line: index + 1 }));
    for (const [table, rows] of flattenJson(`services page ${saved.page}`, records)) {
      const existing = tables.get(table);
      if (existing) for (const row of rows) existing.push(row);
      else tables.set(table, rows);
    }
  }
  return { name: root, format: 'json', tables, warnings: [] };
}

/**
 * Pulls an HSDS API and imports it (source = the API root unless `source` is given). The
 * progress file is removed once the import is committed (kept after a dry run or a failure).
 */
export async function importHsdsApi(
  db: Kysely<Database>,
  url: string,
  options: ImportOptions & { federation?: FederationOptions } = {},
): Promise<ImportReport> {
  const { federation = {}, ...importOptions } = options;
  const root = apiRoot(url);
  importOptions.onProgress?.({ phase: 'read', message: `reading ${root}/services page by page` });
  const pkg = await fetchHsdsApi(root, federation);
  const report = await importHsds(db, pkg, { ...importOptions, source: importOptions.source ?? root });
  if (!importOptions.dryRun) {
    const settings = { ...FEDERATION_DEFAULTS, ...federation };
    await rm(progressFileFor(settings.progressDir, root, settings.perPage), { force: true });
  }
  return report;
}
