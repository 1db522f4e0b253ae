/**
 * Lighthouse scores of running Haven pages (issue 16): the `lighthouse` package drives Debian's
 * Chromium with its default mobile emulation (Moto G Power screen, 4× CPU slowdown, slow 4G
 * throttling simulated), and prints one JSON line per page with the performance, accessibility
 * and best-practices scores (0–100) and the metrics behind performance.
 *
 *   npm run measure:lighthouse -- --base http://localhost:3000 [--path / --path '/search?near=77002']
 *
 * Exits 1 when a score is under --min (default 95). Lighthouse's own Chromium launcher starts the
 * browser headless with background networking off (scripts/lib/chromium.ts), so the pages are
 * the only thing it contacts. Scores move by a few points from run to run on a busy machine:
 * --runs takes the median of several.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS } from './lib/chromium';
import { parseCli } from './lib/cli';

const { values: args } = parseCli({
  command: 'measure:lighthouse',
  summary:
    'Runs Lighthouse (mobile) on running Haven pages and prints performance, accessibility and best-practices scores.',
  options: {
    base: { type: 'string', default: 'http://localhost:3000', value: 'URL', help: 'the running server' },
    path: {
      type: 'string',
      multiple: true,
      default: ['/', '/search?near=77002'],
      value: 'PATH',
      help: 'a page (repeatable)',
    },
    runs: { type: 'string', default: '1', value: 'N', help: 'runs per page; the median score is reported' },
    min: { type: 'string', default: '95', value: 'SCORE', help: 'the lowest acceptable score' },
    chromium: {
      type: 'string',
      default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      value: 'PATH',
      help: 'the Chromium binary',
    },
  },
});

const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
] as const;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

async function main() {
  const runs = Math.max(1, Number(args.runs));
  const min = Number(args.min);
  const chrome = await chromeLauncher.launch({
    chromePath: args.chromium,
    chromeFlags: CHROMIUM_ARGS.map((flag) => (flag === '--headless' ? '--headless=new' : flag)),
  });
  let failed = false;
  try {
    for (const pagePath of args.path as string[]) {
      const url = new URL(pagePath, args.base).href;
      const samples: Array<Record<string, number>> = [];
      const failures: string[] = [];
      for (let run = 0; run < runs; run++) {
        const result = await lighthouse(url, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...CATEGORIES],
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
        const { lhr } = result;
        if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const sample: Record<string, number> = {};
        for (const category of CATEGORIES)
          sample[category] = Math.round((lhr.categories[category]?.score ?? 0) * 100);
        for (const metric of METRICS) sample[metric] = Math.round(lhr.audits[metric]?.numericValue ?? NaN);
        samples.push(sample);
        // What cost points, for the record (audits under 0.9 in the three categories).
        for (const category of CATEGORIES)
          for (const ref of lhr.categories[category]?.auditRefs ?? []) {
            const audit = lhr.audits[ref.id];
            if (ref.weight > 0 && audit && audit.score !== null && audit.score < 0.9)
              failures.push(`${category}: ${audit.id} (${audit.score})`);
          }
      }
      const record: Record<string, unknown> = { metric: 'lighthouse', url: pagePath, runs, form: 'mobile' };
      for (const key of Object.keys(samples[0]!)) record[key] = median(samples.map((sample) => sample[key]!));
      record.below_0_9 = [...new Set(failures)];
      process.stdout.write(`${JSON.stringify(record)}\n`);
      if (CATEGORIES.some((category) => (record[category] as number) < min)) failed = true;
    }
  } finally {
    await chrome.kill();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `measure:lighthouse: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(2);
});
