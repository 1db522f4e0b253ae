import type { MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { ErrorPage } from '~/components/error-page';
import { smsHref, telHref } from '~/components/format';
import { pageMeta, rootDataFromMatches } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { recognizeMessages } from '~/i18n/messages/recognize';
import { translator } from '~/i18n/i18n';

const SIGNS = ['sign1', 'sign2', 'sign3', 'sign4', 'sign5', 'sign6'] as const;
const RIGHTS = ['right1', 'right2', 'right3', 'right4', 'right5'] as const;

// Links the visitor may choose to follow; the page itself requests nothing from them.
const SOURCES = [
  [
    'sourcePalermo',
    'https://www.ohchr.org/en/instruments-mechanisms/instruments/protocol-prevent-suppress-and-punish-trafficking-persons',
  ],
  ['sourceTvpa', 'https://www.congress.gov/bill/106th-congress/house-bill/3244'],
  ['sourceHotline', 'https://humantraffickinghotline.org/'],
] as const;

export default function Recognize() {
  const { locale, config } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(recognizeMessages, locale);
  return (
    <article className="prose">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <h2>{t('signsTitle')}</h2>
      <ul>
        {SIGNS.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
      <h2>{t('rightsTitle')}</h2>
      <ul>
        {RIGHTS.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
      <h2>{t('helpTitle')}</h2>
      <p>{t('helpText')}</p>
      <div className="actions">
        <a className="button button-primary" href={telHref(config.hotline.phone)}>
          {t('helpCall', { number: config.hotline.phone })}
        </a>
        <a className="button" href={smsHref(config.hotline.text)}>
          {t('helpSms', { number: config.hotline.text })}
        </a>
        <Link className="button" to={localize('/search')}>
          {t('helpSearch')}
        </Link>
      </div>
      <h2>{t('sourcesTitle')}</h2>
      <p className="muted">{t('sourcesIntro')}</p>
      <ul className="source-list">
        {SOURCES.map(([key, href]) => (
          <li key={key}>
            <a href={href} rel="noreferrer">
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </article>
  );
}

export const meta: MetaFunction = ({ matches }) => {
  const root = rootDataFromMatches(matches);
  const t = translator(recognizeMessages, root.locale);
  return pageMeta(root, t('title'), t('intro'));
};

export function ErrorBoundary() {
  return <ErrorPage />;
}
