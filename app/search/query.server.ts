/**
 * Server-only entry to the query-string parsers. Route modules import the parsers from here:
 * a `.server` module is dropped from the browser build, so zod stays out of page JavaScript.
 */
export { parseApiQuery, parsePageQuery } from './schema';
