/** The staff pages' own navigation: who is signed in, the staff home, and the sign-out button. */
import { Form, Link } from '@remix-run/react';
import { staffMessages } from '~/i18n/messages/staff';
import { translator } from '~/i18n/i18n';
import { useLocalizeHref, useRootData } from './root-data';

export function StaffNav({ email, isAdmin }: { email: string; isAdmin: boolean }) {
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(staffMessages, locale);
  return (
    <nav aria-label={t('staffNav')} className="staff-nav">
      <ul className="link-list">
        <li>
          <Link to={localize('/staff')}>{t('staffHomeTitle')}</Link>
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
