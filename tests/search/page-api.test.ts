/**
 * The search page and `/api/v1/services` answer the same query the same way: both parse it
 * with the filter registry and resolve the place in one step (app/search/resolve.server.ts),
 * so for every filter, remote and service-area coverage, open now, a keyword and pages 1–3 they
 * list the same services in the same order. Real HTTP against the production build, on the
 * demo data plus a state-wide Texas hotline, on each engine.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoData } from '../../app/hsds/seed.server';
import { ensureBuild } from '../../scripts/lib/build';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { addPhone, addServiceArea, createService } from '../helpers/fixtures';
import { seedDir } from '../helpers/hsds';

/** The service ids of a search page, in the order the page lists them. */
function pageIds(html: string): string[] {
  return [...html.matchAll(/id="result-([0-9a-f-]{36})"/g)].map((match) => match[1]!);
}

/** The `<input>` of a filter checkbox, as rendered. */
function checkbox(html: string, name: string): string {
  const input = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0];
  if (!input) throw new Error(`no ${name} checkbox on the page`);
  return input;
}

/** Every filter, the remote and service-area cases, open now, a keyword and pages 1–3. */
const QUERIES = [
  'near=77002',
  'near=77002&page=2',
  'near=77002&page=3',
  'near=Houston, TX&delivery=phone',
  'near=Houston, TX&delivery=phone&page=2',
  'near=Houston, TX&delivery=virtual',
  'near=Houston, TX&delivery=in_person',
  'near=El Paso, TX&radius=5',
  'near=Boise, ID&radius=100',
  'near=Des Moines, IA&category=legal-aid',
  'near=77002&category=counseling&category=housing',
  'near=77002&category=emergency-shelter',
  'near=77002&language=es',
  'near=77002&population=minors',
  'near=77002&free=1',
  'near=77002&free=true',
  'near=77002&open_now=1',
  'near=77002&q=visa',
  'near=77002&q=counceling',
  'lat=29.7604&lng=-95.3698&radius=10',
  'lat=29.7604&lng=-95.3698&delivery=phone',
  'free=1',
  'free=true',
  'open_now=true',
  'free=1&page=2',
  'free=1&page=3',
  'q=shelter',
  'q=legal&page=2',
  'category=hotlines',
  'language=es&population=women',
];

describeEachEngine('search page and API agree', (context) => {
  let app: RunningApp;
  let hotline = '';
  /** One clock for both sides, so open now cannot change between the two requests. */
  const get = async (path: string) => {
    const response = await fetch(`${app.baseUrl}${path}`);
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    ensureBuild();
    await seedDemoData(context.db, { dir: seedDir, log: () => {} });
    hotline = await createService(context.db, {
      name: 'Lone Star Statewide Test Line',
      description: 'A crisis line for all of Texas',
      delivery: ['phone'],
    });
    await addPhone(context.db, hotline, '512-555-0199');
    await addServiceArea(context.db, hotline, 'states', { states: ['TX'] });
    app = await startTestApp(context.db);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('lists results for free=true and open_now=true without a place, as for =1', async () => {
    for (const flag of ['free', 'open_now']) {
      const one = await get(`/search?${flag}=1`);
      const word = await get(`/search?${flag}=true`);
      expect(one.status).toBe(200);
      expect(word.status).toBe(200);
      expect(pageIds(one.text).length, `${flag}=1 lists services`).toBeGreaterThan(0);
      expect(pageIds(word.text), `${flag}=true lists what ${flag}=1 lists`).toEqual(pageIds(one.text));
    }
  });

  it('shows free=true and open_now=true as on in the filter panel, with and without a place', async () => {
    for (const query of ['near=77002&', '']) {
      for (const flag of ['free', 'open_now']) {
        const { text } = await get(`/search?${query}${flag}=true`);
        expect(checkbox(text, flag), `${query}${flag}=true`).toMatch(/\schecked/);
        expect(text, `${query}${flag}=true opens the filter panel`).toMatch(/<details[^>]*open/);
      }
    }
    const off = await get('/search?near=77002&free=0');
    expect(checkbox(off.text, 'free')).not.toMatch(/\schecked/);
  });

  it('lists a state-wide hotline for a place in its state, like the API', async () => {
    const page = await get('/search?near=Houston, TX&delivery=phone');
    expect(pageIds(page.text)).toContain(hotline);
    const api = await get('/api/v1/services?near=Houston, TX&delivery=phone&per_page=100');
    expect((JSON.parse(api.text) as { contents: Array<{ id: string }> }).contents.map((s) => s.id)).toContain(
      hotline,
    );
    // Outside Texas it is not listed.
    expect(pageIds((await get('/search?near=Boise, ID&delivery=phone')).text)).not.toContain(hotline);
  });

  it('lists the same services in the same order on the page and in the API', async () => {
    let nonEmpty = 0;
    for (const query of QUERIES) {
      const [page, api] = await Promise.all([get(`/search?${query}`), get(`/api/v1/services?${query}`)]);
      expect(page.status, query).toBe(200);
      expect(api.status, `${query}: ${api.text}`).toBe(200);
      const ids = (JSON.parse(api.text) as { contents: Array<{ id: string }> }).contents.map((s) => s.id);
      expect(pageIds(page.text), query).toEqual(ids);
      if (ids.length > 0) nonEmpty += 1;
    }
    // The table must exercise real results, not agree on empty pages.
    expect(nonEmpty).toBeGreaterThanOrEqual(QUERIES.length - 4);
  });
});
