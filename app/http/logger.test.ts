import { describe, expect, it } from 'vitest';
import { createLogger, errorFields, safePath } from './logger.server';

describe('privacy-safe logging', () => {
  it('drops query strings, fragments and coordinate-like path segments', () => {
    expect(safePath('/search?near=77002&lat=29.76')).toBe('/search');
    expect(safePath('http://localhost:3000/services/abc#top')).toBe('/services/abc');
    expect(safePath('/map/29.7604/-95.3698')).toBe('/map/:num/:num');
  });

  it('cuts URLs inside error messages at the query string', () => {
    const fields = errorFields(new Error('fetch failed for /search?lat=29.76&lng=-95.36'));
    expect(JSON.stringify(fields)).not.toContain('29.76');
  });

  it('drops everything after the "?", whatever follows (spaces, newlines, tabs)', () => {
    for (const tail of ['near=Boise\nlat=29.76', 'near=Boise ID&lat=29.76', 'q=visa\tlawyer\r\nlat=29.76']) {
      const error = new Error(`No routes matched location "/nope?${tail}"`);
      error.stack = `Error: x\n    at handler (/srv/app.js:1:1) /nope?${tail}\n    at next (/srv/b.js:2:2)`;
      const logged = JSON.stringify(errorFields(error));
      expect(logged).not.toMatch(/Boise|29\.76|visa|lawyer/);
      expect(safePath(`/nope?${tail}`)).toBe('/nope');
      expect(JSON.stringify(errorFields(`GET /nope?${tail}`))).not.toMatch(/Boise|29\.76|visa|lawyer/);
    }
  });

  it('writes one JSON line per event at or above its level', () => {
    const lines: string[] = [];
    const logger = createLogger('warn', (line) => lines.push(line));
    logger.info('quiet');
    logger.warn('loud', { path: '/x' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'loud', path: '/x' });
  });
});
