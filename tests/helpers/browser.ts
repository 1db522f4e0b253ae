/**
 * Browser-test harness: Debian Chromium driven by playwright-core against the real server
 * (tests/helpers/server.ts). One browser and one server per test file; every page gets its own
 * browser context (own cookies), a recorder of every request it makes, and a screenshot in
 * tests/artifacts/ when its test fails.
 *
 *   const suite = useBrowserSuite();
 *   suite.test('finds help near a ZIP', async ({ openPage }) => {
 *     const { page, requests } = await openPage('/');
 *     …
 *   });
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type StartOptions, type TestServer } from './server';
import { CHROMIUM_ARGS } from '../../scripts/lib/chromium';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const artifactsDir = fileURLToPath(new URL('../artifacts/', import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Without Chromium the browser tests are skipped with a note — unless HAVEN_REQUIRE_BROWSER=1
 * (CI), where a missing browser fails them instead of silently passing.
 */
export const browserAvailable = existsSync(CHROMIUM_PATH);
const browserRequired = process.env.HAVEN_REQUIRE_BROWSER === '1';
const runBrowserTests = browserAvailable || browserRequired;

export const WCAG_22_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
}

// ── Requests ────────────────────────────────────────────────────────────────────────────────

/** Every request URL a browser context makes, in order (pages, scripts, images, fetches…). */
export class RequestRecorder {
  readonly urls: string[] = [];

  /** Requests that completed with a response (a request refused by CSP never does). */
  readonly finished: Array<{ url: string; status: number }> = [];

  constructor(context: BrowserContext) {
    context.on('request', (request) => this.urls.push(request.url()));
    context.on('requestfinished', (request) => {
      request.response().then(
        (response) => {
          if (response) this.finished.push({ url: request.url(), status: response.status() });
        },
        // The context closed before the response was read (a test ending, a quick exit
        // navigating away): that request no longer matters to any assertion.
        () => {},
      );
    });
  }

  /** A position to pass to `since()`. */
  mark(): number {
    return this.urls.length;
  }

  since(mark: number): string[] {
    return this.urls.slice(mark);
  }

  /** Requests to network origins (http/https/ws) outside `allowedOrigins`. */
  outside(allowedOrigins: string[], from = 0): string[] {
    return this.since(from).filter((url) => {
      const parsed = new URL(url);
      if (!['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) return false; // data:, blob:, about:
      return !allowedOrigins.includes(parsed.origin);
    });
  }

  /** Requests that went to the given origin. */
  to(origin: string, from = 0): string[] {
    return this.since(from).filter((url) => url.startsWith(`${origin}/`) || url === origin);
  }
}

// ── Accessibility ───────────────────────────────────────────────────────────────────────────

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/** Runs axe-core with the WCAG 2.2 AA rule set and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  const loaded = () => page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!(await loaded())) {
    // The page's CSP admits only nonced scripts, so an injected <script> tag would be refused
    // (and log a CSP violation); evaluating through the DevTools protocol is not subject to CSP.
    await page.evaluate(axeSource).catch(() => undefined);
    if (!(await loaded())) await page.addScriptTag({ content: axeSource });
  }
  const violations = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as { axe: { run: (...args: unknown[]) => Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations;
  }, WCAG_22_AA_TAGS);
  const report = (violations as AxeViolation[]).map((violation) =>
    [
      `${violation.id} [${violation.impact ?? 'unknown'}]: ${violation.help} (${violation.helpUrl})`,
      ...violation.nodes.map(
        (node) =>
          `    at ${node.target.map(String).join(' ')}\n      ${node.html.slice(0, 200)}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`,
      ),
    ].join('\n'),
  );
  if (report.length > 0) {
    throw new Error(
      `axe-core found ${report.length} WCAG 2.2 AA violation(s) on ${label}:\n\n${report.join('\n\n')}`,
    );
  }
}

// ── Suite ───────────────────────────────────────────────────────────────────────────────────

export interface OpenPageOptions {
  javaScriptEnabled?: boolean;
  viewport?: { width: number; height: number };
  /** Browser locale (sets Accept-Language); default en-US. */
  locale?: string;
  /** Mocked position; also grants the geolocation permission to our origin. */
  geolocation?: { latitude: number; longitude: number; accuracy?: number };
  /** Wait until the page has hydrated and the network is quiet (default true with JavaScript). */
  waitForIdle?: boolean;
  /** Let the page run Haven's service worker (offline saved services); blocked by default. */
  serviceWorkers?: 'allow' | 'block';
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  requests: RequestRecorder;
  /** Uncaught errors thrown in the page, and console errors (hydration mismatches…). */
  pageErrors: string[];
}

export interface TestTools {
  server: TestServer;
  openPage(pathname: string, options?: OpenPageOptions): Promise<OpenedPage>;
  /**
   * After the test body, every request of every page is checked: only our origin is allowed
   * (DESIGN.md §6, no third parties). A test that legitimately leaves it (the quick exit's
   * neutral site, map tiles once the map is shown) allows that one origin here.
   */
  allowRequestsTo(origin: string): void;
}

export interface BrowserSuite {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A test with its own pages, closed afterwards, and screenshots of them if it fails. */
  test(name: string, body: (tools: TestTools) => Promise<void>, timeout?: number): void;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/** Starts the server and the browser for this file (beforeAll) and stops both (afterAll). */
export function useBrowserSuite(options: StartOptions & { file?: string } = {}): BrowserSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const fileLabel = slug(path.basename(options.file ?? 'e2e', '.test.ts'));

