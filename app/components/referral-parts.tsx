/** Pieces shared by the referral pages: their navigation, status names, times, and the 503 page. */
import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import { referralMessages } from '~/i18n/messages/referrals';
import { translator } from '~/i18n/i18n';
import { ErrorPage } from './error-page';
import { useLocalizeHref, useRootData } from './root-data';

export function useReferralText() {
  const { locale } = useRootData();
  return translator(referralMessages, locale);
}

/** A UTC time written the same on the server and in the browser (no ICU text: no hydration drift). */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function ReferralNav() {
  const t = useReferralText();
  const localize = useLocalizeHref();
  return (
    <nav aria-label={t('boxNav')}>
      <ul className="link-list referral-nav">
        <li>
          <Link to={localize('/staff/referrals?box=sent')}>{t('boxSent')}</Link>
        </li>
        <li>
          <Link to={localize('/staff/referrals?box=received')}>{t('boxReceived')}</Link>
        </li>
        <li>
          <Link to={localize('/staff/reports')}>{t('reportsLink')}</Link>
        </li>
      </ul>
    </nav>
  );
}

/** The error page, saying plainly why when referrals are switched off (503: no key). */
export function ReferralErrorBoundary() {
  const error = useRouteError();
  const t = useReferralText();
  const unavailable = isRouteErrorResponse(error) && error.status === 503;
  return <ErrorPage>{unavailable ? <p role="alert">{t('unavailable')}</p> : null}</ErrorPage>;
}
