/**
 * The search page's one GET form: place, then filters in a <details> (open when any is on, or
 * when one is invalid). Every control has a label; an invalid one gets aria-invalid and points
 * at its message. Works without JavaScript.
 */
import { Form, Link } from '@remix-run/react';
import { searchMessages } from '~/i18n/messages/search';
import {
  CATEGORY_SLUGS,
  FILTER_LANGUAGES,
  POPULATION_SLUGS,
  taxonomyMessages,
} from '~/i18n/messages/taxonomy';
import { type Locale, translator } from '~/i18n/i18n';
import {
  activeFilterCount,
  DEFAULT_RADIUS_MILES,
  RADIUS_OPTIONS,
  type SearchQuery,
  searchHref,
  withoutFilters,
} from './search-url';

export type SearchField =
  | 'near'
  | 'lat'
  | 'lng'
  | 'radius'
  | 'category'
  | 'q'
  | 'language'
  | 'population'
  | 'free'
  | 'open_now'
  | 'delivery'
  | 'page';

interface Props {
  query: SearchQuery;
  locale: Locale;
  hl?: string;
  invalid?: ReadonlySet<SearchField>;
}

const DELIVERY = ['in_person', 'phone', 'virtual'] as const;

export function SearchForm({ query, locale, hl, invalid = new Set() }: Props) {
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
    <Form method="get" action="/search" role="search" aria-label={t('title')} className="search-form">
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
          <div className="field">
            <label htmlFor="search-q">{t('keywordLabel')}</label>
            <input
              id="search-q"
              name="q"
              type="search"
              autoComplete="off"
              defaultValue={query.q}
              {...(invalid.has('q')
                ? { 'aria-invalid': true, 'aria-describedby': 'error-q search-q-hint' }
                : { 'aria-describedby': 'search-q-hint' })}
            />
            <p id="search-q-hint" className="muted">
              {t('keywordHint')}
            </p>
            {errorFor('q')}
          </div>
          <div className="field">
            <label htmlFor="search-language">{t('languageLabel')}</label>
            <select id="search-language" name="language" defaultValue={query.language} {...bad('language')}>
              <option value="">{t('any')}</option>
              {FILTER_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {tx(`language.${code}`)}
                </option>
              ))}
            </select>
            {errorFor('language')}
          </div>
          <div className="field">
            <label htmlFor="search-population">{t('populationLabel')}</label>
            <select
              id="search-population"
              name="population"
              defaultValue={query.population}
              {...bad('population')}
            >
              <option value="">{t('any')}</option>
              {POPULATION_SLUGS.map((slug) => (
                <option key={slug} value={slug}>
                  {tx(`population.${slug}`)}
                </option>
              ))}
            </select>
            {errorFor('population')}
          </div>
          <div className="field">
            <label htmlFor="search-delivery">{t('deliveryLabel')}</label>
            <select id="search-delivery" name="delivery" defaultValue={query.delivery} {...bad('delivery')}>
              <option value="">{t('any')}</option>
              {DELIVERY.map((mode) => (
                <option key={mode} value={mode}>
                  {tx(`delivery.${mode}`)}
                </option>
              ))}
            </select>
            {errorFor('delivery')}
          </div>
          <fieldset className="field">
            <legend className="visually-hidden">{t('filtersTitle')}</legend>
            <label className="check">
              <input type="checkbox" name="free" value="1" defaultChecked={query.free} />
              {t('freeLabel')}
            </label>
            <label className="check">
              <input type="checkbox" name="open_now" value="1" defaultChecked={query.openNow} />
              {t('openNowLabel')}
            </label>
          </fieldset>
        </div>
        <fieldset {...(invalid.has('category') ? { 'aria-describedby': 'error-category' } : {})}>
          <legend>{t('categoriesLegend')}</legend>
          <div className="filter-grid">
            {CATEGORY_SLUGS.map((slug) => (
              <label key={slug} className="check">
                <input
                  type="checkbox"
                  name="category"
                  value={slug}
                  defaultChecked={query.categories.includes(slug)}
                />
                {tx(`category.${slug}`)}
              </label>
            ))}
          </div>
          {errorFor('category')}
        </fieldset>
        <div className="actions">
          {/* Lands on the results: on a phone the open filters fill the first screens. */}
          <button type="submit" className="button-primary" formAction="/search#result-count">
            {t('applyFilters')}
          </button>
          {active > 0 ? (
            <Link className="button" to={searchHref(withoutFilters(query), hl)}>
              {t('clearFilters')}
            </Link>
          ) : null}
        </div>
      </details>
    </Form>
  );
}

export function fieldLabel(field: SearchField, locale: Locale): string {
  const t = translator(searchMessages, locale);
  const keys = {
    near: 'fieldNear',
    lat: 'fieldLat',
    lng: 'fieldLng',
    radius: 'fieldRadius',
    category: 'fieldCategory',
    q: 'fieldQ',
    language: 'fieldLanguage',
    population: 'fieldPopulation',
    free: 'fieldFree',
    open_now: 'fieldOpenNow',
    delivery: 'fieldDelivery',
    page: 'fieldPage',
  } as const;
  return t(keys[field]);
}
