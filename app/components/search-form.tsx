/**
 * The search page's one GET form: place, then filters in a <details> (open when any is on, or
 * when one is invalid). The filter controls come from the registry (app/search/filters.ts). Every control has a label; an invalid one gets aria-invalid and points
 * at its message. Works without JavaScript.
 */
import { Form, Link } from '@remix-run/react';
import { searchMessages } from '~/i18n/messages/search';
import { taxonomyMessages } from '~/i18n/messages/taxonomy';
import { type Locale, translator } from '~/i18n/i18n';
import {
  DEFAULT_RADIUS_MILES,
  fieldLabelKey,
  FILTERS,
  type FilterForm,
  RADIUS_OPTIONS,
  type SearchField,
} from '~/search/filters';
import { activeFilterCount, type SearchQuery, searchHref, withoutFilters } from '~/search/search-url';

/** The filters by form state, to read `query` with the right type. */
type FilterOf<V> = { [K in keyof FilterForm]: FilterForm[K] extends V ? K : never }[keyof FilterForm];
type TextFilter = FilterOf<string>;
type FlagFilter = FilterOf<boolean>;
type ListFilter = FilterOf<string[]>;

interface Props {
  query: SearchQuery;
  locale: Locale;
  hl?: string;
  invalid?: ReadonlySet<SearchField>;
  /** Where the form goes: the public /search, or the caseworkers' /staff/search. */
  action?: string;
}

export function SearchForm({ query, locale, hl, invalid = new Set(), action = '/search' }: Props) {
  const t = translator(searchMessages, locale);
  const tx = translator(taxonomyMessages, locale);
  const active = activeFilterCount(query);
  const bad = (field: SearchField) =>
    invalid.has(field) ? { 'aria-invalid': true as const, 'aria-describedby': `error-${field}` } : {};
  const errorFor = (field: SearchField) =>
    invalid.has(field) ? (
      <p id={`error-${field}`} className="field-error">
        {t('invalidField', { field: fieldLabel(field, locale) })}
      </p>
    ) : null;
  const radius = query.radius || String(DEFAULT_RADIUS_MILES);
  const usesPoint = !query.near && query.lat && query.lng;
  return (
    <Form method="get" action={action} role="search" aria-label={t('title')} className="search-form">
      {hl ? <input type="hidden" name="hl" value={hl} /> : null}
      {usesPoint ? (
        <>
          <input type="hidden" name="lat" value={query.lat} />
          <input type="hidden" name="lng" value={query.lng} />
        </>
      ) : null}
      <label htmlFor="search-near">{t('placeLabel')}</label>
      <div className="search-box">
        <input
          id="search-near"
          name="near"
          type="text"
          autoComplete="off"
          defaultValue={query.near}
          placeholder={usesPoint ? t('yourLocation') : undefined}
          {...(invalid.has('near')
            ? { 'aria-invalid': true, 'aria-describedby': 'error-near search-near-hint' }
            : { 'aria-describedby': 'search-near-hint' })}
        />
        <button type="submit" className="button-primary">
          {t('searchButton')}
        </button>
      </div>
      <p id="search-near-hint" className="muted">
        {t('placeHint')}
      </p>
      {errorFor('near')}
      {errorFor('lat')}
      {errorFor('lng')}

      <details className="filters" open={active > 0 || invalid.size > 0}>
        <summary>{active > 0 ? t('filtersActive', { count: active }) : t('filtersTitle')}</summary>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="search-radius">{t('radiusLabel')}</label>
            <select id="search-radius" name="radius" defaultValue={radius} {...bad('radius')}>
              {RADIUS_OPTIONS.map((miles) => (
                <option key={miles} value={String(miles)}>
                  {t('radiusOption', { miles })}
                </option>
              ))}
              {RADIUS_OPTIONS.some((miles) => String(miles) === radius) ? null : (
                <option value={radius}>{t('radiusOption', { miles: radius })}</option>
              )}
            </select>
            {errorFor('radius')}
          </div>
          {FILTERS.map((filter) => {
            const { control, name } = filter;
            if (control.kind !== 'search' && control.kind !== 'select') return null;
            const hintId = `search-${name}-hint`;
            const describedBy = [
              invalid.has(name) ? `error-${name}` : null,
              control.kind === 'search' ? hintId : null,
            ]
              .filter(Boolean)
              .join(' ');
            const common = {
              id: `search-${name}`,
              name,
              defaultValue: query[name as TextFilter],
              ...(invalid.has(name) ? { 'aria-invalid': true as const } : {}),
              ...(describedBy ? { 'aria-describedby': describedBy } : {}),
            };
            return (
              <div className="field" key={name}>
                <label htmlFor={`search-${name}`}>{t(filter.label)}</label>
                {control.kind === 'search' ? (
                  <>
                    <input type="search" autoComplete="off" {...common} />
                    <p id={hintId} className="muted">
                      {t(control.hint)}
                    </p>
                  </>
                ) : (
                  <select {...common}>
                    <option value="">{t('any')}</option>
                    {control.options.map((value) => (
                      <option key={value} value={value}>
                        {tx(control.optionLabel(value))}
                      </option>
                    ))}
                  </select>
                )}
                {errorFor(name)}
              </div>
            );
          })}
          <fieldset className="field">
            <legend className="visually-hidden">{t('filtersTitle')}</legend>
            {FILTERS.map((filter) =>
              filter.control.kind === 'checkbox' ? (
                <label className="check" key={filter.name}>
                  <input
                    type="checkbox"
                    name={filter.name}
                    value="1"
                    defaultChecked={query[filter.name as FlagFilter]}
                  />
                  {t(filter.label)}
                </label>
              ) : null,
            )}
          </fieldset>
        </div>
        {FILTERS.map((filter) => {
          const { control, name } = filter;
          if (control.kind !== 'checkboxes') return null;
          const ticked = query[name as ListFilter];
          return (
            <fieldset key={name} {...(invalid.has(name) ? { 'aria-describedby': `error-${name}` } : {})}>
              <legend>{t(filter.label)}</legend>
              <div className="filter-grid">
                {control.options.map((value) => (
                  <label key={value} className="check">
                    <input
                      type="checkbox"
                      name={name}
                      value={value}
                      defaultChecked={ticked.includes(value)}
                    />
                    {tx(control.optionLabel(value))}
                  </label>
                ))}
              </div>
              {errorFor(name)}
            </fieldset>
          );
        })}
        <div className="actions">
          {/* Lands on the results: on a phone the open filters fill the first screens. */}
          <button type="submit" className="button-primary" formAction={`${action}#result-count`}>
            {t('applyFilters')}
          </button>
          {active > 0 ? (
            <Link className="button" to={searchHref(withoutFilters(query), hl, action)}>
              {t('clearFilters')}
            </Link>
          ) : null}
        </div>
      </details>
    </Form>
  );
}

export function fieldLabel(field: SearchField, locale: Locale): string {
  return translator(searchMessages, locale)(fieldLabelKey(field));
}
