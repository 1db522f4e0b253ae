/**
 * The helpful page every route's ErrorBoundary shows: a message per status, ways forward and
 * the hotline. Never a stack trace or the error's own message (it may hold private data).
 */
import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import { layoutMessages } from '~/i18n/messages/layout';
import { translator } from '~/i18n/i18n';
import { telHref } from './format';
import { useLocalizeHref, useRootData } from './root-data';

type Known = 400 | 403 | 404 | 405 | 500;

function messageKey(status: number) {
  const known: Known = status === 400 || status === 403 || status === 404 || status === 405 ? status : 500;
  return `error${known}` as const;
}

export function ErrorPage({ children }: { children?: React.ReactNode }) {
  const error = useRouteError();
  const { config, locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(layoutMessages, locale);
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <div className="error-page">
      <h1>{t('errorTitle')}</h1>
      <p className="muted">{t('errorStatus', { status })}</p>
      <p>{t(messageKey(status))}</p>
      {children}
      <ul className="link-list">
        <li>
          <Link to={localize('/')}>{t('errorHome')}</Link>
        </li>
        <li>
          <Link to={localize('/search')}>{t('errorSearch')}</Link>
        </li>
      </ul>
      <p>
        <a href={telHref(config.hotline.phone)}>{t('errorHotline', { number: config.hotline.phone })}</a>
      </p>
    </div>
  );
}
