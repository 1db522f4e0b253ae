/** Skip link, site name, main navigation, language switch, Quick exit and the hotline banner. */
import { Link } from '@remix-run/react';
import { layoutMessages } from '~/i18n/messages/layout';
import { translator } from '~/i18n/i18n';
import { useDiscreet } from '~/discreet/discreet-store';
import { discreetMessages } from '~/discreet/messages';
import { saveButtonMessages } from '~/saved/button-messages';
import { HotlineBanner } from './hotline-banner';
import { LanguageSwitch } from './language-switch';
import { QuickExit } from './quick-exit';
import { useLocalizeHref, useRootData } from './root-data';

export function SiteHeader() {
  const { config, locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(layoutMessages, locale);
  const saved = translator(saveButtonMessages, locale);
  // Discreet mode (app/discreet): no logo, no site name, the hotline behind a "Help" link.
  const discreet = useDiscreet();
  const neutral = translator(discreetMessages, locale);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          {discreet ? (
            <Link
              to={localize('/')}
              className="site-name site-name--neutral"
              aria-label={neutral('homeLink')}
            >
              <span>{neutral('neutralName')}</span>
            </Link>
          ) : (
            <Link
              to={localize('/')}
              className="site-name"
              aria-label={t('homeLink', { siteName: config.siteName })}
            >
              <svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24" focusable="false">
                <path d="M12 3 2 11h3v9h5v-6h4v6h5v-9h3z" fill="currentColor" />
              </svg>
              <span>{config.siteName}</span>
            </Link>
          )}
          <nav aria-label={t('mainNav')} className="site-nav">
            <ul>
              <li>
                <Link to={localize('/search')}>{t('navSearch')}</Link>
              </li>
              <li>
                <Link to={localize('/safety')}>{t('navSafety')}</Link>
              </li>
              <li>
                <Link to={localize('/recognize')}>{t('navRecognize')}</Link>
              </li>
              <li>
                <Link to={localize('/saved')}>{saved('navSaved')}</Link>
              </li>
            </ul>
          </nav>
          <div className="site-tools">
            <LanguageSwitch />
            <QuickExit />
          </div>
        </div>
        {discreet ? (
          <p className="hotline-help">
            <Link to={localize('/safety')}>{neutral('help')}</Link>
          </p>
        ) : (
          <HotlineBanner />
        )}
      </header>
    </>
  );
}
