/**
 * /services/:id — everything a survivor needs to decide and act: what it is, who it is for,
 * what to bring, cost, languages, hours (today highlighted), where (or "confidential"), and
 * Call / Directions / Share. Only verified organizations' active services exist here.
 */
import { type AppLoadContext, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { BackToResults } from '~/components/back-to-results';
import { ErrorPage } from '~/components/error-page';
import { formatAges } from '~/components/format';
import { ListingActions } from '~/components/listing-actions';
import { SaveButton } from '~/saved/save-button';
import { doesCasework, getStaffUser } from '~/accounts/permissions.server';
import { AddToShortlist } from '~/components/add-to-shortlist';
import { ownShortlists } from '~/shortlists/shortlists.server';
import { LocationsSection } from '~/components/location-block';
import { pageMeta, rootDataFromMatches } from '~/components/meta';
import { CategoryChips, languageName } from '~/components/result-card';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { WeeklyHoursTable } from '~/components/weekly-hours';
import { listingMessages } from '~/i18n/messages/listing';
import { taxonomyMessages } from '~/i18n/messages/taxonomy';
import { type Locale, translator } from '~/i18n/i18n';
import { getPublicService } from '~/listings/public-listing.server';
import type { ServiceDetail } from '~/listings/types';
import { SampleBadge } from '~/components/sample-badge';
import { PhoneFacts } from '~/components/phone-facts';
import { StaleNotice, verifiedText } from '~/freshness/verification-note';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const now = new Date();
  const service = await getPublicService(context.db, params.id ?? '', now);
  if (!service) throw data('Not found', { status: 404 });
  return { service, now: now.toISOString(), shortlists: await caseworkerShortlists(request, context) };
}

/**
 * A signed-in caseworker's own shortlists, for the staff-only "add to shortlist" control; null
 * for everyone else (and when staff sign-in is not configured: the public page never fails).
 */
async function caseworkerShortlists(request: Request, context: AppLoadContext) {
  const user = await getStaffUser(request, context).catch(() => null);
  if (!user || !doesCasework(user)) return null;
  return ownShortlists(context.db, user.id);
}

function shareText(service: ServiceDetail, locale: Locale): string {
  const t = translator(listingMessages, locale);
  const lines = [t('shareBody', { name: service.name, organization: service.organization.name })];
  const phone = service.phones[0];
  if (phone) lines.push(t('shareCall', { number: phone.number }));
  const location = service.locations[0];
  if (location?.address) {
    const a = location.address;
    lines.push(
      t('shareAddress', { address: `${a.address1}, ${a.city}, ${a.stateProvince} ${a.postalCode}` }),
    );
  } else if (location?.areaLabel) lines.push(t('shareArea', { area: location.areaLabel }));
  return lines.join('\n');
}

