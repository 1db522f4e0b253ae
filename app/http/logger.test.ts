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

  it('writes one JSON line per event at or above its level', () => {
    const lines: string[] = [];
    const logger = createLogger('warn', (line) => lines.push(line));
    logger.info('quiet');
    logger.warn('loud', { path: '/x' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'loud', path: '/x' });
  });
});
