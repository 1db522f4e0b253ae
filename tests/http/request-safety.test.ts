/**
 * Issue 9 at the HTTP edge, on the real app (real build, real database, real sockets):
 * pages and loader data are no-store while assets and the API keep their caching; unknown
 * methods and `?_data=` requests are answered without an error line; any keyword parses;
 * cross-origin mutations are refused; /language redirects only within the site and sets a
 * minimal cookie; the API's meta document never reflects the Host header.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createLogger } from '../../app/http/logger.server';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, not fetch: fetch refuses TRACE and a made-up Host header. */
function raw(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${baseUrl}${path}`,
      {
        method: options.method ?? 'GET',
        // Node sends DELETE and TRACE bodies without a length unless told.
        headers: { ...options.headers, 'Content-Length': String(Buffer.byteLength(options.body ?? '')) },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const SECRET = 'near=Houston%2C+TX&lat=29.73&lng=-95.48&q=visa+lawyer';

describeEachEngine('issue 9 at the HTTP edge', (t) => {
  let app: RunningApp;
  let proxied: RunningApp;
  const lines: string[] = [];
  beforeAll(async () => {
    app = await startTestApp(t.db, { logger: createLogger('info', (line) => lines.push(line)) });
    proxied = await startTestApp(t.db, {
      env: { TRUST_PROXY: '1', PUBLIC_URL: 'https://haven.example.org' },
    });
  });
  afterAll(async () => {
    await app.stop();
    await proxied.stop();
  });

  it('makes every page and its loader data no-store, whatever the route or status', async () => {
    for (const path of [
      '/',
      `/search?${SECRET}`,
      '/search?lat=abc',
      `/no-such-page?${SECRET}`,
      `/search.data?${SECRET}`,
      '/_root.data',
      `/search?_data=routes%2Fsearch&${SECRET}`,
      '/safety',
    ]) {
      const response = await fetch(`${app.baseUrl}${path}`);
      await response.arrayBuffer();
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('keeps static assets cached and the public API on its own short public cache', async () => {
    const home = await (await fetch(`${app.baseUrl}/`)).text();
    const asset = /src="(\/build\/[^"]+\.js)"/.exec(home)?.[1] ?? /href="(\/build\/[^"]+)"/.exec(home)?.[1];
    expect(asset).toBeDefined();
    const cached = await fetch(`${app.baseUrl}${asset!}`);
    expect(cached.headers.get('cache-control')).toMatch(/max-age=31536000/);
    const api = await fetch(`${app.baseUrl}/api/v1/services?q=help`);
    expect(api.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('answers TRACE and other unsupported methods with 405 and no error line', async () => {
    const stderr = vi.spyOn(process.stderr, 'write');
    lines.length = 0;
    try {
      for (const method of ['TRACE', 'PROPFIND', 'MKCOL', 'LOCK']) {
        const response = await raw(app.baseUrl, `/search?${SECRET}`, { method });
        expect(response.status, method).toBe(405);
        expect(response.headers.allow).toContain('GET');
        expect(response.body).not.toMatch(/\bat\s|Error/);
      }
      const written = stderr.mock.calls.map(([chunk]) => String(chunk)).join('');
      expect(written).toBe('');
      expect(lines.join('\n')).not.toMatch(/"level":"error"|Houston|29\.73/);
    } finally {
      stderr.mockRestore();
    }
  });

  it('answers ?_data= requests without an error-level line or a stack', async () => {
    const stderr = vi.spyOn(process.stderr, 'write');
    try {
      for (const route of ['routes%2Fsearch', 'root', 'routes%2Fno-such-route']) {
        const response = await fetch(`${app.baseUrl}/search?_data=${route}&${SECRET}`);
        expect(response.status).toBeLessThan(500);
        await response.arrayBuffer();
      }
      const written = stderr.mock.calls.map(([chunk]) => String(chunk)).join('');
      expect(written).not.toMatch(/"level":"error"|stack|Single fetch/);
    } finally {
      stderr.mockRestore();
    }
  });

  it('answers a keyword of 33+ dashes or spaced dashes on the page and the API, never a 500', async () => {
    for (const q of [
      '-'.repeat(33),
      '-'.repeat(200),
      `${'- '.repeat(60)}visa`,
      `visa ${'-'.repeat(50)}lawyer`,
    ]) {
      const query = new URLSearchParams({ q }).toString();
      const page = await fetch(`${app.baseUrl}/search?${query}`);
      expect(page.status, `page q=${q}`).toBe(200);
      const api = await fetch(`${app.baseUrl}/api/v1/services?${query}`);
      expect(api.status, `API q=${q}`).toBe(200);
    }
  });

  it('refuses cross-origin POSTs — /language included — and accepts its own', async () => {
    const body = 'hl=es&redirectTo=%2Fsafety';
    const evil = await raw(app.baseUrl, '/language', {
      method: 'POST',
      headers: { ...FORM, Origin: 'https://evil.example' },
      body,
    });
    expect(evil.status).toBe(403);
    expect(evil.headers['set-cookie']).toBeUndefined();
    const crossSite = await raw(app.baseUrl, '/language', {
      method: 'POST',
      headers: { ...FORM, 'Sec-Fetch-Site': 'cross-site' },
      body,
    });
    expect(crossSite.status).toBe(403);
    const other = await raw(app.baseUrl, '/search', {
      method: 'POST',
      headers: { ...FORM, Origin: 'null' },
      body,
    });
    expect(other.status).toBe(403);

    const own = await raw(app.baseUrl, '/language', {
      method: 'POST',
      headers: { ...FORM, Origin: app.baseUrl, 'Sec-Fetch-Site': 'same-origin' },
      body,
    });
    expect(own.status).toBe(302);
    expect(own.headers.location).toBe('/safety');
    expect(String(own.headers['set-cookie'])).toMatch(
      /^hl=es; Path=\/; Max-Age=7776000; HttpOnly; SameSite=Lax$/,
    );
  });

  it('answers /language with 405 for another method and 400 without a form', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const response = await raw(app.baseUrl, '/language', { method, headers: FORM, body: 'hl=es' });
      expect(response.status, method).toBe(405);
    }
    const empty = await raw(app.baseUrl, '/language', { method: 'POST' });
    expect(empty.status).toBe(400);
    const noLanguage = await raw(app.baseUrl, '/language', {
      method: 'POST',
      headers: FORM,
      body: 'redirectTo=/',
    });
    expect(noLanguage.status).toBe(400);
    expect(noLanguage.body).toMatch(/^hl:/);
  });

  it('follows redirectTo only to a path of this site (tab, newline and backslash tricks)', async () => {
    for (const trick of [
      '/%09/evil.example/',
      '/%0A/evil.example/',
      '/%0D%0A/evil.example',
      '/%5Cevil.example',
      '/.//evil.example',
    ]) {
      const response = await raw(app.baseUrl, '/language', {
        method: 'POST',
        headers: FORM,
        body: `hl=en&redirectTo=${trick}`,
      });
      expect(response.status, trick).toBe(302);
      const location = String(response.headers.location);
      expect(new URL(location, app.baseUrl).origin, `${trick} → ${location}`).toBe(app.baseUrl);
    }
  });

  it('marks the cookie Secure behind TLS only when TRUST_PROXY says the proxy is trusted', async () => {
    const send = (base: string, origin: string) =>
      raw(base, '/language', {
        method: 'POST',
        headers: { ...FORM, 'X-Forwarded-Proto': 'https', Origin: origin },
        body: 'hl=es&redirectTo=/',
      });
    const trusted = await send(proxied.baseUrl, 'https://haven.example.org');
    expect(trusted.status).toBe(302);
    expect(String(trusted.headers['set-cookie'])).toMatch(/; Secure$/);
    const untrusted = await send(app.baseUrl, app.baseUrl);
    expect(untrusted.status).toBe(302);
    expect(String(untrusted.headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('never puts the Host header into the publicly cached API meta document', async () => {
    const spoofed = await raw(app.baseUrl, '/api/v1/', { headers: { Host: 'evil.example' } });
    expect(spoofed.status).toBe(200);
    expect(spoofed.headers['cache-control']).toMatch(/public/);
    expect(spoofed.body).not.toContain('evil.example');
    expect(JSON.parse(spoofed.body).openapi_url).toBe('/api/v1/openapi.json');
    const configured = await raw(proxied.baseUrl, '/api/v1/', {
      headers: { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example' },
    });
    expect(JSON.parse(configured.body).openapi_url).toBe('https://haven.example.org/api/v1/openapi.json');
  });
});
