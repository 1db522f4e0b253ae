/**
 * /search — the survivor's main page: place (ZIP, "City, ST" or lat/lng), filters, results by
 * distance, map. A plain GET URL (DESIGN.md §8): bookmarkable, shareable, works without JS.
 */
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useNavigate } from '@remix-run/react';
import { useCallback, useMemo, useState } from 'react';
import { ErrorPage } from '~/components/error-page';
import { telHref } from '~/components/format';
import type { MapMarker, SearchArea } from '~/components/map/lazy-results-map';
import { pageMeta, rootDataFromMatches } from '~/components/meta';
import { Pagination } from '~/components/pagination';
import { ResultCard } from '~/components/result-card';
import { useRootData } from '~/components/root-data';
import { fieldLabel, SearchForm } from '~/components/search-form';
import { SearchMap } from '~/components/search-map';
import {
  activeFilterCount,
  areaQuery,
  type SearchQuery,
  searchHref,
  widerRadius,
  withoutFilters,
} from '~/search/search-url';
import { searchMessages } from '~/i18n/messages/search';
import { type Locale, translator } from '~/i18n/i18n';
import type { SearchField } from '~/search/filters';
import { loadSearchPage, type SearchPageData } from '~/search/search-page.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const page = await loadSearchPage(context.db, new URL(request.url));
  return data(page, { status: page.kind === 'invalid' ? 400 : 200 });
}

export default function SearchPage() {
  const page = useLoaderData<typeof loader>() as SearchPageData;
  const { locale, hlParam } = useRootData();
  const t = translator(searchMessages, locale);
  const hl = hlParam ? locale : undefined;
  const invalid = new Set(page.kind === 'invalid' ? page.fields : []);
  return (
    <>
      <h1>
        {page.kind !== 'results'
          ? t('title')
          : page.point
            ? t('titleNear', { place: page.placeLabel ?? t('yourLocation') })
            : t('resultsTitle')}
      </h1>
      <SearchForm query={page.query} locale={locale} hl={hl} invalid={invalid} />
      {page.kind === 'prompt' ? <p className="notice">{t('promptText')}</p> : null}
      {page.kind === 'invalid' ? <InvalidNotice fields={page.fields} locale={locale} /> : null}
      {page.kind === 'unknown-place' ? (
        <UnknownPlace query={page.query} suggestions={page.suggestions} locale={locale} hl={hl} />
      ) : null}
      {page.kind === 'results' ? <Results page={page} locale={locale} hl={hl} /> : null}
    </>
  );
}

