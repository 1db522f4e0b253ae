import { describe, expect, it } from 'vitest';
import { searchMessages } from '~/i18n/messages/search';
import { taxonomyMessages } from '~/i18n/messages/taxonomy';
import { FILTERS, isOn, PARAMETERS } from './filters';
import { parseApiQuery, parsePageQuery } from './schema';
import { activeFilterCount, readSearchQuery, searchHref } from './search-url';

/** Each value a filter's form control can submit. */
function formValues(filter: (typeof FILTERS)[number]): Array<boolean | string | string[]> {
  switch (filter.control.kind) {
    case 'checkbox':
      return [true];
    case 'search':
      return ['visa'];
    case 'checkboxes':
      return filter.control.options.map((option) => [option]);
    default:
      return [...filter.control.options];
  }
}

describe('the search registry', () => {
  it('names each parameter and each SearchParams key once', () => {
    const names = [...PARAMETERS, ...FILTERS].map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(FILTERS.map((f) => f.key)).size).toBe(FILTERS.length);
  });

  it('labels every filter and every option in English and Spanish', () => {
    for (const filter of FILTERS) {
      for (const locale of ['en', 'es'] as const) {
        expect(searchMessages[locale][filter.label], `${filter.name} label`).toBeTruthy();
        expect(searchMessages[locale][filter.field], `${filter.name} field`).toBeTruthy();
        const { control } = filter;
        if (control.kind === 'select' || control.kind === 'checkboxes')
          for (const option of control.options)
            expect(
              taxonomyMessages[locale][control.optionLabel(option)],
              `${filter.name}=${option}`,
            ).toBeTruthy();
      }
    }
  });

  it('writes every form value as a URL the page and the API accept, and reads it back as on', () => {
    for (const filter of FILTERS) {
      for (const value of formValues(filter)) {
        const href = searchHref({ [filter.name]: value });
        const search = new URLSearchParams(href.split('?')[1]);
        const page = parsePageQuery(search);
        const api = parseApiQuery(search);
        if (!page.ok || !api.ok) throw new Error(`${href}: ${JSON.stringify([page, api])}`);
        expect(isOn(page.value.params[filter.key]), href).toBe(true);
        expect(api.value.params[filter.key], href).toEqual(page.value.params[filter.key]);
        expect(readSearchQuery(search)[filter.name], href).toEqual(value);
        expect(activeFilterCount(readSearchQuery(search)), href).toBe(1);
      }
    }
  });
});
