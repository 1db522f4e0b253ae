import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createLogger } from '../../app/http/logger.server';
import { createTestDatabase, describeEachEngine } from '../helpers/db';
import { type RunningApp, startTestApp } from '../helpers/app';

describeEachEngine('HTTP server', (t) => {
  let app: RunningApp;
  const lines: string[] = [];
  beforeAll(async () => {
    app = await startTestApp(t.db, { logger: createLogger('info', (line) => lines.push(line)) });
  });
  afterAll(() => app.stop());

  it('answers /healthz with 200 {"status":"ok"} when the database is up', async () => {
    const response = await fetch(`${app.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('sends security headers: CSP without any outside host by default, no referrer, nosniff', async () => {
    const response = await fetch(`${app.baseUrl}/healthz`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    // No TILE_URL by default: the map is Haven's own basemap, and no image comes from elsewhere.
    expect(csp).toContain("img-src 'self' data:;");
    expect(csp).not.toContain('openstreetmap');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('logs requests without query string, IP or coordinates', async () => {
    lines.length = 0;
    await fetch(`${app.baseUrl}/healthz?near=77002&lat=29.7604&lng=-95.3698`, {
      headers: { 'X-Forwarded-For': '203.0.113.9' },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const log = lines.join('\n');
    expect(lines.some((line) => JSON.parse(line).path === '/healthz')).toBe(true);
    for (const secret of ['77002', '29.76', '-95.36', '203.0.113', '127.0.0.1', 'near=', '?']) {
      expect(log).not.toContain(secret);
    }
  });

  it('answers an unknown page with 404 and logs no error for it (the access log has it)', async () => {
    const stderr = vi.spyOn(process.stderr, 'write');
    try {
      const response = await fetch(`${app.baseUrl}/no-such-page`);
      expect(response.status).toBe(404);
      await response.text();
      const written = stderr.mock.calls.map(([chunk]) => String(chunk)).join('');
      expect(written).not.toContain('route error');
    } finally {
      stderr.mockRestore();
    }
  });
});

describeEachEngine('HTTP server with its database down', (t) => {
  it('answers /healthz with 503', async () => {
    const handle = await createTestDatabase(t.engine);
    const app = await startTestApp(handle.db);
    try {
      await handle.close();
      const response = await fetch(`${app.baseUrl}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable' });
    } finally {
      await app.stop();
    }
  });
});
