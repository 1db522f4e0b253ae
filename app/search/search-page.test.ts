import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/types';
import { loadSearchPage } from './search-page.server';

// These states are decided before any query runs: a database that throws proves it.
const db = new Proxy(
  {},
  {
    get: () => {
      throw new Error('no query expected');
    },
  },
) as unknown as Kysely<Database>;
const load = (query: string) => loadSearchPage(db, new URL(`http://x/search?${query}`));

describe('search page states', () => {
  it('names the bad parameter', async () => {
    expect(await load('lat=abc')).toMatchObject({ kind: 'invalid', fields: ['lat'] });
    expect(await load('near=77002&radius=-1')).toMatchObject({ kind: 'invalid', fields: ['radius'] });
  });
  it('answers an unknown place with suggestions, not an error', async () => {
    const page = await load('near=Houstn%2C+TX');
    expect(page.kind).toBe('unknown-place');
    if (page.kind === 'unknown-place') expect(page.suggestions).toContain('Houston, TX');
  });
  it('asks for a place when nothing was given', async () => {
    expect(await load('')).toMatchObject({ kind: 'prompt' });
  });
});
