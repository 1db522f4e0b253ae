/**
 * /staff/corrections — the corrections queue. Owners and editors see their organizations'
 * reports, admins everyone's; a caseworker gets 403. Accept opens the service editor with the
 * suggestion beside its field; dismiss needs a reason; spam is just marked. All audited.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requireUser, type StaffUser } from '~/accounts/permissions.server';
import { DecisionButtons } from '~/components/decision-buttons';
import { ErrorPage } from '~/components/error-page';
import { titleMeta } from '~/components/meta';
import { useLocalizeHref, useRootData } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import {
  correctionScope,
  decideCorrection,
  editorUrlFor,
  listCorrections,
} from '~/corrections/corrections.server';
import { decisionSchema, QUEUE_STATUSES } from '~/corrections/schema';
import { formatConfirmedDate } from '~/freshness/freshness';
import { correctionMessages, KIND_KEY, QUEUE_STATUS_KEY } from '~/i18n/messages/corrections';
import { translator } from '~/i18n/i18n';

function scopeOf(user: StaffUser) {
  const scope = correctionScope(user);
  if (!scope) throw data('Forbidden', { status: 403 });
  return scope;
}

const querySchema = z.object({ status: z.enum(QUEUE_STATUSES).default('open') });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const scope = scopeOf(user);
  const query = querySchema.safeParse({
    status: new URL(request.url).searchParams.get('status') ?? undefined,
  });
  if (!query.success) throw data('Unknown status: use open, accepted, dismissed or spam', { status: 400 });
  return {
    email: user.email,
    isAdmin: user.isAdmin,
    status: query.data.status,
    corrections: await listCorrections(context.db, { scope, status: query.data.status }),
  };
}

type ActionResult =
  | { ok: true; message: 'decisionDismissed' | 'decisionSpam' }
  | {
      ok: false;
      message: 'decisionHandled' | 'reasonRequired' | 'reasonTooLong';
      correctionId: string | null;
    };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const scope = scopeOf(user);
  const form = Object.fromEntries(await request.formData());
  const parsed = decisionSchema.safeParse(form);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.path[0] === 'reason')
      return data<ActionResult>(
        {
          ok: false,
          message: issue.message === 'reasonTooLong' ? 'reasonTooLong' : 'reasonRequired',
          correctionId: typeof form.correctionId === 'string' ? form.correctionId : null,
        },
        400,
      );
    throw data(`Bad ${String(issue.path[0] ?? 'form')}`, { status: 400 });
  }
  const input = parsed.data;
  const result = await decideCorrection(context.db, {
    correctionId: input.correctionId,
    scope,
    actorId: user.id,
    decision: input.decision,
    reason: input.reason,
  });
  if (result.outcome !== 'done') {
    if (result.outcome === 'not-found') throw data('Not found', { status: 404 });
    return data<ActionResult>(
      { ok: false, message: 'decisionHandled', correctionId: input.correctionId },
      409,
    );
  }
  if (input.decision === 'accept') return redirect(editorUrlFor(result.serviceId, input.correctionId));
  return data<ActionResult>({
    ok: true,
    message: input.decision === 'spam' ? 'decisionSpam' : 'decisionDismissed',
  });
}

export default function CorrectionsQueue() {
  const { email, isAdmin, status, corrections } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { locale } = useRootData();
  const localize = useLocalizeHref();
  const t = translator(correctionMessages, locale);
  return (
    <div>
      <h1>
        {t('queueTitle')}: {t(QUEUE_STATUS_KEY[status])}
      </h1>
      <StaffNav email={email} isAdmin={isAdmin} />
      <p>{t('queueIntro')}</p>
      {result ? (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? undefined : 'form-error'}>
          {t(result.message)}
        </p>
      ) : null}
      <Form method="get" className="search-box">
        <label htmlFor="queue-status">{t('queueStatus')}</label>
        <select id="queue-status" name="status" defaultValue={status}>
          {QUEUE_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(QUEUE_STATUS_KEY[value])}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          {t('queueShow')}
        </button>
      </Form>
      {corrections.length === 0 ? <p>{t('queueEmpty')}</p> : null}
      <ul className="results-list">
        {corrections.map((correction) => {
          const reasonError =
            result &&
            !result.ok &&
            result.correctionId === correction.id &&
            result.message !== 'decisionHandled';
          const reasonId = `reason-${correction.id}`;
          return (
            <li key={correction.id}>
              <article aria-labelledby={`correction-${correction.id}`}>
                <h2 id={`correction-${correction.id}`}>
                  {correction.serviceName}: {t(KIND_KEY[correction.kind])}
                </h2>
                <dl>
                  <dt>{t('serviceLabel')}</dt>
                  <dd>
                    <Link to={localize(`/services/${correction.serviceId}`)}>{correction.serviceName}</Link>
                  </dd>
                  <dt>{t('organizationLabel')}</dt>
                  <dd>{correction.organizationName}</dd>
                  <dt>{t('problemLabel')}</dt>
                  <dd>{t(KIND_KEY[correction.kind])}</dd>
                  <dt>{t('detailsLabel')}</dt>
                  <dd className="pre-line">{correction.note || t('noDetails')}</dd>
                  {correction.decisionReason ? (
                    <>
                      <dt>{t('decisionReasonLabel')}</dt>
                      <dd className="pre-line">{correction.decisionReason}</dd>
                    </>
                  ) : null}
                </dl>
                <p className="muted">
                  {t('reportedOn', { date: formatConfirmedDate(correction.createdAt, locale) })}
                </p>
                {correction.status === 'open' ? (
                  <Form method="post" className="staff-form">
                    <input type="hidden" name="correctionId" value={correction.id} />
                    <div className="field">
                      <label htmlFor={reasonId}>{t('reasonLabel')}</label>
                      <textarea
                        id={reasonId}
                        name="reason"
                        rows={2}
                        maxLength={2000}
                        aria-invalid={reasonError ? true : undefined}
                        aria-describedby={reasonError ? `${reasonId}-error` : undefined}
                      />
                      {reasonError ? (
                        <p id={`${reasonId}-error`} className="field-error">
                          {t(result.message)}
                        </p>
                      ) : null}
                    </div>
                    <DecisionButtons
                      choices={[
                        { value: 'accept', label: t('accept') },
                        { value: 'dismiss', label: t('dismiss') },
                        { value: 'spam', label: t('markSpam') },
                      ]}
                    />
                  </Form>
                ) : null}
              </article>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export const meta = titleMeta(correctionMessages, 'queueTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
