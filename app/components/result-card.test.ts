import { describe, expect, it } from 'vitest';
import { categoryName, languageName } from './result-card';

describe('languageName', () => {
  it('uses the catalog, then the runtime’s names, then the code', () => {
    expect(languageName('es', 'en')).toBe('Spanish');
    expect(languageName('en', 'es')).toBe('Inglés');
    // not in the catalog: named by ICU in the page's language, capitalised for a list
    expect(languageName('pl', 'es')).toBe('Polaco');
    expect(languageName('pl', 'en')).toBe('Polish');
    expect(languageName('1!', 'en')).toBe('1!');
  });
});

describe('categoryName', () => {
  it('names subcategories in Spanish too, and falls back to the stored name', () => {
    expect(categoryName('mental-health', 'Mental health care', 'es')).toBe('Atención de salud mental');
    expect(categoryName('local-term', 'A local term', 'es')).toBe('A local term');
  });
});
