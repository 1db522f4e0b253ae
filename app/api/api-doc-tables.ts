/**
 * The tables of docs/api.md, generated from the OpenAPI document (./openapi.ts) and the search
 * registry; app/api/openapi.test.ts checks the copies in docs/api.md.
 */
import { API_PARAMETERS } from '../search/filters';
import { openApiDocument } from './openapi';
import type { Parameter } from './openapi-parameters';

/** A Markdown table with padded columns. */
function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The `/api/v1/services` parameter table of docs/api.md (app/api/openapi.test.ts checks it). */
export function apiParameterTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = API_PARAMETERS.map((p) => [
    `\`${p.name}\`${p.repeatable ? ' (repeatable)' : ''}`,
    cell(p.api.description),
    cell(describeSchema(p.api.schema)),
  ]);
  return markdownTable(['parameter', 'meaning', 'values'], rows);
}

function describeSchema(schema: Record<string, unknown>): string {
  const items = (schema.items ?? schema) as Record<string, unknown>;
  const values = items.enum as unknown[] | undefined;
  if (values)
    return values.length > 12
      ? `one of ${values.length} slugs (see /api/v1/taxonomy_terms)`
      : values.join(', ');
  const range = [
    schema.minimum !== undefined ? `≥ ${String(schema.minimum)}` : null,
    schema.exclusiveMinimum !== undefined ? `> ${String(schema.exclusiveMinimum)}` : null,
    schema.maximum !== undefined ? `≤ ${+Number(schema.maximum).toFixed(4)}` : null,
    schema.maxLength !== undefined ? `at most ${String(schema.maxLength)} characters` : null,
    schema.pattern !== undefined ? `\`${String(schema.pattern)}\`` : null,
    schema.default !== undefined ? `default ${String(schema.default)}` : null,
  ].filter(Boolean);
  return [String(items.type), ...range].join(', ');
}

/** The query parameters HSDS API 3.0 defines (tests/conformance checks it against its openapi.json). */
export const HSDS_QUERY_PARAMETERS = [
  'search',
  'page',
  'per_page',
  'format',
  'taxonomy_term_id',
  'taxonomy_id',
  'organization_id',
  'modified_after',
  'minimal',
  'full',
  'full_service',
  'postcode',
  'proximity',
  'top_only',
  'parent_id',
] as const;

/** Parameters Haven answers 400 for (some values), and why. */
const ANSWERED_400: Record<string, string> = {
  minimal:
    'supported for false; true answers 400 (use format=ndjson for every service, full=false for one-to-one fields)',
};

/**
 * The HSDS conformance table of docs/api.md: each path of the document and each of its query
 * parameters, HSDS's or Haven's extension, and whether it is supported. Generated from the
 * OpenAPI document; app/api/openapi.test.ts checks the copy in docs/api.md.
 */
export function hsdsPathTable(): string {
  const document = openApiDocument('');
  const rows: string[][] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const parameters = ((item as { get: { parameters?: Parameter[] } }).get.parameters ?? []).filter(
      (p) => p.in === 'query',
    );
    if (parameters.length === 0) rows.push([`\`${path}\``, '—', '', 'supported']);
    for (const p of parameters) {
      const hsds = (HSDS_QUERY_PARAMETERS as readonly string[]).includes(p.name);
      rows.push([
        `\`${path}\``,
        `\`${p.name}\``,
        hsds ? 'HSDS' : 'Haven extension',
        ANSWERED_400[p.name] ?? 'supported',
      ]);
    }
  }
  return markdownTable(['path', 'parameter', 'defined by', 'status'], rows);
}
