import { describe, expect, it } from 'vitest';
import { action, safeRedirectPath } from './language';

const post = (body: Record<string, string>) =>
  new Request('http://localhost/language', { method: 'POST', body: new URLSearchParams(body) });

describe('language switch', () => {
  it('sets the hl cookie and returns to the same page', async () => {
    const response = await action({
      request: post({ hl: 'es', redirectTo: '/search?near=77002' }),
      params: {},
      context: {} as never,
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/search?near=77002');
    expect(response.headers.get('Set-Cookie')).toMatch(/^hl=es; Path=\/; Max-Age=\d+; SameSite=Lax$/);
  });
  it('sets no cookie for an unknown language', async () => {
    const response = await action({
      request: post({ hl: 'fr', redirectTo: '/' }),
      params: {},
      context: {} as never,
    });
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });
  it('never redirects to another host', () => {
    expect(safeRedirectPath('https://evil.example/')).toBe('/');
    expect(safeRedirectPath('//evil.example/')).toBe('/');
    expect(safeRedirectPath('/\\evil.example')).toBe('/');
    expect(safeRedirectPath('/safety')).toBe('/safety');
  });
});
