/**
 * /staff/search — client-fit search for caseworkers (issue 13, journey 1). The public search,
 * unchanged (the same query string, filter registry and resolve step: loadSearchPage), plus
 * what the public card folds away (app/casework/client-fit.server.ts), whether the organization
 * takes referrals through Haven, and an "add to shortlist" form on each result.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { requireCasework, requireUser } from '~/accounts/permissions.server';
import { type ClientFitDetails, clientFitDetails } from '~/casework/client-fit.server';
import { ErrorPage } from '~/components/error-page';
import { formatAges, telHref } from '~/components/format';
import { titleMeta } from '~/components/meta';
import { Pagination } from '~/components/pagination';
import { ResultCard } from '~/components/result-card';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { SearchForm } from '~/components/search-form';
import { StaffNav } from '~/components/staff-nav';
import { caseworkMessages } from '~/i18n/messages/casework';
import { searchMessages } from '~/i18n/messages/search';
import { type Locale, translator } from '~/i18n/i18n';
import { loadSearchPage, type SearchPageData } from '~/search/search-page.server';
import { searchHref } from '~/search/search-url';
import { addItemSchema, failedField } from '~/shortlists/schema';
import { addToShortlist, ownShortlists } from '~/shortlists/shortlists.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCasework(await requireUser(request, context));
  const page = await loadSearchPage(context.db, new URL(request.url));
  const ids = page.kind === 'results' ? page.result.items.map((item) => item.serviceId) : [];
  const [details, shortlists] = await Promise.all([
    clientFitDetails(context.db, ids),
    ownShortlists(context.db, user.id),
  ]);
  return data(
    { page, details: Object.fromEntries(details), shortlists, email: user.email, isAdmin: user.isAdmin },
    { status: page.kind === 'invalid' ? 400 : 200 },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCasework(await requireUser(request, context));
  const parsed = addItemSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: failedField(parsed.error) }, { status: 400 });
  const outcome = await addToShortlist(context.db, {
    id: parsed.data.shortlist,
    ownerId: user.id,
    serviceId: parsed.data.service,
  });
  if (outcome === 'not-found') throw data('Not found', { status: 404 });
  if (outcome === 'no-service') return data({ error: 'service' }, { status: 400 });
  return { added: { serviceId: parsed.data.service, shortlistId: parsed.data.shortlist, outcome } };
}

type Results = Extract<SearchPageData, { kind: 'results' }>;

export default function StaffSearchPage() {
  const { page, details, shortlists, email, isAdmin } = useLoaderData<typeof loader>() as {
    page: SearchPageData;
    details: Record<string, ClientFitDetails>;
    shortlists: Array<{ id: string; name: string }>;
    email: string;
    isAdmin: boolean;
  };
  const actionData = useActionData<typeof action>();
  const { locale, hlParam } = useRootData();
  const t = translator(caseworkMessages, locale);
  const hl = hlParam ? locale : undefined;
  const invalid = new Set(page.kind === 'invalid' ? page.fields : []);
  const added = actionData && 'added' in actionData ? actionData.added : null;
  const addedName =
    added && page.kind === 'results'
      ? page.result.items.find((item) => item.serviceId === added.serviceId)?.serviceName
      : undefined;
  const addedList = added ? shortlists.find((list) => list.id === added.shortlistId)?.name : undefined;
  return (
    <div>
      <h1>{t('searchTitle')}</h1>
      <StaffNav email={email} isAdmin={isAdmin} casework />
      <p>{t('searchIntro')}</p>
      {added && addedName && addedList ? (
        <p className="notice" role="status">
          {t(added.outcome === 'exists' ? 'alreadyAdded' : 'added', { service: addedName, list: addedList })}
        </p>
      ) : null}
      {actionData && 'error' in actionData ? (
        <p className="form-error" role="alert">
          {t('fieldInvalid', { field: actionData.error })}
        </p>
      ) : null}
      <SearchForm query={page.query} locale={locale} hl={hl} invalid={invalid} action="/staff/search" />
      {page.kind === 'prompt' ? (
        <p className="notice">{translator(searchMessages, locale)('promptText')}</p>
      ) : null}
      {page.kind === 'invalid' || page.kind === 'unknown-place' ? (
        <p className="notice notice-warn" role="status">
          {translator(searchMessages, locale)(page.kind === 'invalid' ? 'invalidText' : 'unknownPlaceText')}
        </p>
      ) : null}
      {page.kind === 'results' ? (
        <Results page={page} details={details} shortlists={shortlists} locale={locale} hl={hl} />
      ) : null}
    </div>
  );
}

function Results({
  page,
  details,
  shortlists,
  locale,
  hl,
}: {
  page: Results;
  details: Record<string, ClientFitDetails>;
  shortlists: Array<{ id: string; name: string }>;
  locale: Locale;
  hl?: string;
}) {
  const ts = translator(searchMessages, locale);
  const now = useMemo(() => new Date(page.now), [page.now]);
  const { result, query } = page;
  return (
    <section aria-labelledby="result-count" className="results">
      <h2 id="result-count">
        {page.point
          ? ts(result.totalCapped ? 'countNearAtLeast' : result.total === 1 ? 'countNearOne' : 'countNear', {
              count: result.total,
              miles: page.radiusMiles,
              place: page.placeLabel ?? ts('yourLocation'),
            })
          : ts(result.totalCapped ? 'countAtLeast' : result.total === 1 ? 'countOne' : 'count', {
              count: result.total,
            })}
      </h2>
      {result.items.length === 0 ? <p>{ts('emptyText')}</p> : null}
      <ol className="results-list casework-results" aria-label={ts('resultsLabel')}>
        {result.items.map((item) => (
          <li key={item.serviceId}>
            <ResultCard
              item={item}
              locale={locale}
              now={now}
              href={hl ? `/services/${item.serviceId}?hl=${hl}` : `/services/${item.serviceId}`}
              selected={false}
            />
            {details[item.serviceId] ? (
              <ClientFit
                serviceId={item.serviceId}
                serviceName={item.serviceName}
                details={details[item.serviceId]!}
                shortlists={shortlists}
                locale={locale}
              />
            ) : null}
          </li>
        ))}
      </ol>
      <Pagination
        page={result.page}
        totalPages={result.totalPages}
        locale={locale}
        hrefFor={(n) => searchHref({ ...query, page: n }, hl, '/staff/search')}
      />
    </section>
  );
}

function ClientFit({
  serviceId,
  serviceName,
  details,
  shortlists,
  locale,
}: {
  serviceId: string;
  serviceName: string;
  details: ClientFitDetails;
  shortlists: Array<{ id: string; name: string }>;
  locale: Locale;
}) {
  const t = translator(caseworkMessages, locale);
  const localize = useLocalizeHref();
  const none = <span className="muted">{t('notStated')}</span>;
  const id = `fit-${serviceId}`;
  return (
    <div className="casework-fit" aria-labelledby={`${id}-title`} role="group">
      <h4 id={`${id}-title`} className="visually-hidden">
        {serviceName}
      </h4>
      <p className={details.acceptsReferrals ? 'referral-badge accepts' : 'referral-badge'}>
        {details.acceptsReferrals ? t('acceptsReferrals') : t('noReferrals')}
      </p>
      {details.acceptsReferrals ? (
        <ul className="link-list">
          <li>
            <Link
              to={localize(`/staff/referrals/new?service=${serviceId}`)}
              aria-label={t('sendReferralTo', { service: serviceName })}
            >
              {t('sendReferral')}
            </Link>
          </li>
        </ul>
      ) : null}
      <dl className="fit-facts">
        <dt>{t('eligibility')}</dt>
        <dd>{details.eligibility ?? none}</dd>
        <dt>{t('ages')}</dt>
        <dd>{formatAges(details.minimumAge, details.maximumAge, locale) ?? none}</dd>
        <dt>{t('intake')}</dt>
        <dd>{details.applicationProcess ?? none}</dd>
        <dt>{t('documents')}</dt>
        <dd>{details.documents.length ? details.documents.join(', ') : none}</dd>
        <dt>{t('waitTime')}</dt>
        <dd>{details.waitTime ?? none}</dd>
        <dt>{t('referralContacts')}</dt>
        <dd>
          {details.contacts.length === 0
            ? none
            : details.contacts.map((contact, index) => (
                <span key={index} className="fit-contact">
                  {[contact.name, contact.title].filter(Boolean).join(', ')}
                  {contact.phones.map((phone) => (
                    <span key={phone.number}>
                      {' '}
                      <a href={telHref(phone.number, phone.extension)}>{phone.number}</a>
                    </span>
                  ))}
                  {contact.email ? (
                    <span>
                      {' '}
                      <a href={`mailto:${contact.email}`}>{contact.email}</a>
                    </span>
                  ) : null}
                </span>
              ))}
        </dd>
      </dl>
      {shortlists.length === 0 ? (
        <>
          <p>{t('noShortlists')}</p>
          <ul className="link-list">
            <li>
              <Link to={localize('/staff/shortlists')}>{t('createFirst')}</Link>
            </li>
          </ul>
        </>
      ) : (
        <Form
          method="post"
          className="add-to-shortlist"
          aria-label={t('addServiceToShortlist', { service: serviceName })}
        >
          <input type="hidden" name="intent" value="add" />
          <input type="hidden" name="service" value={serviceId} />
          <label htmlFor={`${id}-list`}>{t('shortlistLabel')}</label>{' '}
          <select id={`${id}-list`} name="shortlist">
            {shortlists.map((list) => (
              <option key={list.id} value={list.id}>
                {list.name}
              </option>
            ))}
          </select>{' '}
          <button type="submit" className="button">
            {t('addToShortlist')}
          </button>
        </Form>
      )}
    </div>
  );
}

export const meta = titleMeta(caseworkMessages, 'searchTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
