import { describe, expect, it } from 'vitest';
import { localizeHref, returnPath } from './links';

describe('localizeHref', () => {
  it('carries a ?hl= deep link’s language on internal links only', () => {
    const deep = { locale: 'es' as const, hlParam: true };
    expect(localizeHref('/search?near=77002#results', deep)).toBe('/search?near=77002&hl=es#results');
    expect(localizeHref('/safety', deep)).toBe('/safety?hl=es');
    expect(localizeHref('/search?hl=en', deep)).toBe('/search?hl=es');
    expect(localizeHref('https://example.org/', deep)).toBe('https://example.org/');
    expect(localizeHref('/safety', { locale: 'es', hlParam: false })).toBe('/safety');
  });
});

describe('returnPath', () => {
  it('drops hl and keeps the rest of the query', () => {
    expect(returnPath('/search', '?near=77002&hl=es&page=2')).toBe('/search?near=77002&page=2');
    expect(returnPath('/', '?hl=es')).toBe('/');
  });
});
