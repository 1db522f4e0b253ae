/**
 * The server's logger: one JSON line per event on stdout/stderr.
 * Privacy rule (DESIGN.md §6): a log line never carries a query string, an IP address, a
 * cookie or coordinates. Callers pass a path, never a URL; `safePath` strips anything after '?'
 * and blanks path segments that look like coordinates.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Everything from the first '?' on, whatever follows (newlines included). */
const QUERY_AND_REST = /\?[\s\S]*$/;

/** A path fit for a log: no query string or fragment, no coordinate-like segments. */
export function safePath(pathOrUrl: string): string {
  const path = pathOrUrl.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#][\s\S]*$/, '') || '/';
  return path.replace(/-?\d{1,3}\.\d{2,}/g, ':num');
}

/** Cuts a free text (an error message, a stack) at its first '?': a URL's query never follows. */
function cutQuery(text: string): string {
  return text.replace(QUERY_AND_REST, '?…');
}

export function createLogger(
  level: Level | 'silent' = 'info',
  write: (line: string, level: Level) => void = (line, lineLevel) =>
    (lineLevel === 'error' || lineLevel === 'warn' ? process.stderr : process.stdout).write(`${line}\n`),
): Logger {
  const emit = (lineLevel: Level, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[lineLevel] < ORDER[level]) return;
    write(
      JSON.stringify({ time: new Date().toISOString(), level: lineLevel, msg: message, ...fields }),
      lineLevel,
    );
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

/** Error details for a log: message and stack, with any URL in them cut at the query string. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: cutQuery(String(error)) };
  return {
    error: cutQuery(error.message),
    stack: error.stack && cutQuery(error.stack.split('\n').slice(1, 6).join('\n')),
  };
}