  if (!runBrowserTests) {
    process.stdout.write(
      `Skipping browser tests in ${fileLabel}: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)\n`,
    );
  }

  beforeAll(async () => {
    if (!runBrowserTests) return;
    if (!browserAvailable) {
      throw new Error(
        `HAVEN_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium`,
      );
    }
    const [started, launched] = await Promise.allSettled([startTestServer(options), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const suite: BrowserSuite = {
    get server() {
      if (!server) throw new Error('server not started (use it inside a test or hook)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('browser not started (use it inside a test or hook)');
      return browser;
    },
    test(name, body, timeout) {
      (runBrowserTests ? it : it.skip)(
        name,
        async () => {
          const opened: OpenedPage[] = [];
          const allowed = [suite.server.origin];
          const tools: TestTools = {
            server: suite.server,
            allowRequestsTo(origin) {
              allowed.push(origin);
            },
            async openPage(pathname, pageOptions = {}) {
              const javaScriptEnabled = pageOptions.javaScriptEnabled ?? true;
              const context = await suite.browser.newContext({
                baseURL: suite.server.origin,
                javaScriptEnabled,
                viewport: pageOptions.viewport ?? { width: 1280, height: 800 },
                locale: pageOptions.locale ?? 'en-US',
                geolocation: pageOptions.geolocation,
                permissions: pageOptions.geolocation ? ['geolocation'] : [],
                serviceWorkers: pageOptions.serviceWorkers ?? 'block',
              });
              context.setDefaultTimeout(10_000);
              const page = await context.newPage();
              const entry: OpenedPage = {
                page,
                context,
                requests: new RequestRecorder(context),
                pageErrors: [],
              };
              page.on('pageerror', (error) => entry.pageErrors.push(error.message));
              page.on('console', (message) => {
                if (message.type() === 'error')
                  entry.pageErrors.push(`console: ${message.text().slice(0, 500)}`);
              });
              opened.push(entry);
              await page.goto(pathname, { waitUntil: 'load' });
              if (pageOptions.waitForIdle ?? javaScriptEnabled) await page.waitForLoadState('networkidle');
              return entry;
            },
          };
          try {
            await body(tools);
            for (const entry of opened) {
              expect(
                entry.requests.outside(allowed),
                `requests from ${entry.page.url()} to other hosts`,
              ).toEqual([]);
            }
          } catch (error) {
            mkdirSync(artifactsDir, { recursive: true });
            const notes: string[] = [];
            for (const [index, entry] of opened.entries()) {
              if (entry.page.isClosed()) continue;
              const file = path.join(artifactsDir, `${fileLabel}--${slug(name)}--${index + 1}.png`);
              await entry.page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
              notes.push(`screenshot: ${path.relative(process.cwd(), file)} (${entry.page.url()})`);
              if (entry.pageErrors.length > 0) notes.push(`page errors: ${entry.pageErrors.join(' | ')}`);
            }
            if (error instanceof Error && notes.length > 0) error.message += `\n\n${notes.join('\n')}`;
            throw error;
          } finally {
            await Promise.all(opened.map((entry) => entry.context.close().catch(() => undefined)));
          }
        },
        timeout,
      );
    },
  };
  return suite;
}
