import { Link } from '@remix-run/react';
import { layoutMessages } from '~/i18n/messages/layout';
import { translator } from '~/i18n/i18n';
import { useLocalizeHref, useRootData } from './root-data';

export function SiteFooter() {
  const { config, locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(layoutMessages, locale);
  return (
    <footer className="site-footer">
      <p>{t('footerNote')}</p>
      <ul>
        <li>
          <Link to={localize('/safety')}>{t('footerSafety')}</Link>
        </li>
        <li>
          <Link to={localize('/recognize')}>{t('footerRecognize')}</Link>
        </li>
        <li>
          <Link to={localize('/join')}>{t('footerJoin')}</Link>
        </li>
        <li>
          <Link to={localize('/staff/sign-in')}>{t('footerStaff')}</Link>
        </li>
      </ul>
      <p className="muted">© {config.siteName}</p>
    </footer>
  );
}
