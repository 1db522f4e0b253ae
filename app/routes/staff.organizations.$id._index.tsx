/**
 * /staff/organizations/<id> — an organization's own page for its owners and editors (and site
 * admins): its details (versioned like a service: a stale save shows the other person's
 * version with yours noted beside each field) and its services, each with Edit and History.
 * The members page (staff.organizations.$id.members.tsx) is a sibling, not a child: this
 * module is the index route, so it renders no Outlet.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireMembership } from '~/accounts/permissions.server';
import { EditorField } from '~/components/editor-field';
import { ErrorPage } from '~/components/error-page';
import { titleMeta } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import { editorMessages, type EditorKey } from '~/i18n/messages/editor';
import { STATUS_KEY, staffMessages } from '~/i18n/messages/staff';
import { translator } from '~/i18n/i18n';
import { loadOrganizationEditor, saveOrganizationEdit } from '~/listings/editor/organization-editor.server';
import {
  ORGANIZATION_FIELDS,
  type OrganizationField,
  parseOrganizationForm,
} from '~/listings/editor/organization-form';
import { EDITOR_ROLES, isDataError } from '~/listings/editor/service-editor.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = await requireMembership(request, context, params.id ?? '', EDITOR_ROLES);
  const organization = await loadOrganizationEditor(context.db, params.id ?? '');
  if (!organization) throw data('Not found', { status: 404 });
  const saved = new URL(request.url).searchParams.get('saved') === '1';
  return { email: user.email, isAdmin: user.isAdmin, organization, saved };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = await requireMembership(request, context, params.id ?? '', EDITOR_ROLES);
  const form = Object.fromEntries(await request.formData());
  const parsed = parseOrganizationForm(form);
  if (!parsed.ok) return data({ kind: 'invalid' as const, errors: parsed.errors }, 400);
  let result;
  try {
    result = await saveOrganizationEdit(context.db, {
      organizationId: params.id ?? '',
      expectedVersion: parsed.version,
      values: parsed.values,
      actorId: user.id,
    });
  } catch (error) {
    if (isDataError(error)) return data({ kind: 'failed' as const }, 400);
    throw error;
  }
  if (result.kind === 'missing') throw data('Not found', { status: 404 });
  if (result.kind === 'conflict')
    return data(
      { kind: 'conflict' as const, version: result.version, theirs: result.current, yours: parsed.values },
      409,
    );
  const hl = new URL(request.url).searchParams.get('hl');
  return redirect(`/staff/organizations/${params.id}?saved=1${hl ? `&hl=${hl}` : ''}`);
}

const LABEL: Record<OrganizationField, EditorKey> = {
  name: 'organizationName',
  description: 'organizationDescription',
  email: 'organizationEmail',
  website: 'organizationWebsite',
};

export default function OrganizationPage() {
  const { email, isAdmin, organization, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(editorMessages, locale);
  const ts = translator(staffMessages, locale);
  const conflict = result?.kind === 'conflict' ? result : null;
  const values = conflict ? conflict.theirs : organization.values;
  const errors = result?.kind === 'invalid' ? result.errors : {};
  const status = STATUS_KEY[organization.verificationStatus as keyof typeof STATUS_KEY];
  return (
    <div>
      <h1>
        {t('organizationTitle')}: {organization.values.name}
      </h1>
      <StaffNav email={email} isAdmin={isAdmin} />
      <p className="muted">
        {t('verification', { status: status ? ts(status) : organization.verificationStatus })}
      </p>
      {saved && !result ? (
        <p role="status" className="form-success">
          {t('organizationSaved')}
        </p>
      ) : null}
      {conflict ? (
        <p role="alert" className="form-error">
          {t('organizationConflict')}
        </p>
      ) : null}
      {result?.kind === 'failed' ? (
        <p role="alert" className="form-error">
          {t('saveFailed')}
        </p>
      ) : null}
      <Form
        method="post"
        className="staff-form"
        key={conflict ? `c${conflict.version}` : `v${organization.version}`}
      >
        <input type="hidden" name="version" value={conflict ? conflict.version : organization.version} />
        {ORGANIZATION_FIELDS.map((field) => (
          <EditorField
            key={field}
            id={`org-${field}`}
            label={t(LABEL[field])}
            error={errors[field] ? t(errors[field] as EditorKey) : undefined}
            note={
              conflict && conflict.yours[field] !== conflict.theirs[field]
                ? `${t('conflictYours')}: ${conflict.yours[field] || t('empty')}`
                : undefined
            }
          >
            {(aria) =>
              field === 'description' ? (
                <textarea {...aria} name={field} rows={4} defaultValue={values[field]} />
              ) : (
                <input
                  {...aria}
                  name={field}
                  type={field === 'email' ? 'email' : field === 'website' ? 'url' : 'text'}
                  defaultValue={values[field]}
                />
              )
            }
          </EditorField>
        ))}
        <div className="actions">
          <button type="submit" className="button button-primary">
            {t('organizationSave')}
          </button>
        </div>
      </Form>
      <section aria-labelledby="org-services">
        <h2 id="org-services">{t('services')}</h2>
        <p>
          <Link className="button" to={localize(`/staff/services/new?organization=${organization.id}`)}>
            {t('newService')}
          </Link>
        </p>
        {organization.services.length === 0 ? <p>{t('noServices')}</p> : null}
        <ul className="results-list">
          {organization.services.map((service) => (
            <li key={service.id}>
              <h3>{service.name}</h3>
              <ul className="link-list">
                <li>
                  <Link
                    to={localize(`/staff/services/${service.id}/edit`)}
                    aria-label={`${t('editLink')}: ${service.name}`}
                  >
                    {t('editLink')}
                  </Link>
                </li>
                <li>
                  <Link
                    to={localize(`/staff/services/${service.id}/history`)}
                    aria-label={`${t('historyLink')}: ${service.name}`}
                  >
                    {t('historyLink')}
                  </Link>
                </li>
              </ul>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export const meta = titleMeta(editorMessages, 'organizationTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
