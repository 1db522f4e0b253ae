/**
 * /staff/admin/organizations?status=pending — the verification queue (admins only): each
 * request with its details, likely duplicates (pg_trgm), a checklist, and Verify / Reject
 * (reason mailed) / Ask for more information. Every decision is an audit event.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { decideOrganization, listOrganizationReviews } from '~/accounts/organizations.server';
import { DECISIONS, REVIEW_STATUSES } from '~/accounts/schema';
import { requireAdmin } from '~/accounts/permissions.server';
import { DecisionButtons } from '~/components/decision-buttons';
import { ErrorPage } from '~/components/error-page';
import { titleMeta } from '~/components/meta';
import { useRootData } from '~/components/root-data';
import { StaffNav } from '~/components/staff-nav';
import { STATUS_KEY, staffMessages } from '~/i18n/messages/staff';
import { taxonomyMessages } from '~/i18n/messages/taxonomy';
import { translator } from '~/i18n/i18n';
import { linkBase, requireMail } from '~/mail/sender.server';

const querySchema = z.object({ status: z.enum(REVIEW_STATUSES).default('pending') });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireAdmin(request, context);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw data('Unknown status', { status: 400 });
  return {
    email: user.email,
    status: query.data.status,
    reviews: await listOrganizationReviews(context.db, query.data.status),
  };
}

const decisionSchema = z
  .object({
    organizationId: z.string().uuid(),
    decision: z.enum(DECISIONS),
    reason: z.string().trim().max(2000).optional(),
    checkWebsite: z.literal('on').optional(),
    checkPhone: z.literal('on').optional(),
    checkDuplicate: z.literal('on').optional(),
  })
  .transform((value) => ({ ...value, reason: value.reason || null }));

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, context);
  requireMail(context.config);
  const parsed = decisionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw data('Bad decision', { status: 400 });
  const input = parsed.data;
  if (input.decision === 'verify' && !(input.checkWebsite && input.checkPhone && input.checkDuplicate))
    return data({ ok: false as const, message: 'decisionChecklist' as const }, 400);
  if (input.decision !== 'verify' && !input.reason)
    return data({ ok: false as const, message: 'decisionReason' as const }, 400);
  const done = await decideOrganization(
    context.db,
    {
      organizationId: input.organizationId,
      adminId: admin.id,
      decision: input.decision,
      reason: input.reason,
    },
    { siteName: context.config.SITE_NAME, baseUrl: linkBase(context.config, request) },
  );
  if (!done) return data({ ok: false as const, message: 'decisionGone' as const }, 409);
  const message =
    input.decision === 'verify'
      ? ('decisionVerify' as const)
      : input.decision === 'reject'
        ? ('decisionReject' as const)
        : ('decisionRequestInfo' as const);
  return { ok: true as const, message };
}

const DUPLICATE_KEY = {
  name: 'duplicateName',
  website: 'duplicateWebsite',
  phone: 'duplicatePhone',
} as const;

export default function OrganizationQueue() {
  const { email, status, reviews } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { locale } = useRootData();
  const t = translator(staffMessages, locale);
  const tt = translator(taxonomyMessages, locale);
  return (
    <div>
      <h1>
        {t('queueTitle')}: {t(STATUS_KEY[status])}
      </h1>
      <StaffNav email={email} isAdmin />
      {result ? (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? undefined : 'form-error'}>
          {t(result.message)}
        </p>
      ) : null}
      <Form method="get" className="search-box">
        <label htmlFor="queue-status" className="visually-hidden">
          {t('queueStatus')}
        </label>
        <select id="queue-status" name="status" defaultValue={status}>
          {REVIEW_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(STATUS_KEY[value])}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          {t('queueShow')}
        </button>
      </Form>
      {reviews.length === 0 ? <p>{t('queueEmpty')}</p> : null}
      <ul className="results-list">
        {reviews.map((review) => (
          <li key={review.id}>
            <article aria-labelledby={`org-${review.id}`}>
              <h2 id={`org-${review.id}`}>{review.name}</h2>
              <dl>
                {review.website ? (
                  <>
                    <dt>{t('website')}</dt>
                    <dd>{review.website}</dd>
                  </>
                ) : null}
                {review.ein ? (
                  <>
                    <dt>{t('einLabel')}</dt>
                    <dd>{review.ein}</dd>
                  </>
                ) : null}
                <dt>{t('contact')}</dt>
                <dd>
                  {review.contactName} · {review.email} · {review.phone}
                </dd>
                <dt>{t('offers')}</dt>
                <dd>
                  {review.categories.length === 0
                    ? t('referOnly')
                    : review.categories.map((slug) => tt(`category.${slug}` as never)).join(', ')}
                </dd>
                <dt>{t('serviceAreaLabel')}</dt>
                <dd>{review.serviceArea}</dd>
                <dt>{t('statementLabel')}</dt>
                <dd className="pre-line">{review.statement}</dd>
              </dl>
              {review.infoRequested ? <p className="muted">{t('infoRequested')}</p> : null}
              <h3>{t('duplicatesTitle')}</h3>
              {review.duplicates.length === 0 ? (
                <p>{t('noDuplicates')}</p>
              ) : (
                <ul>
                  {review.duplicates.map((duplicate) => (
                    <li key={duplicate.id}>
                      {duplicate.name} (
                      {duplicate.reasons.map((reason) => t(DUPLICATE_KEY[reason])).join(', ')})
                    </li>
                  ))}
                </ul>
              )}
              {review.status === 'pending' ? (
                <Form method="post" className="staff-form">
                  <input type="hidden" name="organizationId" value={review.id} />
                  <fieldset>
                    <legend>{t('checklist')}</legend>
                    <label className="check">
                      <input type="checkbox" name="checkWebsite" />
                      {t('checkWebsite')}
                    </label>
                    <label className="check">
                      <input type="checkbox" name="checkPhone" />
                      {t('checkPhone')}
                    </label>
                    <label className="check">
                      <input type="checkbox" name="checkDuplicate" />
                      {t('checkDuplicate')}
                    </label>
                  </fieldset>
                  <div className="field">
                    <label htmlFor={`reason-${review.id}`}>{t('reason')}</label>
                    <textarea id={`reason-${review.id}`} name="reason" rows={3} maxLength={2000} />
                  </div>
                  <DecisionButtons
                    choices={[
                      { value: 'verify', label: t('verify') },
                      { value: 'request_info', label: t('requestInfo') },
                      { value: 'reject', label: t('reject') },
                    ]}
                  />
                </Form>
              ) : null}
            </article>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta = titleMeta(staffMessages, 'queueTitle');

export function ErrorBoundary() {
  return <ErrorPage />;
}
