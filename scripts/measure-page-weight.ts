/**
 * Page weight of the search page against the budgets of DESIGN.md §9, measured in Debian
 * Chromium on a phone-sized screen, where the map sits behind "Show map":
 *
 *   1. load `/search?near=77002` with an empty cache and wait for the network to settle;
 *   2. open the map and wait for its markers and the private basemap's data tiles.
 *
 * Every response is recorded through the DevTools protocol: its URL, resource type, content
 * encoding and transfer size (`Network.loadingFinished.encodedDataLength`: what went over the
 * wire, headers included, compressed as the server chose — usually brotli). The budgets are
 * "KB gzipped", so each HTML/JS/CSS body is also gzipped here at zlib's default level (what the
 * server's `compression` middleware uses for gzip clients) and the budgets are checked on those
 * figures; 1 KB = 1,000 bytes (the stricter reading).
 *
 *   npx tsx scripts/measure-page-weight.ts [--base http://localhost:3000] [--path /search?near=77002]
 *   npm run measure:weight -- --base http://localhost:3000
 *
 * Prints JSON; exits 1 when a budget is exceeded or the map could not be opened.
 */
import { gzipSync } from 'node:zlib';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './lib/chromium';
import { parseCli } from './lib/cli';

const BUDGETS = {
  jsBeforeMapGzip: 110_000,
  mapChunkGzip: 60_000,
  /** The map chunk plus the basemap data tiles of the first view (docs/map.md). */
  mapWithBasemapGzip: 150_000,
  htmlCssGzip: 30_000,
};

const { values: args } = parseCli({
  command: 'measure:weight',
  summary:
    'Loads a running Haven page in Chromium at phone size and prints its JavaScript, map and HTML+CSS weights against the budgets.',
  options: {
    base: { type: 'string', default: 'http://localhost:3000', value: 'URL', help: 'the running server' },
    path: { type: 'string', default: '/search?near=77002', value: 'PATH', help: 'the page to load' },
    chromium: {
      type: 'string',
      default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      value: 'PATH',
      help: 'the Chromium binary',
    },
  },
});
const base = new URL(args.base);

interface Recorded {
  url: string;
  host: string;
  type: string;
  status: number | null;
  encoding: string | null;
  /** Bytes over the wire (headers + body as sent); 0 when the request failed. */
  transferBytes: number;
  /** The body gzipped here at the default level; null for bodies we do not size (images…). */
  gzipBytes: number | null;
  failed: string | null;
}

/** Records every request of a page through CDP; `take()` returns and clears what has finished. */
class ResponseRecorder {
  private readonly pending = new Map<string, Recorded>();
  private finished: Array<Promise<Recorded>> = [];

  constructor(private readonly cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (event) => {
      const url = new URL(event.request.url);
      if (url.protocol === 'data:' || url.protocol === 'blob:') return;
      this.pending.set(event.requestId, {
        url: event.request.url,
        host: url.host,
        type: event.type ?? 'Other',
        status: null,
        encoding: null,
        transferBytes: 0,
        gzipBytes: null,
        failed: null,
      });
    });
    cdp.on('Network.responseReceived', (event) => {
      const record = this.pending.get(event.requestId);
      if (!record) return;
      record.status = event.response.status;
      record.type = event.type;
      const headers = Object.fromEntries(
        Object.entries(event.response.headers).map(([name, value]) => [name.toLowerCase(), value]),
      );
      record.encoding = headers['content-encoding'] ?? null;
    });
    cdp.on('Network.loadingFinished', (event) => {
      const record = this.pending.get(event.requestId);
      if (!record) return;
      this.pending.delete(event.requestId);
      record.transferBytes = event.encodedDataLength;
      this.finished.push(this.sizeBody(event.requestId, record));
    });
    cdp.on('Network.loadingFailed', (event) => {
      const record = this.pending.get(event.requestId);
      if (!record) return;
      this.pending.delete(event.requestId);
      record.failed = event.errorText || 'failed';
      this.finished.push(Promise.resolve(record));
    });
  }

  private async sizeBody(requestId: string, record: Recorded): Promise<Recorded> {
    if (!['Document', 'Script', 'Stylesheet'].includes(record.type) && !isBasemap(record)) return record;
    try {
      const { body, base64Encoded } = await this.cdp.send('Network.getResponseBody', { requestId });
      record.gzipBytes = gzipSync(Buffer.from(body, base64Encoded ? 'base64' : 'utf8')).length;
    } catch {
      record.gzipBytes = null; // body evicted: reported as unknown rather than guessed
    }
    return record;
  }

  /** Requests still in flight (a tile host that never answers) are reported as such. */
  async take(): Promise<Recorded[]> {
    const done = await Promise.all(this.finished);
    this.finished = [];
    const inFlight = [...this.pending.values()].map((record) => ({ ...record, failed: 'still pending' }));
    this.pending.clear();
    return [...done, ...inFlight];
  }
}

