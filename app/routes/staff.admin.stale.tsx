/**
 * /staff/admin/stale?months=N — services of verified organizations not confirmed in N months
 * (default 6), grouped by organization with counts (admins only). Each listing links to its
 * confirm page; each organization to its suspend/reinstate page.
 */
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requireAdmin } from '~/accounts/permissions.server';
import { ErrorPage } from '~/components/error-page';
import { titleMeta } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import { formatConfirmedDate, STALE_DEFAULT_MONTHS, STALE_MAX_MONTHS } from '~/freshness/freshness';
import { listStaleServices } from '~/freshness/freshness.server';
import { correctionMessages } from '~/i18n/messages/corrections';
import { translator } from '~/i18n/i18n';

const querySchema = z.object({
  months: z.coerce.number().int().min(1).max(STALE_MAX_MONTHS).default(STALE_DEFAULT_MONTHS),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireAdmin(request, context);
  const raw = new URL(request.url).searchParams.get('months');
  const query = querySchema.safeParse({ months: raw === null || raw === '' ? undefined : raw });
  if (!query.success)
    return data(
      { email: user.email, months: raw ?? '', invalid: true, organizations: [] as StaleOrganizations },
      400,
    );
  return {
    email: user.email,
    months: String(query.data.months),
    invalid: false,
    organizations: await listStaleServices(context.db, { months: query.data.months }),
  };
}

type StaleOrganizations = Awaited<ReturnType<typeof listStaleServices>>;

export default function StaleListings() {
  const { email, months, invalid, organizations } = useLoaderData<typeof loader>();
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(correctionMessages, locale);
  const total = organizations.reduce((sum, organization) => sum + organization.count, 0);
  return (
    <div>
      <h1>{t('staleTitle')}</h1>
      <StaffNav email={email} isAdmin />
      {invalid ? null : <p>{t('staleIntro', { months })}</p>}
      <Form method="get" className="search-box" noValidate>
        <label htmlFor="stale-months">{t('monthsLabel')}</label>
        <input
          id="stale-months"
          name="months"
          type="number"
          inputMode="numeric"
          min={1}
          max={STALE_MAX_MONTHS}
          defaultValue={months}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? 'stale-months-error' : undefined}
        />
        <button type="submit" className="button">
          {t('staleShow')}
        </button>
      </Form>
      {invalid ? (
        <p id="stale-months-error" className="field-error" role="alert">
          {t('monthsInvalid')}
        </p>
      ) : organizations.length === 0 ? (
        <p>{t('staleEmpty', { months })}</p>
      ) : (
        <p role="status">{t('staleTotal', { count: total, organizations: organizations.length })}</p>
      )}
      <ul className="results-list">
        {organizations.map((organization) => (
          <li key={organization.id}>
            <section aria-labelledby={`stale-${organization.id}`}>
              <h2 id={`stale-${organization.id}`}>
                {organization.name} — {t('staleCount', { count: organization.count })}
              </h2>
              <ul>
                {organization.services.map((service) => (
                  <li key={service.id}>
                    <Link to={localize(`/staff/services/${service.id}/confirm`)}>{service.name}</Link> —{' '}
                    {service.lastVerifiedAt
                      ? t('lastConfirmed', { date: formatConfirmedDate(service.lastVerifiedAt, locale) })
                      : t('neverConfirmed')}
                  </li>
                ))}
              </ul>
              <p>
                <Link to={localize(`/staff/admin/organizations/${organization.id}/suspend`)}>
                  {t('suspendLink', { organization: organization.name })}
                </Link>
              </p>
            </section>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta = titleMeta(correctionMessages, 'staleTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
