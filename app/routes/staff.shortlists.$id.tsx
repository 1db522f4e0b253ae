/**
 * /staff/shortlists/<id> — one shortlist: its services in order (up/down buttons that work
 * without JavaScript), a note per item, rename, delete, share with an agency the owner runs,
 * the handout's language and links to the handout, its PDF and a referral. A list that is not
 * the person's own (nor shared with their agency) is not found; a shared one is read-only.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireCasework, requireUser } from '~/accounts/permissions.server';
import { ErrorPage } from '~/components/error-page';
import { titleMeta } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import { caseworkMessages } from '~/i18n/messages/casework';
import { translator } from '~/i18n/i18n';
import { organizationsAcceptingReferrals } from '~/referrals/acceptance.server';
import { failedField, NOTE_MAX, SHORTLIST_NAME_MAX, shortlistPageSchema } from '~/shortlists/schema';
import {
  deleteShortlist,
  getShortlist,
  moveItem,
  removeItem,
  renameShortlist,
  setHandoutLocale,
  setItemNote,
  shareShortlist,
} from '~/shortlists/shortlists.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireCasework(await requireUser(request, context));
  const shortlist = await getShortlist(context.db, { id: params.id ?? '', user });
  if (!shortlist) throw data('Not found', { status: 404 });
  const accepting = await organizationsAcceptingReferrals(
    context.db,
    shortlist.items.map((item) => item.organizationId),
  );
  return {
    shortlist,
    accepting: [...accepting],
    agencies: user.memberships
      .filter((item) => item.role === 'owner')
      .map((item) => ({ id: item.organizationId, name: item.organizationName })),
    email: user.email,
    isAdmin: user.isAdmin,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireCasework(await requireUser(request, context));
  const id = params.id ?? '';
  const parsed = shortlistPageSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ field: failedField(parsed.error) }, { status: 400 });
  const form = parsed.data;
  const own = { id, ownerId: user.id };
  let found: boolean;
  switch (form.intent) {
    case 'rename':
      found = await renameShortlist(context.db, { ...own, name: form.name });
      break;
    case 'delete':
      if (!(await deleteShortlist(context.db, own))) throw data('Not found', { status: 404 });
      return redirect('/staff/shortlists');
    case 'share': {
      const outcome = await shareShortlist(context.db, {
        id,
        user,
        organizationId: form.organization || null,
      });
      if (outcome === 'forbidden') return data({ field: 'organization' }, { status: 400 });
      found = outcome === 'ok';
      break;
    }
    case 'language':
      found = await setHandoutLocale(context.db, { ...own, locale: form.language });
      break;
    case 'up':
    case 'down':
      found = await moveItem(context.db, { ...own, serviceId: form.service, direction: form.intent });
      break;
    case 'note':
      found = await setItemNote(context.db, { ...own, serviceId: form.service, note: form.note });
      break;
    case 'remove':
      found = await removeItem(context.db, { ...own, serviceId: form.service });
      break;
  }
  // A list the person can only read (shared) answers like one they cannot see at all.
  if (!found) throw data('Not found', { status: 404 });
  const item = 'service' in form ? `#item-${form.service}` : '';
  return redirect(`/staff/shortlists/${id}${item}`);
}

export default function ShortlistPage() {
  const { shortlist, accepting, agencies, email, isAdmin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(caseworkMessages, locale);
  const editable = shortlist.isOwner;
  const handoutHref = `/staff/shortlists/${shortlist.id}/handout?lang=${shortlist.handoutLocale}`;
  const pdfHref = `/staff/shortlists/${shortlist.id}/pdf?lang=${shortlist.handoutLocale}`;
  return (
    <div className="shortlist-page">
      <h1>{shortlist.name}</h1>
      <StaffNav email={email} isAdmin={isAdmin} casework />
      {actionData?.field ? (
        <p className="form-error" role="alert">
          {t(actionData.field === 'name' ? 'fieldName' : 'fieldInvalid', { field: actionData.field })}
        </p>
      ) : null}
      {!editable ? <p className="notice">{t('readOnly', { email: shortlist.ownerEmail })}</p> : null}
      {shortlist.sharedOrganizationName ? (
        <p className="muted">{t('sharedWith', { organization: shortlist.sharedOrganizationName })}</p>
      ) : null}

      <section aria-labelledby="handout">
        <h2 id="handout">{t('handout')}</h2>
        {editable ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="language" />
            <label htmlFor="handout-language">{t('handoutLanguage')}</label>{' '}
            <select id="handout-language" name="language" defaultValue={shortlist.handoutLocale}>
              <option value="en">{t('languageEnglish')}</option>
              <option value="es">{t('languageSpanish')}</option>
            </select>{' '}
            <button type="submit" className="button">
              {t('saveLanguage')}
            </button>
          </Form>
        ) : null}
        <ul className="link-list">
          <li>
            <Link to={localize(handoutHref)}>{t('openHandout')}</Link>
          </li>
          <li>
            <a href={pdfHref} download>
              {t('downloadPdf')}
            </a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="services">
        <h2 id="services">{t('services')}</h2>
        {shortlist.items.length === 0 ? (
          <>
            <p>{t('empty')}</p>
            <ul className="link-list">
              <li>
                <Link to={localize('/staff/search')}>{t('findServices')}</Link>
              </li>
            </ul>
          </>
        ) : (
          <ol className="shortlist-items">
            {shortlist.items.map((item, index) => (
              <li key={item.serviceId} id={`item-${item.serviceId}`} className="card">
                <h3>
                  <Link to={localize(`/services/${item.serviceId}`)}>{item.serviceName}</Link>
                </h3>
                <p className="muted">
                  {item.organizationName}
                  {!item.listed ? ` · ${t('notListed')}` : ''}
                </p>
                {accepting.includes(item.organizationId) && item.listed ? (
                  <ul className="link-list">
                    <li>
                      <Link
                        to={localize(`/staff/referrals/new?service=${item.serviceId}`)}
                        aria-label={t('sendReferralTo', { service: item.serviceName })}
                      >
                        {t('sendReferral')}
                      </Link>
                    </li>
                  </ul>
                ) : null}
                {editable ? (
                  <>
                    <div className="item-actions">
                      <Form method="post">
                        <input type="hidden" name="service" value={item.serviceId} />
                        <button
                          type="submit"
                          name="intent"
                          value="up"
                          className="button"
                          disabled={index === 0}
                          aria-label={t('moveUp', { service: item.serviceName })}
                        >
                          {t('up')}
                        </button>{' '}
                        <button
                          type="submit"
                          name="intent"
                          value="down"
                          className="button"
                          disabled={index === shortlist.items.length - 1}
                          aria-label={t('moveDown', { service: item.serviceName })}
                        >
                          {t('down')}
                        </button>{' '}
                        <button
                          type="submit"
                          name="intent"
                          value="remove"
                          className="button"
                          aria-label={t('removeService', { service: item.serviceName })}
                        >
                          {t('remove')}
                        </button>
                      </Form>
                    </div>
                    <Form method="post" className="note-form">
                      <input type="hidden" name="intent" value="note" />
                      <input type="hidden" name="service" value={item.serviceId} />
                      <label htmlFor={`note-${item.serviceId}`}>
                        {t('note', { service: item.serviceName })}
                      </label>
                      <p id={`note-hint-${item.serviceId}`} className="muted">
                        {t('noteHint')}
                      </p>
                      <textarea
                        id={`note-${item.serviceId}`}
                        name="note"
                        rows={2}
                        maxLength={NOTE_MAX}
                        defaultValue={item.note}
                        aria-describedby={`note-hint-${item.serviceId}`}
                      />
                      <button type="submit" className="button">
                        {t('saveNote')}
                      </button>
                    </Form>
                  </>
                ) : item.note ? (
                  <p className="pre-line">{item.note}</p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      {editable ? (
        <section aria-labelledby="manage">
          <h2 id="manage">{t('rename')}</h2>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="rename" />
            <label htmlFor="shortlist-name">{t('shortlistName')}</label>{' '}
            <input
              id="shortlist-name"
              type="text"
              name="name"
              defaultValue={shortlist.name}
              maxLength={SHORTLIST_NAME_MAX}
              required
              autoComplete="off"
            />{' '}
            <button type="submit" className="button">
              {t('rename')}
            </button>
          </Form>
          <h3>{t('sharing')}</h3>
          {agencies.length === 0 ? (
            <p className="muted">{t('shareOnlyOwners')}</p>
          ) : (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="share" />
              <label htmlFor="share-organization">{t('shareWith')}</label>{' '}
              <select
                id="share-organization"
                name="organization"
                defaultValue={shortlist.sharedOrganizationId ?? ''}
              >
                <option value="">{t('notShared')}</option>
                {agencies.map((agency) => (
                  <option key={agency.id} value={agency.id}>
                    {agency.name}
                  </option>
                ))}
              </select>{' '}
              <button type="submit" className="button">
                {t('saveSharing')}
              </button>
            </Form>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="button button-danger">
              {t('deleteList')}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const meta = titleMeta(caseworkMessages, 'shortlistsTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
