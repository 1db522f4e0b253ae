import { readFileSync } from 'node:fs';
import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { API_PARAMETERS } from '../search/filters';
import { apiParameterTable, HSDS_QUERY_PARAMETERS, hsdsPathTable } from './api-doc-tables';
import { openApiDocument } from './openapi';

const squash = (text: string) => text.replace(/ +/g, ' ').replace(/-+/g, '-').trim();

describe('the API parameters come from the search registry', () => {
  it('lists every registry parameter in the OpenAPI document, in order', () => {
    const parameters = openApiDocument('http://x').paths['/services'].get.parameters as Array<{
      name: string;
    }>;
    expect(parameters.map((p) => p.name)).toEqual([...API_PARAMETERS.map((p) => p.name), 'search']);
  });

  it('is a valid OpenAPI 3.1 document (@readme/openapi-parser), parameters generated from the zod schemas', async () => {
    const document = openApiDocument('http://x');
    // External $refs (the HSDS schemas on GitHub) are not fetched: no request leaves the test.
    const result = await validate(structuredClone(document) as never, { resolve: { external: false } });
    expect(result.valid ? [] : result.errors).toEqual([]);
    const perPage = (
      document.paths['/services'].get.parameters as Array<{ name: string; schema: unknown }>
    ).find((p) => p.name === 'per_page');
    // from the zod schema (a whole number as the query string carries it), not a hand-written copy
    expect(perPage?.schema).toMatchObject({ type: 'string', pattern: '^\\d+$' });
    // every HSDS path is described
    for (const path of [
      '/taxonomies',
      '/taxonomies/{id}',
      '/taxonomy_terms/{id}',
      '/service_at_locations',
      '/service_at_locations/{id}',
    ])
      expect(document.paths, path).toHaveProperty([path]);
    // and a broken document is caught
    const broken = structuredClone(document) as { paths: Record<string, unknown> };
    broken.paths['/services'] = { get: { parameters: [{ name: 'x' }] } };
    expect((await validate(broken as never, { resolve: { external: false } })).valid).toBe(false);
  });

  it('matches the parameter table in docs/api.md', () => {
    const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    const table = doc.match(/<!-- parameters:start[^>]*-->\n([\s\S]*?)\n<!-- parameters:end -->/)?.[1];
    // On a mismatch, paste the expected table below between the markers (then `npm run format`).
    expect(squash(table ?? ''), apiParameterTable()).toBe(squash(apiParameterTable()));
  });

  it('matches the HSDS path and parameter table in docs/api.md, which covers every HSDS path and parameter', () => {
    const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    const table = doc.match(/<!-- hsds-paths:start[^>]*-->\n([\s\S]*?)\n<!-- hsds-paths:end -->/)?.[1];
    expect(squash(table ?? ''), hsdsPathTable()).toBe(squash(hsdsPathTable()));
    const hsds = JSON.parse(
      readFileSync(new URL('../../tests/fixtures/hsds-3.0-schema/openapi.json', import.meta.url), 'utf8'),
    ) as { paths: Record<string, Record<string, { parameters?: Array<{ name?: string; $ref?: string }> }>> };
    for (const [path, item] of Object.entries(hsds.paths)) {
      for (const p of item.get?.parameters ?? []) {
        const name = p.name ?? p.$ref!.split('/').pop()!;
        expect(HSDS_QUERY_PARAMETERS as readonly string[], name).toContain(name);
        expect(table, `${path} ${name}`).toMatch(
          new RegExp(`\\| \`${path.replace(/[{}]/g, '\\$&')}\` +\\| \`${name}\``),
        );
      }
      if (!item.get?.parameters?.length) expect(table, path).toContain(`\`${path}\``);
    }
  });
});
