/**
 * /staff/services/:id/confirm — "Confirm this listing is still accurate": one POST sets the
 * service's last_verified_at (audited). Owners and editors of its organization, and admins;
 * anyone else gets 404 (another organization's) or 403 (a caseworker).
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireMembership, requireUser } from '~/accounts/permissions.server';
import { ErrorPage } from '~/components/error-page';
import { titleMeta } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import { formatConfirmedDate } from '~/freshness/freshness';
import { confirmService, getConfirmableService } from '~/freshness/freshness.server';
import { correctionMessages } from '~/i18n/messages/corrections';
import { translator } from '~/i18n/i18n';

const EDITOR_ROLES = ['owner', 'editor'] as const;

async function serviceFor(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const service = await getConfirmableService(args.context.db, args.params.id ?? '');
  if (!service) throw data('Not found', { status: 404 });
  return service;
}

export async function loader(args: LoaderFunctionArgs) {
  const { request, context } = args;
  await requireUser(request, context);
  const service = await serviceFor(args);
  const { user } = await requireMembership(request, context, service.organizationId, EDITOR_ROLES);
  return { email: user.email, isAdmin: user.isAdmin, service };
}

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args;
  await requireUser(request, context);
  const service = await serviceFor(args);
  const { user } = await requireMembership(request, context, service.organizationId, EDITOR_ROLES);
  const confirmed = await confirmService(context.db, {
    serviceId: service.id,
    organizationId: service.organizationId,
    actorId: user.id,
  });
  if (!confirmed) throw data('Not found', { status: 404 });
  return { lastVerifiedAt: confirmed.lastVerifiedAt };
}

export default function ConfirmListing() {
  const { email, isAdmin, service } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(correctionMessages, locale);
  const lastVerifiedAt = result?.lastVerifiedAt ?? service.lastVerifiedAt;
  return (
    <div className="staff-form">
      <h1>{t('confirmTitle')}</h1>
      <StaffNav email={email} isAdmin={isAdmin} />
      <h2>{service.name}</h2>
      <p className="muted">
        {t('organizationLabel')}: {service.organizationName}
      </p>
      <p>
        {lastVerifiedAt
          ? t('lastConfirmed', { date: formatConfirmedDate(lastVerifiedAt, locale) })
          : t('neverConfirmed')}
      </p>
      {result ? <p role="status">{t('confirmed')}</p> : null}
      <p>{t('confirmExplain')}</p>
      <p>
        <Link to={localize(`/services/${service.id}`)}>{t('viewPublic')}</Link>
      </p>
      <Form method="post">
        <button type="submit" className="button button-primary">
          {t('confirmButton')}
        </button>
      </Form>
    </div>
  );
}

export const meta = titleMeta(correctionMessages, 'confirmTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
