/**
 * Response helpers for the public JSON API: CORS for GET, a strong ETag over the exact body
 * with 304 on If-None-Match, a short public cache, and JSON errors `{ error, parameter? }`.
 */
import { createHash } from 'node:crypto';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'If-None-Match',
  'Access-Control-Expose-Headers': 'ETag',
} as const;

const CACHE = 'public, max-age=60';

function etagMatches(request: Request, etag: string): boolean {
  const header = request.headers.get('If-None-Match');
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim() === etag);
}

/** A cacheable API body; 304 when the client already holds this exact representation. */
function apiBody(request: Request, body: string, contentType: string): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  const headers = { ...CORS, 'Cache-Control': CACHE, ETag: etag, Vary: 'Accept-Encoding' };
  if (etagMatches(request, etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': contentType } });
}

export function apiJson(request: Request, value: unknown): Response {
  return apiBody(request, JSON.stringify(value), 'application/json; charset=utf-8');
}

/**
 * Newline-delimited JSON, one item per line, written as each page arrives: the next page is
 * read only when the client has taken the last one, and a client that hangs up cancels the rest.
 * The body is not known up front, so there is no ETag; CORS and the short cache apply.
 */
export function apiNdjson(pages: AsyncIterable<unknown[]>): Response {
  const iterator = pages[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map((item) => `${JSON.stringify(item)}\n`).join('')));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(body, {
    status: 200,
    headers: { ...CORS, 'Cache-Control': CACHE, 'Content-Type': 'application/x-ndjson; charset=utf-8' },
  });
}

export function apiError(status: number, error: string, parameter?: string): Response {
  return new Response(JSON.stringify(parameter ? { error, parameter } : { error }), {
    status,
    headers: { ...CORS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/**
 * CORS preflight. Remix routes OPTIONS to the loader (it is not a mutation), so each API loader
 * starts with `if (request.method === 'OPTIONS') return preflight();`.
 */
export function preflight(): Response {
  return new Response(null, { status: 204, headers: { ...CORS, 'Access-Control-Max-Age': '86400' } });
}

/** The shared `action` of API routes: the API is read-only. */
export function apiAction(): Response {
  return new Response(JSON.stringify({ error: 'The API is read-only: use GET.' }), {
    status: 405,
    headers: { ...CORS, Allow: 'GET, HEAD, OPTIONS', 'Content-Type': 'application/json; charset=utf-8' },
  });
}

/**
 * HSDS page envelope. `total_items` must be exact (clients loop 1..total_pages); `size` is "the
 * number of entities in the current page" (HSDS API 3.0, components.schemas.Page), not per_page.
 */
export function pageEnvelope<T>(contents: T[], total: number, page: number, perPage: number) {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
