import type { MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { CategoryTiles } from '~/components/category-tiles';
import { ErrorPage } from '~/components/error-page';
import { pageMeta, rootDataFromMatches } from '~/components/meta';
import { PlaceSearchForm } from '~/components/place-search-form';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { UseMyLocation } from '~/components/use-my-location';
import { homeMessages } from '~/i18n/messages/home';
import { translator } from '~/i18n/i18n';

export default function Home() {
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(homeMessages, locale);
  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('title')}</h1>
        <p className="prose">{t('intro')}</p>
        <PlaceSearchForm />
        <UseMyLocation />
      </section>
      <section aria-labelledby="browse-title">
        <h2 id="browse-title">{t('browseTitle')}</h2>
        <CategoryTiles labelledBy="browse-title" />
      </section>
      <section aria-labelledby="safety-title" className="prose">
        <h2 id="safety-title">{t('safetyTitle')}</h2>
        <p>{t('safetyText')}</p>
        <p>
          <Link to={localize('/safety')}>{t('safetyLink')}</Link>
        </p>
      </section>
      <section aria-labelledby="rights-title" className="prose">
        <h2 id="rights-title">{t('rightsTitle')}</h2>
        <p>{t('rightsText')}</p>
        <p>
          <Link to={localize('/recognize')}>{t('rightsLink')}</Link>
        </p>
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => {
  const root = rootDataFromMatches(matches);
  const t = translator(homeMessages, root.locale);
  return pageMeta(root, t('title'), t('intro'));
};

export function ErrorBoundary() {
  return <ErrorPage />;
}
