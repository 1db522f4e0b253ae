import { describe, expect, it } from 'vitest';
import { findLanguage, interpretLanguageRow, parseLanguages } from './languages';

describe('languages', () => {
  it('maps names to ISO 639-1 codes, else ISO 639-3 (American Sign Language → ase)', () => {
    expect(findLanguage('Spanish')).toEqual({ code: 'es', name: 'Spanish' });
    expect(findLanguage('american sign language')).toEqual({ code: 'ase', name: 'American Sign Language' });
    expect(findLanguage('Farsi')?.code).toBe('fa');
    expect(findLanguage('spa')?.code).toBe('es');
    expect(findLanguage('available')).toBeNull();
  });

  it('splits free text only when every part names a language', () => {
    expect(parseLanguages('English and Spanish')?.languages.map((l) => l.code)).toEqual(['en', 'es']);
    expect(parseLanguages('Spanish (limited)')?.languages).toEqual([
      { code: 'es', name: 'Spanish', note: 'limited' },
    ]);
    expect(parseLanguages('Spanish and other languages on request')).toBeNull();
  });

  it('reads a row: code "asl" corrected, text naming no language returned as a note', () => {
    expect(interpretLanguageRow({ code: 'asl' }).rows).toEqual([
      { code: 'ase', name: 'American Sign Language' },
    ]);
    expect(interpretLanguageRow({ name: 'other languages available upon request' })).toMatchObject({
      rows: [],
      note: 'other languages available upon request',
    });
    expect(interpretLanguageRow({ name: 'Elvish' }).rows).toEqual([{ name: 'Elvish' }]);
  });
});
