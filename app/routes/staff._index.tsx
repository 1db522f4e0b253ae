/** /staff — the staff home: what this person can do, by role, and nothing of anyone else's. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { countPendingOrganizations } from '~/accounts/organizations.server';
import { doesCasework, requireUser } from '~/accounts/permissions.server';
import { ErrorPage } from '~/components/error-page';
import { titleMeta } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import { correctionScope, countOpenCorrections } from '~/corrections/corrections.server';
import { formatConfirmedDate, STALE_DEFAULT_MONTHS } from '~/freshness/freshness';
import { listStaleServices } from '~/freshness/freshness.server';
import { correctionMessages } from '~/i18n/messages/corrections';
import { ROLE_KEY, STATUS_KEY, staffMessages } from '~/i18n/messages/staff';
import { translator } from '~/i18n/i18n';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const scope = correctionScope(user);
  const editable = user.memberships
    .filter((membership) => membership.role !== 'caseworker')
    .map((membership) => membership.organizationId);
  return {
    email: user.email,
    isAdmin: user.isAdmin,
    casework: doesCasework(user),
    memberships: user.memberships,
    pendingOrganizations: user.isAdmin ? await countPendingOrganizations(context.db) : null,
    openCorrections: scope ? await countOpenCorrections(context.db, scope) : null,
    staleListings: await listStaleServices(context.db, {
      months: STALE_DEFAULT_MONTHS,
      organizationIds: editable,
    }),
  };
}

export default function StaffHome() {
  const { email, isAdmin, casework, memberships, pendingOrganizations, openCorrections, staleListings } =
    useLoaderData<typeof loader>();
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(staffMessages, locale);
  const tc = translator(correctionMessages, locale);
  return (
    <div>
      <h1>{t('staffHomeTitle')}</h1>
      <StaffNav email={email} isAdmin={isAdmin} casework={casework} />
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
            <li>
              <Link to={localize('/staff/admin/stale')}>{tc('staleLink')}</Link>
            </li>
          </ul>
        </section>
      ) : null}
      {openCorrections !== null ? (
        <p>
          <Link to={localize('/staff/corrections')}>{tc('correctionsLink', { count: openCorrections })}</Link>
        </p>
      ) : null}
      {staleListings.length > 0 ? (
        <section aria-labelledby="staff-stale">
          <h2 id="staff-stale">{tc('homeStaleTitle')}</h2>
          <p>{tc('homeStaleIntro', { months: STALE_DEFAULT_MONTHS })}</p>
          {staleListings.map((organization) => (
            <div key={organization.id}>
              <h3>{organization.name}</h3>
              <ul className="results-list">
                {organization.services.map((service) => (
                  <li key={service.id}>
                    <Link id={`stale-${service.id}`} to={localize(`/staff/services/${service.id}/confirm`)}>
                      {service.name}
                    </Link>{' '}
                    <span className="muted">
                      (
                      {service.lastVerifiedAt
                        ? tc('lastConfirmed', { date: formatConfirmedDate(service.lastVerifiedAt, locale) })
                        : tc('neverConfirmed')}
                      )
                    </span>
                    <Form method="post" action={`/staff/services/${service.id}/confirm`}>
                      <button type="submit" className="button" aria-describedby={`stale-${service.id}`}>
                        {tc('confirmShort')}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </div>
          ))}
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
                    <li>
                      {t('canInvite', { organization: membership.organizationName })}{' '}
                      <Link to={localize(`/staff/organizations/${membership.organizationId}/members`)}>
                        {t('membersLink', { organization: membership.organizationName })}
                      </Link>
                    </li>
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
