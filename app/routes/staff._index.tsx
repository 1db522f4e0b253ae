/** /staff — the staff home: what this person can do, by role, and nothing of anyone else's. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { countPendingOrganizations } from '~/accounts/organizations.server';
import { requireUser } from '~/accounts/permissions.server';
import { ErrorPage } from '~/components/error-page';
import { titleMeta } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import { STATUS_KEY, staffMessages } from '~/i18n/messages/staff';
import { translator } from '~/i18n/i18n';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return {
    email: user.email,
    isAdmin: user.isAdmin,
    memberships: user.memberships,
    pendingOrganizations: user.isAdmin ? await countPendingOrganizations(context.db) : null,
  };
}

const ROLE_KEY = { owner: 'roleOwner', editor: 'roleEditor', caseworker: 'roleCaseworker' } as const;

export default function StaffHome() {
  const { email, isAdmin, memberships, pendingOrganizations } = useLoaderData<typeof loader>();
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(staffMessages, locale);
  return (
    <div>
      <h1>{t('staffHomeTitle')}</h1>
      <StaffNav email={email} isAdmin={isAdmin} />
      {isAdmin ? (
        <section aria-labelledby="staff-admin">
          <h2 id="staff-admin">{t('adminTools')}</h2>
          <ul className="link-list">
            <li>
              <Link to={localize('/staff/admin/organizations?status=pending')}>
                {t('pendingOrganizations', { count: pendingOrganizations ?? 0 })}
              </Link>
            </li>
            <li>
              <Link to={localize('/staff/admin/accounts')}>{t('manageAccounts')}</Link>
            </li>
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="staff-orgs">
        <h2 id="staff-orgs">{t('yourOrganizations')}</h2>
        {memberships.length === 0 ? (
          <p>{t('noOrganizations')}</p>
        ) : (
          <ul className="results-list">
            {memberships.map((membership) => (
              <li key={membership.organizationId}>
                <h3>{membership.organizationName}</h3>
                <p className="muted">
                  {t(ROLE_KEY[membership.role])} ·{' '}
                  {t(STATUS_KEY[membership.verificationStatus as keyof typeof STATUS_KEY] ?? 'statusPending')}
                </p>
                <p>{t('whatYouCanDo')}:</p>
                <ul>
                  {membership.role !== 'caseworker' ? (
                    <li>
                      <Link to={localize(`/staff/organizations/${membership.organizationId}`)}>
                        {t('canEdit', { organization: membership.organizationName })}
                      </Link>
                    </li>
                  ) : null}
                  {membership.role === 'owner' ? (
                    <li>{t('canInvite', { organization: membership.organizationName })}</li>
                  ) : null}
                  <li>{t('canRefer', { organization: membership.organizationName })}</li>
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const meta = titleMeta(staffMessages, 'staffHomeTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
