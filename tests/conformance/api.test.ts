/**
 * Conformance of the public API with HSDS 3.0: every object served by every HSDS path of
 * /api/v1 — paged, single and NDJSON — for the demo data validates against the vendored HSDS
 * schemas (ajv). Real HTTP, real build, on each engine.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoData } from '../../app/hsds/seed.server';
import { ensureBuild } from '../../scripts/lib/build';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { objectValidator, violations } from './hsds-schemas';

type Item = Record<string, unknown> & { id: string };
interface Page {
  total_items: number;
  total_pages: number;
  size: number;
  contents: Item[];
}

/** Each list path, the HSDS object its items are, and the single-object path. */
const PATHS = [
  { list: '/services', schema: 'service', single: '/services/' },
  { list: '/services?full=false', schema: 'service', single: null },
  { list: '/organizations', schema: 'organization', single: '/organizations/' },
  { list: '/organizations?full_service=true', schema: 'organization', single: null },
  { list: '/taxonomies', schema: 'taxonomy', single: '/taxonomies/' },
  { list: '/taxonomy_terms', schema: 'taxonomy_term', single: '/taxonomy_terms/' },
  { list: '/service_at_locations', schema: 'service_at_location', single: '/service_at_locations/' },
  { list: '/service_at_locations?full=false', schema: 'service_at_location', single: null },
] as const;

describeEachEngine('HSDS conformance of /api/v1 (demo data)', (context) => {
  let app: RunningApp;
  const getJson = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${app.baseUrl}/api/v1${path}`);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    ensureBuild();
    await seedDemoData(context.db);
    app = await startTestApp(context.db);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('has validators that catch what HSDS forbids (null fields, nested type errors)', () => {
    const service = objectValidator('service');
    const valid = { id: '6f1d2c3a-7b7e-4f1a-9a4e-5c2b8d0e9f11', name: 'X', status: 'active' };
    expect(service(valid)).toBe(true);
    expect(service({ ...valid, alternate_name: null })).toBe(false);
    expect(service({ ...valid, phones: [{ id: valid.id, number: '1', extension: 'x12' }] })).toBe(false);
    expect(service({ ...valid, service_at_locations: [{ id: valid.id, location: { id: valid.id } }] })).toBe(
      false,
    );
  });

  it('serves only objects that validate, on every page, singly and as NDJSON', async () => {
    const problems: string[] = [];
    for (const path of PATHS) {
      const validate = objectValidator(path.schema);
      const join = path.list.includes('?') ? '&' : '?';
      const first = await getJson<Page>(`${path.list}${join}per_page=100`);
      const all: Item[] = [...first.contents];
      for (let page = 2; page <= first.total_pages; page++)
        all.push(...(await getJson<Page>(`${path.list}${join}per_page=100&page=${page}`)).contents);
      expect(all.length, path.list).toBe(first.total_items);
      expect(all.length, path.list).toBeGreaterThan(0);
      for (const item of all) problems.push(...violations(validate, item, `${path.list} ${item.id}`));

      const ndjson = await fetch(`${app.baseUrl}/api/v1${path.list}${join}format=ndjson&per_page=50`);
      const lines = (await ndjson.text()).split('\n').filter(Boolean);
      expect(lines.length, `${path.list} ndjson`).toBe(first.total_items);
      for (const line of lines)
        problems.push(...violations(validate, JSON.parse(line), `${path.list} ndjson`));

      if (path.single) {
        // Every single object on the small lists; a spread of them on the long ones.
        const step = Math.max(1, Math.floor(all.length / 25));
        for (let i = 0; i < all.length; i += step) {
          const one = await getJson<Item>(`${path.single}${all[i]!.id}`);
          problems.push(...violations(validate, one, `${path.single}${one.id}`));
        }
      }
    }
    expect(problems.slice(0, 30)).toEqual([]);
  });
});
