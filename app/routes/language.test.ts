import { describe, expect, it } from 'vitest';
import { action, loader, safeRedirectPath } from './language';

const ORIGIN = 'http://localhost';
const post = (body: Record<string, string>, origin = ORIGIN) =>
  new Request(`${origin}/language`, { method: 'POST', body: new URLSearchParams(body) });
const args = (request: Request) => ({ request, params: {}, context: {} as never });

describe('language switch', () => {
  it('sets an HttpOnly hl cookie for at most 90 days and returns to the same page', async () => {
    const response = await action(args(post({ hl: 'es', redirectTo: '/search?near=77002' })));
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/search?near=77002');
    const cookie = response.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^hl=es; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    expect(Number(/Max-Age=(\d+)/.exec(cookie)?.[1])).toBeLessThanOrEqual(90 * 24 * 60 * 60);
  });

  it('marks the cookie Secure when the site is reached over https', async () => {
    const response = await action(args(post({ hl: 'en', redirectTo: '/' }, 'https://haven.example.org')));
    expect(response.headers.get('Set-Cookie')).toMatch(/; Secure$/);
  });

  it('answers 400 naming hl for an unknown language, and sets no cookie', async () => {
    const response = await action(args(post({ hl: 'fr', redirectTo: '/' })));
    expect(response.status).toBe(400);
    await expect(response.text()).resolves.toMatch(/^hl:/);
    expect(response.headers.get('Set-Cookie')).toBeNull();
    const viaLink = await loader(args(new Request(`${ORIGIN}/language`)));
    expect(viaLink.status).toBe(400);
  });

  it('answers 400 to a POST without a form body, 405 to another method', async () => {
    const empty = await action(args(new Request(`${ORIGIN}/language`, { method: 'POST' })));
    expect(empty.status).toBe(400);
    const json = await action(
      args(
        new Request(`${ORIGIN}/language`, {
          method: 'POST',
          body: '{"hl":"es"}',
          headers: { 'Content-Type': 'application/json' },
        }),
      ),
    );
    expect(json.status).toBe(400);
    const put = await action(args(new Request(`${ORIGIN}/language`, { method: 'PUT', body: 'hl=es' })));
    expect(put.status).toBe(405);
    expect(put.headers.get('Allow')).toContain('POST');
  });

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    '/\t/evil.example/',
    '/\n/evil.example/',
    '/\r\n/evil.example',
    '/.//evil.example/',
    '/..//evil.example',
    '\t//evil.example',
    'javascript:alert(1)',
    'search',
  ])('never redirects %j to another host', (value) => {
    const path = safeRedirectPath(value, ORIGIN);
    expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
    expect(path).not.toMatch(/^\/\/|[\s\\]/);
  });

  it('keeps a same-site path with its query and fragment', () => {
    expect(safeRedirectPath('/safety', ORIGIN)).toBe('/safety');
    expect(safeRedirectPath('/search?near=Boise%2C+ID&q=visa#result-count', ORIGIN)).toBe(
      '/search?near=Boise%2C+ID&q=visa#result-count',
    );
  });

  it('follows redirectTo=/%09/host/ and %0A only to this site (decoded from the form)', async () => {
    for (const encoded of ['hl=es&redirectTo=/%09/evil.example/', 'hl=es&redirectTo=/%0A/evil.example/']) {
      const response = await action(
        args(
          new Request(`${ORIGIN}/language`, {
            method: 'POST',
            body: encoded,
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          }),
        ),
      );
      expect(response.status).toBe(302);
      const location = response.headers.get('Location') ?? '';
      expect(new URL(location, ORIGIN).origin).toBe(ORIGIN);
    }
  });
});
