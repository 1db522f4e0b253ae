/** /services/:id/report — placeholder until public corrections land (says so, in both languages). */
import type { MetaFunction } from '@remix-run/node';
import { Link, useParams } from '@remix-run/react';
import { ErrorPage } from '~/components/error-page';
import { telHref } from '~/components/format';
import { pageMeta, rootDataFromMatches } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { listingMessages } from '~/i18n/messages/listing';
import { translator } from '~/i18n/i18n';

export default function ReportListing() {
  const { id } = useParams();
  const { locale, config } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(listingMessages, locale);
  const safeId = /^[0-9a-f-]{36}$/i.test(id ?? '') ? id : null;
  return (
    <article className="prose">
      <h1>{t('reportTitle')}</h1>
      <p>{t('reportText')}</p>
      <p>{t('reportMeanwhile')}</p>
      <ul className="link-list">
        {safeId ? (
          <li>
            <Link to={localize(`/services/${safeId}`)}>{t('reportBack')}</Link>
          </li>
        ) : null}
        <li>
          <a href={telHref(config.hotline.phone)}>{t('call', { number: config.hotline.phone })}</a>
        </li>
      </ul>
    </article>
  );
}

export const meta: MetaFunction = ({ matches }) => {
  const root = rootDataFromMatches(matches);
  return pageMeta(root, translator(listingMessages, root.locale)('reportTitle'));
};

export function ErrorBoundary() {
  return <ErrorPage />;
}
