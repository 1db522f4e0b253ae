/**
 * /staff/services/<id>/history — every change to a listing in plain words (who, when, each
 * field before and after), and "Undo this change" for the organization's owners and site
 * admins. An undo is itself a change in the trail (service.revert, pointing at the one undone).
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requireMembership, requireUser } from '~/accounts/permissions.server';
import { describeField, FIELD_LABEL } from '~/components/describe-field';
import { ErrorPage } from '~/components/error-page';
import { titleMeta } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import { editorMessages } from '~/i18n/messages/editor';
import { intlLocale, translator } from '~/i18n/i18n';
import {
  EDITOR_ROLES,
  listServiceHistory,
  loadServiceEditor,
  REVERT_ROLES,
  revertServiceChange,
  serviceOrganization,
} from '~/listings/editor/service-editor.server';

/** The organization that owns the service (404 when there is none). */
async function organizationOf(context: LoaderFunctionArgs['context'], serviceId: string) {
  const organizationId = await serviceOrganization(context.db, serviceId);
  if (!organizationId) throw data('Not found', { status: 404 });
  return organizationId;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const organizationId = await organizationOf(context, params.id ?? '');
  const { user, membership } = await requireMembership(request, context, organizationId, EDITOR_ROLES);
  const service = await loadServiceEditor(context.db, params.id ?? '');
  if (!service) throw data('Not found', { status: 404 });
  return {
    email: user.email,
    isAdmin: user.isAdmin,
    service: {
      id: service.id,
      name: service.values.name,
      organizationId,
      organizationName: service.organizationName,
    },
    canRevert:
      user.isAdmin || (membership !== null && (REVERT_ROLES as readonly string[]).includes(membership.role)),
    history: await listServiceHistory(context.db, service.id),
  };
}

const revertSchema = z.object({ eventId: z.coerce.number().int().positive() });

export async function action({ request, context, params }: ActionFunctionArgs) {
  await requireUser(request, context);
  const organizationId = await organizationOf(context, params.id ?? '');
  const { user } = await requireMembership(request, context, organizationId, REVERT_ROLES);
  const parsed = revertSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ ok: false as const }, 400);
  const result = await revertServiceChange(context.db, {
    serviceId: params.id ?? '',
    eventId: parsed.data.eventId,
    actorId: user.id,
  });
  if (result.kind === 'missing') return data({ ok: false as const }, 404);
  return { ok: true as const };
}

export default function ServiceHistory() {
  const { email, isAdmin, service, canRevert, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(editorMessages, locale);
  const when = new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  return (
    <div>
      <h1>
        {t('historyTitle')}: {service.name}
      </h1>
      <StaffNav email={email} isAdmin={isAdmin} />
      <ul className="link-list">
        <li>
          <Link to={localize(`/staff/services/${service.id}/edit`)}>{t('editLink')}</Link>
        </li>
        <li>
          <Link to={localize(`/staff/organizations/${service.organizationId}`)}>
            {t('backToOrganization', { name: service.organizationName })}
          </Link>
        </li>
      </ul>
      {result ? (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'form-success' : 'form-error'}>
          {result.ok ? t('revertDone') : t('revertGone')}
        </p>
      ) : null}
      <p>{t('historyIntro')}</p>
      {history.length === 0 ? <p>{t('historyEmpty')}</p> : null}
      <ol className="history-list">
        {history.map((entry) => {
          const actor = entry.actor ?? t('someone');
          const headline =
            entry.action === 'service.create'
              ? t('historyCreate', { actor })
              : entry.action === 'service.revert'
                ? t('historyRevert', { actor, id: entry.revertsEventId ?? '?' })
                : entry.action === 'hsds.import'
                  ? t('historyImport')
                  : t('historyUpdate', { actor });
          return (
            <li key={entry.id}>
              <article aria-labelledby={`change-${entry.id}`}>
                <h2 id={`change-${entry.id}`}>
                  {t('historyChangeId', { id: entry.id })} · {headline}
                </h2>
                <p className="muted">
                  <time dateTime={entry.at}>{when.format(new Date(entry.at))} UTC</time>
                </p>
                {entry.changes.length > 0 ? (
                  <table className="conflict-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('conflictField')}</th>
                        {entry.action !== 'service.create' ? <th scope="col">{t('historyBefore')}</th> : null}
                        <th scope="col">{t('historyAfter')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {entry.changes.map((change) => (
                        <tr key={change.field}>
                          <th scope="row">{t(FIELD_LABEL[change.field])}</th>
                          {entry.action !== 'service.create' ? (
                            <td>{describeField(locale, change.field, change.before)}</td>
                          ) : null}
                          <td>{describeField(locale, change.field, change.after)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
                {entry.revertedBy ? (
                  <p className="muted">{t('revertedBy', { id: entry.revertedBy })}</p>
                ) : null}
                {canRevert && (entry.action === 'service.update' || entry.action === 'service.revert') ? (
                  <Form method="post">
                    <input type="hidden" name="eventId" value={entry.id} />
                    <button type="submit" className="button" aria-describedby={`change-${entry.id}`}>
                      {t('revert')}
                    </button>
                  </Form>
                ) : null}
              </article>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

export const meta = titleMeta(editorMessages, 'historyTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