async function settle(page: Page, ms = 15_000): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: ms }).catch(() => undefined);
}

function sum(records: Recorded[], field: 'transferBytes' | 'gzipBytes'): number {
  return records.reduce((total, record) => total + (record[field] ?? 0), 0);
}

function files(records: Recorded[]) {
  return records.map((record) => ({
    path: record.host === base.host ? new URL(record.url).pathname : record.url,
    type: record.type,
    encoding: record.encoding,
    transferBytes: record.transferBytes,
    gzipBytes: record.gzipBytes,
    ...(record.failed ? { failed: record.failed } : {}),
  }));
}

const isApp = (record: Recorded) => record.host === base.host;
const isMapChunk = (record: Recorded) =>
  /\/results-map\.client-[\w-]+\.js$/.test(new URL(record.url).pathname);
/** The PMTiles street map's own chunk (TILE_PMTILES only): reported apart, no budget of the map chunk. */
const isStreetChunk = (record: Recorded) =>
  /\/street-tiles-layer\.client-[\w-]+\.js$/.test(new URL(record.url).pathname);
const isBasemap = (record: Recorded) =>
  record.host === base.host && new URL(record.url).pathname.startsWith('/basemap/');
const kb = (bytes: number) => Math.round(bytes / 100) / 10;

const browser = await chromium.launch({
  executablePath: args.chromium,
  args: CHROMIUM_ARGS,
});

