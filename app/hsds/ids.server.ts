/**
 * Stable ids for imported rows. A source id that is already a UUID is kept, so packages that
 * use UUIDs (HSDS 3.0) keep their identities across systems; anything else gets a
 * deterministic UUID (RFC 4122 version 5, SHA-1 name-based) from (source, table, source id),
 * so re-importing the same package upserts the same rows instead of duplicating them.
 */
import { createHash } from 'node:crypto';
import { parse, v5 } from 'uuid';
import { isUuid } from '../../db/values';

/** Haven's fixed namespace for name-based ids (never change: ids would all move). */
const HAVEN_NAMESPACE = '6f1d2c3a-7b7e-4f1a-9a4e-5c2b8d0e9f11';

/** Namespaces parsed once: an import derives an id per row. */
const namespaceBytes = new Map<string, Uint8Array>();

/** RFC 4122 §4.3 name-based UUID (version 5): the `uuid` package's, in Haven's namespace. */
export function uuidV5(name: string, namespace: string = HAVEN_NAMESPACE): string {
  let bytes = namespaceBytes.get(namespace);
  if (!bytes) namespaceBytes.set(namespace, (bytes = parse(namespace)));
  return v5(name, bytes);
}

/** The id an imported row gets: its own UUID, or one derived from where it came from. */
export function stableId(source: string, table: string, sourceId: string): string {
  const trimmed = sourceId.trim();
  if (isUuid(trimmed)) return trimmed.toLowerCase();
  return uuidV5(`${source}\u0000${table}\u0000${trimmed}`);
}

/**
 * The id of Haven's own taxonomy terms: uuidV5('term:<taxonomy>:<code>'), as migration 0181
 * gave them. Computed here too so mapped category attributes point at the right rows without
 * a query.
 */
export function havenTermId(taxonomy: 'haven' | 'haven-population' | 'haven-cost', code: string): string {
  return uuidV5(`term:${taxonomy}:${code}`);
}

/** The id of one of Haven's own taxonomies: uuidV5('taxonomy:<name>'). */
export function havenTaxonomyId(taxonomy: string): string {
  return uuidV5(`taxonomy:${taxonomy}`);
}

/** A short content hash, used to give blank-id rows an id that survives re-import. */
export function contentKey(values: Record<string, unknown>): string {
  const sorted = Object.keys(values)
    .sort()
    .map((key) => [key, values[key] ?? null]);
  return createHash('sha1').update(JSON.stringify(sorted)).digest('hex').slice(0, 20);
}