export default function ServicePage() {
  const { service, now, shortlists } = useLoaderData<typeof loader>();
  const hours = service.hours;
  const { locale, config } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(listingMessages, locale);
  const tx = translator(taxonomyMessages, locale);
  const ages = formatAges(service.minimumAge, service.maximumAge, locale);
  const isFree = service.costKinds.some((kind) => kind.slug === 'free');
  // Directions only to an ordinary location: a confidential one has an area, not a door.
  const firstExact = service.locations.find(
    (location) => !location.isConfidential && location.latitude !== null,
  );
  const directionsTo =
    firstExact?.latitude != null && firstExact.longitude != null
      ? { latitude: firstExact.latitude, longitude: firstExact.longitude }
      : null;
  const website = service.url ?? service.organization.website;
  const email = service.email ?? service.organization.email;

  return (
    <article className="listing">
      <BackToResults />
      <h1>{service.name}</h1>
      <p>
        {t('offeredBy')}{' '}
        <Link to={localize(`/organizations/${service.organization.id}`)}>{service.organization.name}</Link>
        {service.organization.isSample ? <SampleBadge label={t('sample')} hint={t('sampleHint')} /> : null}
      </p>
      {service.categories.length > 0 ? (
        <CategoryChips categories={service.categories} free={isFree ? t('free') : null} locale={locale} />
      ) : null}
      <StaleNotice lastVerifiedAt={service.lastVerifiedAt} now={now} locale={locale} />
      {service.alert ? (
        <p className="notice notice-warn">
          <strong>{t('alert')}:</strong> {service.alert}
        </p>
      ) : null}
      <ListingActions
        locale={locale}
        phone={service.phones[0] ?? null}
        directionsTo={directionsTo}
        shareText={shareText(service, locale)}
      />
      <SaveButton
        id={service.id}
        name={service.name}
        organization={service.organization.name}
        locale={locale}
      />
      {shortlists ? (
        <AddToShortlist
          serviceId={service.id}
          serviceName={service.name}
          shortlists={shortlists}
          locale={locale}
        />
      ) : null}

      <div className="detail-grid">
        <div>
          <section aria-labelledby="about">
            <h2 id="about">{t('about')}</h2>
            {service.description ? <p className="prose pre-line">{service.description}</p> : null}
            {service.delivery.length > 0 ? (
              <p>
                <strong>{t('delivery')}:</strong>{' '}
                {service.delivery.map((mode) => tx(`delivery.${mode}`)).join(', ')}
              </p>
            ) : null}
          </section>

          {service.populations.length > 0 || ages || service.eligibility ? (
            <section aria-labelledby="who">
              <h2 id="who">{t('whoFor')}</h2>
              {service.populations.length > 0 ? (
                <ul>
                  {service.populations.map((population) => (
                    <li key={population.slug}>
                      {(taxonomyMessages[locale] as Record<string, string>)[
                        `population.${population.slug}`
                      ] ?? population.name}
                    </li>
                  ))}
                </ul>
              ) : null}
              {ages ? <p>{ages}</p> : null}
              {service.eligibility ? (
                <p className="pre-line">
                  <strong>{t('eligibility')}:</strong> {service.eligibility}
                </p>
              ) : null}
            </section>
          ) : null}

          {service.applicationProcess || service.waitTime ? (
            <section aria-labelledby="apply">
              <h2 id="apply">{t('howToApply')}</h2>
              {service.applicationProcess ? <p className="pre-line">{service.applicationProcess}</p> : null}
              {service.waitTime ? (
                <p>
                  <strong>{t('waitTime')}:</strong> {service.waitTime}
                </p>
              ) : null}
            </section>
          ) : null}

          <section aria-labelledby="documents">
            <h2 id="documents">{t('documents')}</h2>
            {service.requiredDocuments.length > 0 ? (
              <ul>
                {service.requiredDocuments.map((document) => (
                  <li key={document}>{document}</li>
                ))}
              </ul>
            ) : (
              <p>{t('noDocuments')}</p>
            )}
          </section>

          {isFree || service.feesDescription || service.costOptions.length > 0 ? (
            <section aria-labelledby="cost">
              <h2 id="cost">{t('cost')}</h2>
              {isFree ? <p>{t('free')}</p> : null}
              {service.feesDescription ? <p>{service.feesDescription}</p> : null}
              {service.costOptions.length > 0 ? (
                <ul>
                  {service.costOptions.map((option, index) => (
                    <li key={index}>
                      {[
                        option.option,
                        option.amount ? `${option.amount} ${option.currency ?? ''}`.trim() : null,
                        option.description,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </li>
                  ))}
                </ul>
              ) : null}
            </section>
          ) : null}

          {service.languages.length > 0 || service.interpretationServices ? (
            <section aria-labelledby="languages">
              <h2 id="languages">{t('languages')}</h2>
              {service.languages.length > 0 ? (
                <p>
                  {service.languages
                    .map((language) => (language.code ? languageName(language.code, locale) : language.name))
                    .filter(Boolean)
                    .join(', ')}
                </p>
              ) : null}
              {service.interpretationServices ? (
                <p>
                  <strong>{t('interpretation')}:</strong> {service.interpretationServices}
                </p>
              ) : null}
            </section>
          ) : null}

          <section aria-labelledby="hours">
            <h2 id="hours">{t('hours')}</h2>
            {hours.days.length > 0 ? (
              <>
                {hours.openNow !== null ? (
                  <p className={hours.openNow ? 'open' : 'closed'}>
                    {hours.openNow ? t('openNow') : t('closedNow')}
                  </p>
                ) : null}
                <WeeklyHoursTable days={hours.days} today={hours.today} locale={locale} />
                {hours.timeZone ? <p className="muted">{t('hoursZone', { zone: hours.timeZone })}</p> : null}
              </>
            ) : (
              <p>{t('noHours')}</p>
            )}
          </section>
        </div>

        <aside aria-labelledby="where">
          <LocationsSection
            headingId="where"
            locations={service.locations}
            label={service.name}
            tileUrl={config.tileUrl}
            tileAttribution={config.tileAttribution}
            locale={locale}
          />

          <h2 id="contact">{t('contact')}</h2>
          <dl className="facts">
            <PhoneFacts
              phones={service.phones}
              heading={t('phones')}
              callLabel={(number) => t('call', { number })}
            />
            {website ? (
              <>
                <dt>{t('website')}</dt>
                <dd>
                  <a href={website} rel="noreferrer">
                    {website.replace(/^https?:\/\//, '').replace(/\/$/, '')}
                  </a>
                </dd>
              </>
            ) : null}
            {email ? (
              <>
                <dt>{t('email')}</dt>
                <dd>
                  <a href={`mailto:${email}`}>{email}</a>
                </dd>
              </>
            ) : null}
            {service.serviceAreas.length > 0 ? (
              <>
                <dt>{t('serviceArea')}</dt>
                {service.serviceAreas.map((area, index) => (
                  <dd key={index}>
                    {area.coverage === 'nationwide'
                      ? t('nationwide')
                      : area.coverage === 'states' && area.states.length > 0
                        ? t('states', { list: area.states.join(', ') })
                        : (area.name ?? area.description ?? '')}
                  </dd>
                ))}
              </>
            ) : null}
            <dt>{t('lastVerified')}</dt>
            <dd>{verifiedText(service.lastVerifiedAt, locale)}</dd>
          </dl>
        </aside>
      </div>

      <p className="no-print">
        <Link to={localize(`/services/${service.id}/report`)}>{t('report')}</Link>
      </p>
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ matches, data: loaderData }) => {
  const root = rootDataFromMatches(matches);
  const service = (loaderData as { service?: ServiceDetail } | undefined)?.service;
  if (!service) return pageMeta(root, translator(listingMessages, root.locale)('about'));
  return pageMeta(root, service.name, service.description.slice(0, 160));
};

export function ErrorBoundary() {
  return <ErrorPage />;
}