try {
  // A phone: the map is behind "Show map", so the first load shows what a survivor downloads
  // before choosing to see a map. A fresh context has an empty cache.
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable', { maxResourceBufferSize: 20_000_000, maxTotalBufferSize: 100_000_000 });
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const recorder = new ResponseRecorder(cdp);

  const response = await page.goto(new URL(args.path, base).href, { waitUntil: 'load' });
  if (!response?.ok()) throw new Error(`${args.path} answered ${response?.status() ?? 'nothing'}`);
  await settle(page);
  const results = await page
    .locator('main')
    .getByRole('list', { name: /results|resultados/i })
    .getByRole('listitem')
    .count();
  const before = await recorder.take();

  // Open the map the way a user does; on a wide layout it may already be open.
  const region = page.getByRole('region', { name: /^(map of results|mapa de resultados)$/i }).last();
  if (!(await region.isVisible())) {
    await page
      .getByRole('button', { name: /show map|ver mapa/i })
      .first()
      .click();
  }
  let mapShown = true;
  await region
    .locator('.leaflet-marker-icon')
    .first()
    .waitFor({ state: 'attached', timeout: 20_000 })
    .catch(() => {
      mapShown = false;
    });
  await settle(page, 10_000);
  const withMap = await recorder.take();

  const beforeJs = before.filter((r) => isApp(r) && r.type === 'Script');
  const beforeHtml = before.filter((r) => isApp(r) && r.type === 'Document');
  const beforeCss = before.filter((r) => isApp(r) && r.type === 'Stylesheet');
  const beforeExternal = before.filter((r) => !isApp(r));
  const mapJs = withMap.filter((r) => isApp(r) && r.type === 'Script' && !isStreetChunk(r));
  const streetJs = withMap.filter(isStreetChunk);
  const mapCss = withMap.filter((r) => isApp(r) && r.type === 'Stylesheet');
  const mapExternal = withMap.filter((r) => !isApp(r));
  const mapExternalHosts = [...new Set(mapExternal.map((r) => r.host))];
  const basemap = withMap.filter(isBasemap);

  const jsBeforeGzip = sum(beforeJs, 'gzipBytes');
  const mapChunkGzip = sum(mapJs, 'gzipBytes');
  const htmlCssGzip = sum([...beforeHtml, ...beforeCss], 'gzipBytes');
  const basemapGzip = sum(basemap, 'gzipBytes');
  const checks = {
    mapChunkNotInFirstLoad: !before.some(isMapChunk),
    mapOpened: mapShown && withMap.some(isMapChunk),
    jsBeforeMap: jsBeforeGzip <= BUDGETS.jsBeforeMapGzip,
    mapChunk: mapChunkGzip <= BUDGETS.mapChunkGzip,
    basemapDrawn: basemap.length > 0,
    mapWithBasemap: mapChunkGzip + basemapGzip <= BUDGETS.mapWithBasemapGzip,
    htmlCss: htmlCssGzip <= BUDGETS.htmlCssGzip,
    noOutsideHostBeforeMap: beforeExternal.length === 0,
    noOutsideHostWithMap: mapExternal.length === 0,
  };

  const report = {
    url: new URL(args.path, base).href,
    viewport: '375x812',
    results,
    note: 'gzip = body gzipped at zlib default level (budget basis); transfer = bytes on the wire incl. headers, as served',
    beforeMap: {
      requests: before.length,
      js: {
        gzipBytes: jsBeforeGzip,
        gzipKB: kb(jsBeforeGzip),
        transferBytes: sum(beforeJs, 'transferBytes'),
      },
      html: { gzipBytes: sum(beforeHtml, 'gzipBytes'), transferBytes: sum(beforeHtml, 'transferBytes') },
      css: { gzipBytes: sum(beforeCss, 'gzipBytes'), transferBytes: sum(beforeCss, 'transferBytes') },
      htmlCss: { gzipBytes: htmlCssGzip, gzipKB: kb(htmlCssGzip) },
      totalTransferBytes: sum(before, 'transferBytes'),
      outsideHostRequests: beforeExternal.length,
      files: files(before),
    },
    withMap: {
      requests: withMap.length,
      mapChunk: {
        gzipBytes: mapChunkGzip,
        gzipKB: kb(mapChunkGzip),
        transferBytes: sum(mapJs, 'transferBytes'),
      },
      mapCss: { gzipBytes: sum(mapCss, 'gzipBytes'), transferBytes: sum(mapCss, 'transferBytes') },
      // Only with TILE_PMTILES set: protomaps-leaflet + pmtiles, fetched after the map chunk.
      streetChunk: { gzipBytes: sum(streetJs, 'gzipBytes'), gzipKB: kb(sum(streetJs, 'gzipBytes')) },
      basemap: {
        tiles: basemap.length,
        gzipBytes: basemapGzip,
        gzipKB: kb(basemapGzip),
        transferBytes: sum(basemap, 'transferBytes'),
      },
      mapChunkPlusBasemap: { gzipBytes: mapChunkGzip + basemapGzip, gzipKB: kb(mapChunkGzip + basemapGzip) },
      outsideHostRequests: mapExternal.length,
      outsideHosts: mapExternalHosts,
      files: files(withMap.filter(isApp)),
    },
    budgets: {
      jsBeforeMapGzip: BUDGETS.jsBeforeMapGzip,
      mapChunkGzip: BUDGETS.mapChunkGzip,
      mapWithBasemapGzip: BUDGETS.mapWithBasemapGzip,
      htmlCssGzip: BUDGETS.htmlCssGzip,
    },
    checks,
    ok: Object.values(checks).every(Boolean),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await browser.close();
}
