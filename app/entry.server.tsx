/**
 * Server rendering: bots and crawlers get the whole document at once (onAllReady), people get
 * it streamed (onShellReady). A render that takes longer than five seconds is aborted.
 * Inline scripts carry the request's CSP nonce.
 *
 * No trace in the browser (DESIGN.md §6): every document and every loader-data response
 * (`.data`, `?_data=`) of every route — search, service, staff pages alike — is `no-store`,
 * set here and nowhere else. A route cannot opt out. Static assets (express.static) and the
 * public JSON API (resource routes, app/api/http.server.ts) keep their own caching.
 */
import { PassThrough } from 'node:stream';
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { NonceProvider } from './components/nonce';
import { createLogger, errorFields, safePath } from './http/logger.server';

const logger = createLogger('error');

export const streamTimeout = 5_000;

/** Pages and their data may name the place a survivor looked: never kept in any cache. */
const PAGE_CACHE_CONTROL = 'no-store';

function noStore(headers: Headers): Headers {
  headers.set('Cache-Control', PAGE_CACHE_CONTROL);
  return headers;
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  noStore(response.headers);
  return response;
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get('user-agent') ?? '');
  const nonce = loadContext.cspNonce ?? '';
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          noStore(responseHeaders);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged by the server; before it, they reject above.
          if (shellRendered)
            logger.error('render error', { path: safePath(request.url), ...errorFields(error) });
        },
      },
    );
    // Give pending deferred data a moment past the stream timeout, then stop.
    setTimeout(abort, streamTimeout + 1_000);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  // The request was cancelled by the browser: nothing went wrong on our side.
  if (request.signal.aborted) return;
  // Remix's notice that a `?_data=` request reached a single-fetch app: an old or hand-made
  // client, not a failure of ours (it still gets its answer). No error line, no stack.
  if (error instanceof Error && error.message.startsWith('Warning: Single fetch-enabled apps')) return;
  const where = { method: request.method, path: safePath(request.url) };
  if (isRouteErrorResponse(error)) {
    // A thrown response (no such page, a bad request): an answer, not a failure. The access
    // log has its status; a 5xx one is still an error.
    if (error.status >= 500) logger.error('route error', { ...where, status: error.status });
    return;
  }
  logger.error('route error', { ...where, ...errorFields(error) });
}
