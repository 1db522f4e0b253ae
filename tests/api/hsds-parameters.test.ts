/**
 * The HSDS API 3.0 parameters on the demo data, over real HTTP: each is implemented as the
 * spec describes or answered 400 naming it — never ignored — and an unknown parameter is a 400
 * too. And an HSDS client's loop: /api/v1/services page by page, 1..total_pages of the first
 * answer, gives every matching service exactly once (with and without a point, with filters).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoData } from '../../app/hsds/seed.server';
import { ensureBuild } from '../../scripts/lib/build';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { zipWithServices } from '../helpers/demo-data';
import { UUID_V5 } from '../helpers/hsds';

type Item = Record<string, unknown> & { id: string };
interface Page {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  last_page: boolean;
  contents: Item[];
}

/** A UUID no row has. */
const organizationless = '00000000-0000-4000-8000-000000000000';

describeEachEngine('HSDS API parameters and paging (demo data)', (context) => {
  let app: RunningApp;
  let zip = '';
  const get = (path: string) => fetch(`${app.baseUrl}/api/v1${path}`);
  const page = async (path: string): Promise<Page> => {
    const response = await get(path);
    expect(response.status, path).toBe(200);
    return (await response.json()) as Page;
  };
  const ndjsonIds = async (path: string) =>
    (await (await get(path)).text())
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as Item).id);
  const rejects = async (path: string, parameter: string) => {
    const response = await get(path);
    expect(response.status, path).toBe(400);
    expect(((await response.json()) as { parameter: string }).parameter, path).toBe(parameter);
  };

  beforeAll(async () => {
    ensureBuild();
    await seedDemoData(context.db);
    zip = await zipWithServices(context.db);
    app = await startTestApp(context.db);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('walks /services from 1 to total_pages and gets every service exactly once', async () => {
    const queries = [
      '',
      `near=${zip}&radius=100`,
      'lat=29.7604&lng=-95.3698&radius_km=500',
      'category=counseling',
      `near=${zip}&radius=100&category=legal-aid`,
      'q=counseling',
      'language=es&free=1',
    ];
    for (const query of queries) {
      const first = await page(`/services?${query}&per_page=7`);
      const seen: string[] = first.contents.map((s) => s.id);
      for (let n = 2; n <= first.total_pages; n++) {
        const next = await page(`/services?${query}&per_page=7&page=${n}`);
        // totals never move while a client pages, and size counts the items on the page
        expect(next.total_items, query).toBe(first.total_items);
        expect(next.size, query).toBe(next.contents.length);
        seen.push(...next.contents.map((s) => s.id));
      }
      expect(seen.length, query).toBe(first.total_items);
      expect(new Set(seen).size, query).toBe(seen.length);
      // the exact total agrees with an independent read of every match
      expect((await ndjsonIds(`/services?${query}&format=ndjson&per_page=50`)).sort(), query).toEqual(
        [...seen].sort(),
      );
    }
    // a query with many matches: the page's two-pages-ahead shortcut would have said 14
    expect((await page('/services?per_page=7')).total_items).toBeGreaterThan(100);
  });

  it('implements the HSDS filters of /services', async () => {
    const terms = await page('/taxonomy_terms?taxonomy=haven&top_only=true&per_page=100');
    const counseling = terms.contents.find((t) => t.code === 'counseling')!;
    const byTerm = await page(`/services?taxonomy_term_id=${counseling.id}&per_page=100`);
    const byCategory = await page('/services?category=counseling&per_page=100');
    expect(byTerm.total_items).toBeGreaterThan(0);
    expect(byTerm.contents.map((s) => s.id)).toEqual(byCategory.contents.map((s) => s.id));

    const all = await page('/services?per_page=100');
    const population = (await page('/taxonomies?search=population')).contents[0]!;
    const byTaxonomy = await page(`/services?taxonomy_id=${population.id}&per_page=100`);
    expect(byTaxonomy.total_items).toBeGreaterThan(0);
    expect(byTaxonomy.total_items).toBeLessThanOrEqual(all.total_items);
    expect(
      (await page(`/services?taxonomy_id=${counseling.parent_id ?? organizationless}`)).total_items,
    ).toBe(0);
    for (const service of byTaxonomy.contents) {
      const attributes = service.attributes as Array<{ taxonomy_term: { taxonomy_detail?: { id: string } } }>;
      expect(attributes.some((a) => a.taxonomy_term.taxonomy_detail?.id === population.id)).toBe(true);
    }

    const organizationId = all.contents[0]!.organization_id as string;
    const byOrganization = await page(`/services?organization_id=${organizationId}&per_page=100`);
    const everyService = (await (await get('/services?format=ndjson&per_page=100')).text())
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Item);
    expect(byOrganization.total_items).toBe(
      everyService.filter((s) => s.organization_id === organizationId).length,
    );
    expect(byOrganization.contents.every((s) => s.organization_id === organizationId)).toBe(true);
    expect((await page('/services?modified_after=2999-01-01')).total_items).toBe(0);
    expect((await page('/services?modified_after=2000-01-01T00:00:00Z')).total_items).toBe(all.total_items);

    const oneToOne = await page('/services?full=false&per_page=5');
    for (const service of oneToOne.contents) {
      expect(Object.values(service).some((v) => Array.isArray(v) && v !== service.delivery)).toBe(false);
    }

    const byPostcode = await page(`/services?postcode=${zip}&per_page=100`);
    const byNear = await page(`/services?near=${zip}&per_page=100`);
    expect(byPostcode.contents.map((s) => s.id)).toEqual(byNear.contents.map((s) => s.id));
    const close = await page(`/services?postcode=${zip}&proximity=3000&per_page=100`);
    expect(close.total_items).toBeLessThanOrEqual(byPostcode.total_items);
    for (const service of close.contents)
      if (service.distance_km !== null) expect(service.distance_km as number).toBeLessThanOrEqual(3);
  });

  it('implements the parameters of the other paths', async () => {
    const organizations = await page('/organizations?per_page=100');
    const name = String(organizations.contents[0]!.name);
    const found = await page(`/organizations?search=${encodeURIComponent(name)}`);
    expect(found.contents.map((o) => o.name)).toContain(name);
    expect(found.total_items).toBeLessThan(organizations.total_items);
    expect((await page('/organizations?per_page=3')).contents[0]).not.toHaveProperty('locations');
    expect((await page('/organizations?full=true&per_page=3')).contents[0]).toHaveProperty('locations');
    const withServices = await page('/organizations?full_service=true&per_page=100');
    expect(withServices.contents.some((o) => (o.services as unknown[] | undefined)?.length)).toBe(true);
    const one = (await (
      await get(`/organizations/${organizations.contents[0]!.id}?full_service=true`)
    ).json()) as Item;
    expect(Array.isArray(one.services)).toBe(true);
    expect((await ndjsonIds('/organizations?format=ndjson&per_page=7')).length).toBe(
      organizations.total_items,
    );

    const terms = await page('/taxonomy_terms?per_page=100');
    expect((await page('/taxonomy_terms?search=counseling')).total_items).toBeGreaterThan(0);
    expect((await page('/taxonomy_terms?search=counseling')).total_items).toBeLessThan(terms.total_items);
    const taxonomyId = (terms.contents[0]!.taxonomy_detail as { id: string }).id;
    const ofTaxonomy = await page(`/taxonomy_terms?taxonomy_id=${taxonomyId}&per_page=100`);
    expect(ofTaxonomy.contents.every((t) => (t.taxonomy_detail as { id: string }).id === taxonomyId)).toBe(
      true,
    );
    expect((await ndjsonIds('/taxonomy_terms?format=ndjson')).length).toBe(terms.total_items);
    // Haven's taxonomy ids are RFC 4122 version 5 UUIDs (issue 17: they were md5 hashes)
    for (const t of terms.contents) {
      for (const id of [t.id, t.parent_id, (t.taxonomy_detail as { id: string }).id].filter(Boolean)) {
        expect(id, String(t.code)).toMatch(UUID_V5);
      }
    }
    // every parent id Haven serves is accepted as parent_id, and lists that parent's children
    const parents = [...new Set(terms.contents.map((t) => t.parent_id).filter(Boolean))] as string[];
    expect(parents.length).toBeGreaterThan(1);
    for (const parent of parents) {
      const children = await page(`/taxonomy_terms?parent_id=${parent}&per_page=100`);
      expect(children.total_items, parent).toBe(terms.contents.filter((t) => t.parent_id === parent).length);
    }
    const term = (await (await get(`/taxonomy_terms/${terms.contents[0]!.id}`)).json()) as Item;
    expect(term.id).toBe(terms.contents[0]!.id);
    const taxonomy = (await (await get(`/taxonomies/${taxonomyId}`)).json()) as Item;
    expect(taxonomy.id).toBe(taxonomyId);

    const links = await page(`/service_at_locations?postcode=${zip}&proximity=20000&per_page=100`);
    expect(links.total_items).toBeGreaterThan(0);
    expect(links.total_items).toBeLessThan((await page('/service_at_locations')).total_items);
    const link = (await (await get(`/service_at_locations/${links.contents[0]!.id}`)).json()) as Item;
    expect(link).toMatchObject({
      id: links.contents[0]!.id,
      service_id: expect.any(String),
      location_id: expect.any(String),
    });
  });

  it('answers 400 naming an unsupported or unknown parameter, on every path', async () => {
    await rejects('/services?minimal=true', 'minimal');
    await rejects('/services?proximity=1000', 'proximity');
    await rejects(`/services?postcode=${zip}&near=${zip}`, 'postcode');
    await rejects('/services?postcode=Houston', 'postcode');
    await rejects('/services?modified_after=yesterday', 'modified_after');
    await rejects('/services?taxonomy_term_id=counseling', 'taxonomy_term_id');
    await rejects('/services?full=maybe', 'full');
    await rejects('/service_at_locations?open_now=1', 'open_now');
    await rejects('/organizations?full_service=yes', 'full_service');
    await rejects('/taxonomy_terms?format=csv', 'format');
    for (const path of [
      '/services',
      '/services/00000000-0000-4000-8000-000000000000',
      '/organizations',
      '/organizations/00000000-0000-4000-8000-000000000000',
      '/taxonomies',
      '/taxonomies/00000000-0000-4000-8000-000000000000',
      '/taxonomy_terms',
      '/taxonomy_terms/00000000-0000-4000-8000-000000000000',
      '/service_at_locations',
      '/service_at_locations/00000000-0000-4000-8000-000000000000',
    ])
      await rejects(`${path}?sort=name`, 'sort');
  });
});
