/** The staff pages' own navigation: who is signed in, the staff home, and the sign-out button. */
import { Form, Link } from '@remix-run/react';
import { caseworkMessages } from '~/i18n/messages/casework';
import { referralMessages } from '~/i18n/messages/referrals';
import { staffMessages } from '~/i18n/messages/staff';
import { translator } from '~/i18n/i18n';
import { useLocalizeHref, useRootData } from './root-data';

export function StaffNav({
  email,
  isAdmin,
  casework = false,
}: {
  email: string;
  isAdmin: boolean;
  /** The person does casework (app/accounts/permissions.server.ts requireCasework). */
  casework?: boolean;
}) {
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(staffMessages, locale);
  const tc = translator(caseworkMessages, locale);
  const tr = translator(referralMessages, locale);
  return (
    <nav aria-label={t('staffNav')} className="staff-nav">
      <ul className="link-list">
        <li>
          <Link to={localize('/staff')}>{t('staffHomeTitle')}</Link>
        </li>
        {casework ? (
          <>
            <li>
              <Link to={localize('/staff/search')}>{tc('navSearch')}</Link>
            </li>
            <li>
              <Link to={localize('/staff/shortlists')}>{tc('navShortlists')}</Link>
            </li>
          </>
        ) : null}
        <li>
          <Link to={localize('/staff/referrals')}>{tr('referralsTitle')}</Link>
        </li>
        <li>
          <Link to={localize('/staff/reports')}>{tr('reportsTitle')}</Link>
        </li>
        {isAdmin ? (
          <>
            <li>
              <Link to={localize('/staff/admin/organizations?status=pending')}>{t('verificationQueue')}</Link>
            </li>
            <li>
              <Link to={localize('/staff/admin/accounts')}>{t('manageAccounts')}</Link>
            </li>
          </>
        ) : null}
        <li>
          <Link to={localize('/staff/security')}>{t('securityLink')}</Link>
        </li>
      </ul>
      <p className="muted">{t('signedInAs', { email })}</p>
      <Form method="post" action="/staff/sign-out">
        <button type="submit" className="button">
          {t('signOut')}
        </button>
      </Form>
    </nav>
  );
}
