/** /organizations/:id — a verified organization, its public services and locations. */
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/error-page';
import { telHref } from '~/components/format';
import { LocationsSection } from '~/components/location-block';
import { pageMeta, rootDataFromMatches } from '~/components/meta';
import { CategoryChips } from '~/components/result-card';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { listingMessages } from '~/i18n/messages/listing';
import { translator } from '~/i18n/i18n';
import { getPublicOrganization } from '~/listings/public-listing.server';
import type { OrganizationDetail } from '~/listings/types';
import { SampleBadge } from '~/components/sample-badge';
import { PhoneFacts } from '~/components/phone-facts';

export async function loader({ params, context }: LoaderFunctionArgs) {
  const organization = await getPublicOrganization(context.db, params.id ?? '');
  if (!organization) throw data('Not found', { status: 404 });
  return { organization };
}

export default function OrganizationPage() {
  const { organization } = useLoaderData<typeof loader>();
  const { locale, config } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(listingMessages, locale);
  return (
    <article className="listing">
      <h1>{organization.name}</h1>
      <p>
        <span className="muted">{t('orgVerified')}</span>
        {organization.isSample ? <SampleBadge label={t('sample')} hint={t('sampleHint')} /> : null}
      </p>
      {organization.phones[0] ? (
        <div className="actions">
          <a
            className="button button-primary"
            href={telHref(organization.phones[0].number, organization.phones[0].extension)}
          >
            {t('call', { number: organization.phones[0].number })}
          </a>
        </div>
      ) : null}
      <div className="detail-grid">
        <div>
          {organization.description ? (
            <section aria-labelledby="org-about">
              <h2 id="org-about">{t('orgAbout')}</h2>
              <p className="prose pre-line">{organization.description}</p>
            </section>
          ) : null}
          <section aria-labelledby="org-services">
            <h2 id="org-services">{t('orgServices')}</h2>
            {organization.services.length === 0 ? (
              <p>{t('orgNoServices')}</p>
            ) : (
              <ul className="results-list">
                {organization.services.map((service) => (
                  <li key={service.id}>
                    <article
                      className="card"
                      id={`result-${service.id}`}
                      aria-labelledby={`service-${service.id}`}
                    >
                      <h3 id={`service-${service.id}`}>
                        <Link to={localize(`/services/${service.id}`)}>{service.name}</Link>
                      </h3>
                      <CategoryChips categories={service.categories} locale={locale} />
                      {service.summary ? <p>{service.summary}</p> : null}
                    </article>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <aside aria-labelledby="org-contact">
          <h2 id="org-contact">{t('contact')}</h2>
          <dl className="facts">
            <PhoneFacts
              phones={organization.phones}
              heading={t('phones')}
              callLabel={(number) => t('call', { number })}
            />
            {organization.website ? (
              <>
                <dt>{t('website')}</dt>
                <dd>
                  <a href={organization.website} rel="noreferrer">
                    {organization.website.replace(/^https?:\/\//, '').replace(/\/$/, '')}
                  </a>
                </dd>
              </>
            ) : null}
            {organization.email ? (
              <>
                <dt>{t('email')}</dt>
                <dd>
                  <a href={`mailto:${organization.email}`}>{organization.email}</a>
                </dd>
              </>
            ) : null}
          </dl>
          {organization.locations.length > 0 ? (
            <LocationsSection
              headingId="org-locations"
              locations={organization.locations}
              label={organization.name}
              tileUrl={config.tileUrl}
              tileAttribution={config.tileAttribution}
              locale={locale}
            />
          ) : null}
        </aside>
      </div>
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ matches, data: loaderData }) => {
  const root = rootDataFromMatches(matches);
  const organization = (loaderData as { organization?: OrganizationDetail } | undefined)?.organization;
  return pageMeta(root, organization?.name ?? translator(listingMessages, root.locale)('orgAbout'));
};

export function ErrorBoundary() {
  return <ErrorPage />;
}
