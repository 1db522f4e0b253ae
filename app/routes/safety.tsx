import type { MetaFunction } from '@remix-run/node';
import { ErrorPage } from '~/components/error-page';
import { smsHref, telHref } from '~/components/format';
import { pageMeta, rootDataFromMatches } from '~/components/meta';
import { useRootData } from '~/components/root-data';
import { safetyMessages } from '~/i18n/messages/safety';
import { translator } from '~/i18n/i18n';
import { DiscreetSection } from '~/discreet/discreet-switch';
import { SavedSafetySection } from '~/saved/safety-section';

export default function Safety() {
  const { locale, config } = useRootData();
  const t = translator(safetyMessages, locale);
  const { hotline } = config;
  return (
    <article className="prose">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>

      <h2>{t('exitTitle')}</h2>
      <p>{t('exitText')}</p>
      <p className="notice notice-warn">{t('exitLimit')}</p>

      <h2>{t('privateTitle')}</h2>
      <p>{t('privateText')}</p>
      <ul>
        <li>{t('privateAndroid')}</li>
        <li>{t('privateIphone')}</li>
        <li>{t('privateComputer')}</li>
      </ul>

      <h2>{t('clearTitle')}</h2>
      <p>{t('clearIntro')}</p>
      <ul>
        <li>{t('clearAndroid')}</li>
        <li>{t('clearIphone')}</li>
        <li>{t('clearComputer')}</li>
      </ul>
      <p>{t('clearOther')}</p>

      <h2>{t('deviceTitle')}</h2>
      <p>{t('deviceText')}</p>
      <p>{t('deviceSpyware')}</p>

      <SavedSafetySection locale={locale} />
      <DiscreetSection locale={locale} />

      <h2>{t('hotlineTitle')}</h2>
      <p>{t('hotlineText')}</p>
      <div className="actions">
        <a className="button button-primary" href={telHref(hotline.phone)}>
          {t('hotlineCall', { number: hotline.phone })}
        </a>
        <a className="button" href={smsHref(hotline.text)}>
          {t('hotlineTextUs', { number: hotline.text })}
        </a>
      </div>
      <p>
        <a href={telHref(hotline.emergency)}>{t('emergencyText', { number: hotline.emergency })}</a>
      </p>
      <p className="muted">{t('noTracking')}</p>
    </article>
  );
}

export const meta: MetaFunction = ({ matches }) => {
  const root = rootDataFromMatches(matches);
  const t = translator(safetyMessages, root.locale);
  return pageMeta(root, t('title'), t('intro'));
};

export function ErrorBoundary() {
  return <ErrorPage />;
}