function InvalidNotice({ fields, locale }: { fields: SearchField[]; locale: Locale }) {
  const t = translator(searchMessages, locale);
  return (
    <div className="form-error" role="alert">
      <h2>{t('invalidTitle')}</h2>
      <p>{t('invalidText')}</p>
      <ul>
        {fields.map((field) => (
          <li key={field}>
            <a href={`#error-${field}`}>{t('invalidField', { field: fieldLabel(field, locale) })}</a>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/search">{t('startOver')}</Link>
      </p>
    </div>
  );
}

function UnknownPlace({
  query,
  suggestions,
  locale,
  hl,
}: {
  query: SearchQuery;
  suggestions: string[];
  locale: Locale;
  hl?: string;
}) {
  const t = translator(searchMessages, locale);
  return (
    <div className="notice notice-warn" role="status">
      <h2>{t('unknownPlaceTitle', { place: query.near })}</h2>
      <p>{t('unknownPlaceText')}</p>
      {suggestions.length > 0 ? (
        <>
          <p>{t('didYouMean')}</p>
          <ul className="link-list">
            {suggestions.map((suggestion) => (
              <li key={suggestion}>
                <Link to={searchHref({ ...query, near: suggestion, page: 1 }, hl)}>{suggestion}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function Results({
  page,
  locale,
  hl,
}: {
  page: Extract<SearchPageData, { kind: 'results' }>;
  locale: Locale;
  hl?: string;
}) {
  const { config } = useRootData();
  const navigate = useNavigate();
  const t = translator(searchMessages, locale);
  const { result, query } = page;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [mapVisible, setMapVisible] = useState(false);
  const now = useMemo(() => new Date(page.now), [page.now]);

  const markers = useMemo<MapMarker[]>(
    () =>
      result.items.flatMap((item) =>
        !item.remote && item.location?.latitude != null && item.location.longitude != null
          ? [
              {
                id: item.serviceId,
                label: item.serviceName,
                latitude: item.location.latitude,
                longitude: item.location.longitude,
                approximate: item.location.isConfidential,
              },
            ]
          : [],
      ),
    [result.items],
  );
  const selectFromMap = useCallback((id: string) => {
    setSelectedId(id);
    document.getElementById(`result-${id}`)?.scrollIntoView({ block: 'nearest' });
  }, []);
  const searchArea = useCallback(
    (area: SearchArea) => navigate(searchHref(areaQuery(query, area), hl), { replace: true }),
    [navigate, query, hl],
  );

  const place = page.placeLabel ?? t('yourLocation');
  const countText = page.point
    ? t(result.totalCapped ? 'countNearAtLeast' : result.total === 1 ? 'countNearOne' : 'countNear', {
        count: result.total,
        miles: page.radiusMiles,
        place,
      })
    : t(result.totalCapped ? 'countAtLeast' : result.total === 1 ? 'countOne' : 'count', {
        count: result.total,
      });

  return (
    <div className={page.point ? 'search-layout has-map-column' : 'search-layout'}>
      <section aria-labelledby="result-count" className="results">
        <h2 id="result-count">{countText}</h2>
        {result.items.length === 0 ? (
          <EmptyState page={page} locale={locale} hl={hl} hotline={config.hotline.phone} />
        ) : (
          <ol className="results-list" aria-label={t('resultsLabel')}>
            {result.items.map((item) => (
              <li key={item.serviceId}>
                <ResultCard
                  item={item}
                  locale={locale}
                  now={now}
                  href={hl ? `/services/${item.serviceId}?hl=${hl}` : `/services/${item.serviceId}`}
                  selected={selectedId === item.serviceId}
                  onSelect={mapVisible ? setSelectedId : undefined}
                />
              </li>
            ))}
          </ol>
        )}
        <Pagination
          page={result.page}
          totalPages={result.totalPages}
          locale={locale}
          hrefFor={(n) => searchHref({ ...query, page: n }, hl)}
        />
      </section>
      {page.point ? (
        <SearchMap
          markers={markers}
          searchPoint={page.point}
          selectedId={selectedId}
          onSelect={selectFromMap}
          onSearchArea={searchArea}
          tileUrl={config.tileUrl}
          tileAttribution={config.tileAttribution}
          locale={locale}
          onVisibleChange={setMapVisible}
        />
      ) : null}
    </div>
  );
}

function EmptyState({
  page,
  locale,
  hl,
  hotline,
}: {
  page: Extract<SearchPageData, { kind: 'results' }>;
  locale: Locale;
  hl?: string;
  hotline: string;
}) {
  const t = translator(searchMessages, locale);
  const { query } = page;
  const wider = page.point ? widerRadius(page.radiusMiles) : null;
  const filtered = activeFilterCount(query) > 0;
  return (
    <div className="notice">
      <h3>{t('emptyTitle')}</h3>
      <p>{t('emptyText')}</p>
      <ul className="link-list">
        {wider ? (
          <li>
            <Link to={searchHref({ ...query, radius: String(wider), page: 1 }, hl)}>
              {t('widenRadius', { miles: wider })}
            </Link>
          </li>
        ) : null}
        {filtered ? (
          <li>
            <Link to={searchHref(withoutFilters(query), hl)}>{t('removeFilters')}</Link>
          </li>
        ) : null}
        {query.delivery !== 'phone' ? (
          <li>
            <Link to={searchHref({ ...withoutFilters(query), delivery: 'phone' }, hl)}>
              {t('remoteServices')}
            </Link>
          </li>
        ) : null}
      </ul>
      <p>
        <a href={telHref(hotline)}>{t('emptyHotline', { number: hotline })}</a>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ matches, data: loaderData }) => {
  const root = rootDataFromMatches(matches);
  const t = translator(searchMessages, root.locale);
  const page = loaderData as SearchPageData | undefined;
  // The title goes into the browser's history list: it never names the place searched.
  return pageMeta(root, page?.kind === 'results' ? t('resultsTitle') : t('title'));
};

export function ErrorBoundary() {
  return <ErrorPage />;
}
