import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_PARAMETERS } from '../search/filters';
import { apiParameterTable, openApiDocument } from './openapi';

const squash = (text: string) => text.replace(/ +/g, ' ').replace(/-+/g, '-').trim();

describe('the API parameters come from the search registry', () => {
  it('lists every registry parameter in the OpenAPI document, in order', () => {
    const parameters = openApiDocument('http://x').paths['/services'].get.parameters as Array<{
      name: string;
    }>;
    expect(parameters.map((p) => p.name)).toEqual(API_PARAMETERS.map((p) => p.name));
  });

  it('matches the parameter table in docs/api.md', () => {
    const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    const table = doc.match(/<!-- parameters:start[^>]*-->\n([\s\S]*?)\n<!-- parameters:end -->/)?.[1];
    // On a mismatch, paste the expected table below between the markers (then `npm run format`).
    expect(squash(table ?? ''), apiParameterTable()).toBe(squash(apiParameterTable()));
  });
});
