/**
 * Every catalog is complete in both languages: the same keys, the same {placeholders}, and
 * no empty strings. Loads every message module in app/ (app/i18n/messages/*.ts and any
 * feature's messages.ts).
 */
import { describe, expect, it } from 'vitest';
import { CATEGORY_TREE } from '~/search/taxonomy';
import { allMessages } from '../i18n';
import { taxonomyMessages } from './taxonomy';

import.meta.glob(
  ['./*.ts', '../../**/messages.ts', '../../**/messages/*.ts', '!./*.test.ts', '!../../**/*.test.ts'],
  {
    eager: true,
  },
);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('translations', () => {
  it('found the catalogs', () => {
    expect(allMessages.length).toBeGreaterThanOrEqual(7);
  });

  it('has every English key in Spanish and every Spanish key in English', () => {
    const problems: string[] = [];
    for (const messages of allMessages) {
      const en = Object.keys(messages.en);
      const es = Object.keys(messages.es);
      for (const key of en) if (!(key in messages.es)) problems.push(`es lacks "${key}"`);
      for (const key of es) if (!(key in messages.en)) problems.push(`en lacks "${key}"`);
    }
    expect(problems).toEqual([]);
  });

  it('uses the same placeholders in both languages and no empty strings', () => {
    const problems: string[] = [];
    for (const messages of allMessages) {
      for (const [key, english] of Object.entries(messages.en)) {
        const spanish = messages.es[key];
        if (spanish === undefined) continue;
        if (!english.trim() || !spanish.trim()) problems.push(`"${key}" is empty`);
        if (placeholders(english).join() !== placeholders(spanish).join()) {
          problems.push(`"${key}": {${placeholders(english).join()}} vs {${placeholders(spanish).join()}}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('names every category and subcategory in both languages (chips show subcategories too)', () => {
    const slugs = Object.entries(CATEGORY_TREE).flatMap(([top, subs]) => [top, ...subs]);
    for (const locale of ['en', 'es'] as const) {
      const catalog = taxonomyMessages[locale] as Record<string, string>;
      expect(slugs.filter((slug) => !catalog[`category.${slug}`])).toEqual([]);
    }
  });
});
