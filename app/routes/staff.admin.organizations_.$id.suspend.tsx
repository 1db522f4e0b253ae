/**
 * /staff/admin/organizations/:id/suspend — an admin suspends a verified organization
 * (everything it has leaves every public surface at once) or reinstates a suspended one
 * (everything comes back). A reason is required; both are audit events.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requireAdmin } from '~/accounts/permissions.server';
import { ErrorPage } from '~/components/error-page';
import { titleMeta } from '~/components/meta';
import { useRootData } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import { correctionMessages } from '~/i18n/messages/corrections';
import { STATUS_KEY, staffMessages } from '~/i18n/messages/staff';
import { translator } from '~/i18n/i18n';
import { changeSuspension, getOrganizationForSuspension } from '~/listings/suspension.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireAdmin(request, context);
  const organization = await getOrganizationForSuspension(context.db, params.id ?? '');
  if (!organization) throw data('Not found', { status: 404 });
  return { email: user.email, organization };
}

const changeSchema = z.object({
  change: z.enum(['suspend', 'reinstate']),
  reason: z.string().trim().min(1, { error: 'suspendReasonRequired' }).max(2000),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const parsed = changeSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    if (parsed.error.issues.some((issue) => issue.path[0] === 'change'))
      throw data('Bad change', { status: 400 });
    return data({ ok: false as const, message: 'suspendReasonRequired' as const }, 400);
  }
  const outcome = await changeSuspension(context.db, {
    organizationId: params.id ?? '',
    adminId: admin.id,
    change: parsed.data.change,
    reason: parsed.data.reason,
  });
  if (outcome === 'not-found') throw data('Not found', { status: 404 });
  if (outcome === 'wrong-status')
    return data({ ok: false as const, message: 'suspendWrongStatus' as const }, 409);
  return {
    ok: true as const,
    message: parsed.data.change === 'suspend' ? ('suspendDone' as const) : ('reinstateDone' as const),
  };
}

export default function SuspendOrganization() {
  const { email, organization } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { locale } = useRootData();
  const t = translator(correctionMessages, locale);
  const ts = translator(staffMessages, locale);
  const change =
    organization.status === 'verified' ? 'suspend' : organization.status === 'suspended' ? 'reinstate' : null;
  const reasonError = result && !result.ok && result.message === 'suspendReasonRequired';
  return (
    <div className="staff-form">
      <h1>{t('suspendTitle')}</h1>
      <StaffNav email={email} isAdmin />
      <h2>{organization.name}</h2>
      <dl>
        <dt>{t('suspendStatus')}</dt>
        <dd>{ts(STATUS_KEY[organization.status])}</dd>
        <dt>{t('suspendServices')}</dt>
        <dd>{organization.services}</dd>
      </dl>
      {result ? (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? undefined : 'form-error'}>
          {t(result.message)}
        </p>
      ) : null}
      <p>{t('suspendExplain')}</p>
      {change ? (
        <Form method="post" noValidate>
          <input type="hidden" name="change" value={change} />
          <div className="field">
            <label htmlFor="suspend-reason">{t('suspendReason')}</label>
            <textarea
              id="suspend-reason"
              name="reason"
              rows={3}
              maxLength={2000}
              required
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? 'suspend-reason-error' : undefined}
            />
            {reasonError ? (
              <p id="suspend-reason-error" className="field-error">
                {t('suspendReasonRequired')}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button-primary">
            {change === 'suspend' ? t('suspendButton') : t('reinstateButton')}
          </button>
        </Form>
      ) : (
        <p>{t('suspendNotPossible')}</p>
      )}
    </div>
  );
}

export const meta = titleMeta(correctionMessages, 'suspendTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
