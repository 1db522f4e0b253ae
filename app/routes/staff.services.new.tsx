/**
 * /staff/services/new?organization=<id> — a new service of an organization (owners, editors,
 * site admins). The same form and schema as the editor; created in one transaction, audited.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requireMembership, requireUser } from '~/accounts/permissions.server';
import { ErrorPage } from '~/components/error-page';
import { titleMeta } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { ServiceEditorForm } from '~/components/service-editor-form';
import { StaffNav } from '~/components/staff-nav';
import { LazyPinMap } from '~/components/map/lazy-pin-map';
import { editorMessages } from '~/i18n/messages/editor';
import { translator } from '~/i18n/i18n';
import { organizationName } from '~/listings/editor/organization-editor.server';
import { blankValues, formToObject, parseServiceForm } from '~/listings/editor/schema';
import { createServiceFromForm, EDITOR_ROLES, isDataError } from '~/listings/editor/service-editor.server';

const querySchema = z.object({ organization: z.uuid() });

/** The organization named by ?organization= (400 when missing, 404 when unknown). */
async function organizationOf(request: Request, context: LoaderFunctionArgs['context']) {
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw data('organization: expected an organization id', { status: 400 });
  const name = await organizationName(context.db, query.data.organization);
  if (name === null) throw data('Not found', { status: 404 });
  return { organizationId: query.data.organization, organizationName: name };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const { organizationId, organizationName } = await organizationOf(request, context);
  const { user } = await requireMembership(request, context, organizationId, EDITOR_ROLES);
  return {
    email: user.email,
    isAdmin: user.isAdmin,
    organizationId,
    organizationName,
    values: blankValues(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireUser(request, context);
  const { organizationId } = await organizationOf(request, context);
  const { user } = await requireMembership(request, context, organizationId, EDITOR_ROLES);
  const { base: _base, ...inputs } = formToObject(await request.formData());
  const parsed = parseServiceForm({ base: _base, ...inputs });
  if (!parsed.ok) return data({ kind: 'invalid' as const, errors: parsed.errors, inputs }, 400);
  try {
    const id = await createServiceFromForm(context.db, {
      organizationId,
      values: parsed.values,
      actorId: user.id,
    });
    const hl = new URL(request.url).searchParams.get('hl');
    return redirect(`/staff/services/${id}/edit?saved=1${hl ? `&hl=${hl}` : ''}`);
  } catch (error) {
    if (isDataError(error)) return data({ kind: 'failed' as const }, 400);
    throw error;
  }
}

export default function NewService() {
  const { email, isAdmin, organizationId, organizationName, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(editorMessages, locale);
  return (
    <div>
      <h1>
        {t('newServiceTitle')}: {organizationName}
      </h1>
      <StaffNav email={email} isAdmin={isAdmin} />
      <p>
        <Link to={localize(`/staff/organizations/${organizationId}`)}>
          {t('backToOrganization', { name: organizationName })}
        </Link>
      </p>
      {result?.kind === 'failed' ? (
        <p role="alert" className="form-error">
          {t('saveFailed')}
        </p>
      ) : null}
      <ServiceEditorForm
        locale={locale}
        values={values}
        version={1}
        base={values}
        errors={result?.kind === 'invalid' ? result.errors : undefined}
        inputs={result?.kind === 'invalid' ? result.inputs : undefined}
        submitLabel={t('create')}
        timeZone={null}
        areaLabel={null}
        map={<LazyPinMap locale={locale} latitude={null} longitude={null} />}
      />
    </div>
  );
}

export const meta = titleMeta(editorMessages, 'newServiceTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
