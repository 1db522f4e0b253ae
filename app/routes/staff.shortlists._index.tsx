/**
 * /staff/shortlists — the caseworker's shortlists and those shared with their agency; a form
 * to start a new one. Also takes "add to shortlist" from a service page (then shows the list).
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireCasework, requireUser } from '~/accounts/permissions.server';
import { ErrorPage } from '~/components/error-page';
import { FormField } from '~/components/form-field';
import { titleMeta } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import { caseworkMessages } from '~/i18n/messages/casework';
import { translator } from '~/i18n/i18n';
import { addItemSchema, createShortlistSchema, failedField } from '~/shortlists/schema';
import { addToShortlist, createShortlist, listShortlists } from '~/shortlists/shortlists.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCasework(await requireUser(request, context));
  const shortlists = await listShortlists(context.db, user);
  return { shortlists, email: user.email, isAdmin: user.isAdmin };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCasework(await requireUser(request, context));
  const form = Object.fromEntries(await request.formData());
  if (form.intent === 'add') {
    const parsed = addItemSchema.safeParse(form);
    if (!parsed.success) return data({ field: failedField(parsed.error) }, { status: 400 });
    const outcome = await addToShortlist(context.db, {
      id: parsed.data.shortlist,
      ownerId: user.id,
      serviceId: parsed.data.service,
    });
    if (outcome === 'not-found') throw data('Not found', { status: 404 });
    if (outcome === 'no-service') return data({ field: 'service' }, { status: 400 });
    return redirect(`/staff/shortlists/${parsed.data.shortlist}`);
  }
  const parsed = createShortlistSchema.safeParse(form);
  if (!parsed.success) return data({ field: failedField(parsed.error) }, { status: 400 });
  const id = await createShortlist(context.db, { ownerId: user.id, name: parsed.data.name });
  return redirect(`/staff/shortlists/${id}`);
}

export default function ShortlistsPage() {
  const { shortlists, email, isAdmin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(caseworkMessages, locale);
  const own = shortlists.filter((list) => list.isOwner);
  const shared = shortlists.filter((list) => !list.isOwner);
  const count = (n: number) => (n === 1 ? t('itemCountOne') : t('itemCount', { count: n }));
  return (
    <div>
      <h1>{t('shortlistsTitle')}</h1>
      <StaffNav email={email} isAdmin={isAdmin} casework />
      <p>{t('shortlistsIntro')}</p>
      <section aria-labelledby="own-lists">
        <h2 id="own-lists">{t('yourShortlists')}</h2>
        {own.length === 0 ? <p>{t('noShortlists')}</p> : null}
        <ul className="link-list shortlist-list">
          {own.map((list) => (
            <li key={list.id}>
              <Link to={localize(`/staff/shortlists/${list.id}`)}>{list.name}</Link>{' '}
              <span className="muted">
                · {count(list.itemCount)}
                {list.sharedOrganizationName
                  ? ` · ${t('sharedWith', { organization: list.sharedOrganizationName })}`
                  : ''}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {shared.length > 0 ? (
        <section aria-labelledby="shared-lists">
          <h2 id="shared-lists">{t('sharedWithYou')}</h2>
          <ul className="link-list shortlist-list">
            {shared.map((list) => (
              <li key={list.id}>
                <Link to={localize(`/staff/shortlists/${list.id}`)}>{list.name}</Link>{' '}
                <span className="muted">
                  · {count(list.itemCount)} · {t('ownedBy', { email: list.ownerEmail })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="new-list">
        <h2 id="new-list">{t('newShortlist')}</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="create" />
          <FormField
            name="name"
            label={t('shortlistName')}
            hint={t('shortlistNameHint')}
            error={actionData?.field === 'name' ? t('fieldName') : undefined}
            autoComplete="off"
            required
          />
          <button type="submit" className="button-primary">
            {t('create')}
          </button>
        </Form>
        <ul className="link-list">
          <li>
            <Link to={localize('/staff/search')}>{t('findServices')}</Link>
          </li>
        </ul>
      </section>
    </div>
  );
}

export const meta = titleMeta(caseworkMessages, 'shortlistsTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
