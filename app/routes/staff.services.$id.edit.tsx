/**
 * /staff/services/<id>/edit — the service editor (issue 12, journeys 1–4). Owners and editors of
 * the service's organization, and site admins. A save carries the version the form was loaded
 * at; a stale one answers 409 with the conflict page: field by field what the other person
 * saved and what you typed, merged into the form for you to check and save again.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireMembership, requireUser } from '~/accounts/permissions.server';
import { describeField, FIELD_LABEL } from '~/components/describe-field';
import { ErrorPage } from '~/components/error-page';
import { titleMeta } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { ServiceEditorForm } from '~/components/service-editor-form';
import { StaffNav } from '~/components/staff-nav';
import { LazyPinMap } from '~/components/map/lazy-pin-map';
import { correctionSuggestion } from '~/corrections/corrections.server';
import { editorMessages } from '~/i18n/messages/editor';
import { translator } from '~/i18n/i18n';
import {
  EDITOR_ROLES,
  isDataError,
  loadServiceEditor,
  placeView,
  saveServiceEdit,
  serviceOrganization,
} from '~/listings/editor/service-editor.server';
import {
  type FieldName,
  formToObject,
  mergeValues,
  parseServiceForm,
  readBase,
} from '~/listings/editor/schema';

/** The organization that owns the service (404 when there is none). */
async function owner(context: LoaderFunctionArgs['context'], serviceId: string): Promise<string> {
  const organizationId = await serviceOrganization(context.db, serviceId);
  if (!organizationId) throw data('Not found', { status: 404 });
  return organizationId;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const organizationId = await owner(context, params.id ?? '');
  const { user, membership } = await requireMembership(request, context, organizationId, EDITOR_ROLES);
  const service = await loadServiceEditor(context.db, params.id ?? '');
  if (!service) throw data('Not found', { status: 404 });
  const search = new URL(request.url).searchParams;
  const saved = search.get('saved');
  // A public correction being accepted (/staff/corrections): shown beside its field.
  const correction = search.get('correction');
  const suggestion = correction ? await correctionSuggestion(context.db, correction, params.id ?? '') : null;
  return {
    email: user.email,
    isAdmin: user.isAdmin,
    service,
    view: placeView(service.values.location),
    pending: (membership?.verificationStatus ?? 'verified') !== 'verified',
    suggestion,
    saved: saved === '1' ? ('saved' as const) : saved === '0' ? ('noChanges' as const) : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  await requireUser(request, context);
  const organizationId = await owner(context, params.id ?? '');
  const { user } = await requireMembership(request, context, organizationId, EDITOR_ROLES);
  const serviceId = params.id ?? '';
  const { base: _base, ...inputs } = formToObject(await request.formData());
  const parsed = parseServiceForm({ base: _base, ...inputs });
  if (!parsed.ok) return data({ kind: 'invalid' as const, errors: parsed.errors, inputs }, 400);
  let result;
  try {
    result = await saveServiceEdit(context.db, {
      serviceId,
      expectedVersion: parsed.version,
      values: parsed.values,
      actorId: user.id,
    });
  } catch (error) {
    if (isDataError(error)) return data({ kind: 'failed' as const }, 400);
    throw error;
  }
  if (result.kind === 'missing') throw data('Not found', { status: 404 });
  if (result.kind === 'conflict') {
    const merge = mergeValues(readBase(parsed.base), result.current, parsed.values);
    return data(
      {
        kind: 'conflict' as const,
        version: result.version,
        theirs: result.current,
        yours: parsed.values,
        merged: merge.values,
        conflicts: merge.conflicts,
        taken: merge.theirs,
      },
      409,
    );
  }
  const url = new URL(request.url);
  const hl = url.searchParams.get('hl');
  return redirect(
    `/staff/services/${serviceId}/edit?saved=${result.changed.length > 0 ? 1 : 0}${hl ? `&hl=${hl}` : ''}`,
  );
}

export default function EditService() {
  const { email, isAdmin, service, view, pending, saved, suggestion } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(editorMessages, locale);
  const conflict = result?.kind === 'conflict' ? result : null;
  const fieldNotes: Partial<Record<FieldName, string>> = {};
  if (suggestion) fieldNotes[suggestion.field] = t('noteSuggested', { text: suggestion.text });
  if (conflict)
    for (const field of [...conflict.conflicts, ...conflict.taken])
      fieldNotes[field] = t('noteTheirs', { value: describeField(locale, field, conflict.theirs[field]) });
  const values = conflict ? conflict.merged : service.values;
  return (
    <div>
      <h1>{conflict ? t('conflictTitle') : `${t('editServiceTitle')}: ${service.values.name}`}</h1>
      <StaffNav email={email} isAdmin={isAdmin} />
      <ul className="link-list">
        <li>
          <Link to={localize(`/staff/organizations/${service.organizationId}`)}>
            {t('backToOrganization', { name: service.organizationName })}
          </Link>
        </li>
        <li>
          <Link to={localize(`/staff/services/${service.id}/history`)}>{t('historyLink')}</Link>
        </li>
        <li>
          <Link to={localize(`/services/${service.id}`)}>{t('viewPublic')}</Link>
        </li>
      </ul>
      {saved && !result ? (
        <p role="status" className="form-success">
          {saved === 'noChanges' ? t('noChanges') : pending ? t('savedPending') : t('saved')}
        </p>
      ) : null}
      {result?.kind === 'failed' ? (
        <p role="alert" className="form-error">
          {t('saveFailed')}
        </p>
      ) : null}
      {conflict ? (
        <section aria-labelledby="conflict-table">
          <p>{t('conflictIntro')}</p>
          <table className="conflict-table">
            <caption id="conflict-table" className="visually-hidden">
              {t('conflictTitle')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('conflictField')}</th>
                <th scope="col">{t('conflictTheirs')}</th>
                <th scope="col">{t('conflictYours')}</th>
              </tr>
            </thead>
            <tbody>
              {[...conflict.conflicts, ...conflict.taken].map((field) => (
                <tr key={field}>
                  <th scope="row">
                    {t(FIELD_LABEL[field])}
                    <br />
                    <span className="muted">
                      {conflict.conflicts.includes(field) ? t('conflictBoth') : t('conflictTaken')}
                    </span>
                  </th>
                  <td>{describeField(locale, field, conflict.theirs[field])}</td>
                  <td>{describeField(locale, field, conflict.yours[field])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <ServiceEditorForm
        key={conflict ? `conflict-${conflict.version}` : `v-${service.version}`}
        locale={locale}
        values={values}
        version={conflict ? conflict.version : service.version}
        base={conflict ? conflict.theirs : service.values}
        errors={result?.kind === 'invalid' ? result.errors : undefined}
        inputs={result?.kind === 'invalid' ? result.inputs : undefined}
        fieldNotes={fieldNotes}
        submitLabel={t('save')}
        timeZone={view.timeZone}
        areaLabel={view.areaLabel}
        map={
          <LazyPinMap
            locale={locale}
            latitude={values.location.latitude}
            longitude={values.location.longitude}
            centre={view.centre}
          />
        }
      />
    </div>
  );
}

export const meta = titleMeta(editorMessages, 'editServiceTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
